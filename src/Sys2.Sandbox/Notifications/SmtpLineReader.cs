namespace Sys2.Sandbox.Notifications;

/// <summary>
/// Reads CRLF-terminated lines as bytes (a message body may be 8-bit; decoding is MimeKit's job).
/// A line longer than the limit is consumed to its end and reported as too long.
/// </summary>
internal sealed class SmtpLineReader(Stream stream)
{
    private readonly byte[] _buffer = new byte[8192];
    private int _start;
    private int _end;

    public sealed record Line(byte[] Bytes, bool TooLong);

    public async Task<Line?> ReadAsync(int maxLength, CancellationToken ct)
    {
        using var line = new MemoryStream();
        var tooLong = false;
        while (true)
        {
            if (_start == _end)
            {
                _start = 0;
                _end = await stream.ReadAsync(_buffer, ct);
                if (_end == 0) return null;
            }
            var newline = Array.IndexOf(_buffer, (byte)'\n', _start, _end - _start);
            var stop = newline < 0 ? _end : newline;
            if (!tooLong)
            {
                line.Write(_buffer, _start, stop - _start);
                if (line.Length > maxLength) tooLong = true;
            }
            if (newline < 0)
            {
                _start = _end;
                continue;
            }
            _start = newline + 1;
            var bytes = line.ToArray();
            if (bytes.Length > 0 && bytes[^1] == '\r') bytes = bytes[..^1];
            return new Line(bytes, tooLong);
        }
    }
}
