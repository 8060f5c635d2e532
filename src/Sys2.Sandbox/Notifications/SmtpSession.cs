using System.Text;
using MimeKit;
using Sys2.Sandbox.Faults;

namespace Sys2.Sandbox.Notifications;

/// <summary>
/// One client connection, speaking the part of RFC 5321 a mail client needs: EHLO/HELO, MAIL
/// FROM, RCPT TO, DATA (with dot-unstuffing), RSET, NOOP, QUIT. Honours the <c>smtp</c> fault
/// plan at the end of DATA, where a real server says whether it took the message.
/// </summary>
internal sealed class SmtpSession(Stream stream, MailInbox inbox, FaultInjector faults, MailSandboxOptions options)
{
    public const string FaultSystem = "smtp";
    private const string Host = "sandbox.sys2.invalid";

    /// <summary>RFC 5321 §4.5.3.1: a command line is at most 512 octets, a text line 1000.</summary>
    private const int MaxCommandLine = 512;
    private const int MaxTextLine = 1000;

    private readonly SmtpLineReader _reader = new(stream);
    private string? _helo;
    private string? _from;
    private readonly List<string> _recipients = [];

    public async Task RunAsync(CancellationToken ct)
    {
        await ReplyAsync(ct, $"220 {Host} ESMTP Sys2 sandbox sink");
        while (await ReadAsync(MaxCommandLine, ct) is { } line)
        {
            if (line.TooLong)
            {
                await ReplyAsync(ct, "500 5.5.6 Line too long");
                continue;
            }
            var text = Encoding.Latin1.GetString(line.Bytes);
            var space = text.IndexOf(' ');
            var verb = (space < 0 ? text : text[..space]).ToUpperInvariant();
            var argument = space < 0 ? "" : text[(space + 1)..].Trim();
            switch (verb)
            {
                case "EHLO":
                    _helo = argument;
                    Reset();
                    await ReplyAsync(ct, $"250-{Host} greets {argument}", "250-8BITMIME", $"250-SIZE {options.MaxMessageBytes}", "250 HELP");
                    break;
                case "HELO":
                    _helo = argument;
                    Reset();
                    await ReplyAsync(ct, $"250 {Host}");
                    break;
                case "MAIL":
                    await MailAsync(argument, ct);
                    break;
                case "RCPT":
                    await RecipientAsync(argument, ct);
                    break;
                case "DATA":
                    await DataAsync(ct);
                    break;
                case "RSET":
                    Reset();
                    await ReplyAsync(ct, "250 2.0.0 OK");
                    break;
                case "NOOP":
                    await ReplyAsync(ct, "250 2.0.0 OK");
                    break;
                case "VRFY":
                    await ReplyAsync(ct, "252 2.5.0 Cannot VRFY user, but will accept message");
                    break;
                case "QUIT":
                    await ReplyAsync(ct, "221 2.0.0 Bye");
                    return;
                default:
                    await ReplyAsync(ct, "502 5.5.2 Command not recognized");
                    break;
            }
        }
    }

    private async Task MailAsync(string argument, CancellationToken ct)
    {
        if (_helo is null) { await ReplyAsync(ct, "503 5.5.1 Send EHLO or HELO first"); return; }
        if (_from is not null) { await ReplyAsync(ct, "503 5.5.1 Sender already given"); return; }
        var path = Path(argument, "FROM:");
        if (path is null) { await ReplyAsync(ct, "501 5.5.4 Syntax: MAIL FROM:<address>"); return; }
        _from = path;
        await ReplyAsync(ct, "250 2.1.0 OK");
    }

    private async Task RecipientAsync(string argument, CancellationToken ct)
    {
        if (_from is null) { await ReplyAsync(ct, "503 5.5.1 Need MAIL before RCPT"); return; }
        var path = Path(argument, "TO:");
        if (string.IsNullOrEmpty(path)) { await ReplyAsync(ct, "501 5.5.4 Syntax: RCPT TO:<address>"); return; }
        if (_recipients.Count >= options.MaxRecipients) { await ReplyAsync(ct, "452 4.5.3 Too many recipients"); return; }
        _recipients.Add(path);
        await ReplyAsync(ct, "250 2.1.5 OK");
    }

    private async Task DataAsync(CancellationToken ct)
    {
        if (_recipients.Count == 0) { await ReplyAsync(ct, "503 5.5.1 Need RCPT before DATA"); return; }
        await ReplyAsync(ct, "354 End data with <CR><LF>.<CR><LF>");

        using var message = new MemoryStream();
        var tooBig = false;
        var lineTooLong = false;
        while (true)
        {
            var line = await ReadAsync(MaxTextLine, ct);
            if (line is null) return;
            var bytes = line.Bytes;
            if (bytes is [(byte)'.']) break;
            // Dot-stuffing (RFC 5321 §4.5.2): the client doubled every leading dot.
            if (bytes is [(byte)'.', ..]) bytes = bytes[1..];
            lineTooLong |= line.TooLong;
            if (message.Length + bytes.Length + 2 > options.MaxMessageBytes) tooBig = true;
            if (tooBig || lineTooLong) continue;
            message.Write(bytes);
            message.Write("\r\n"u8);
        }
        inbox.CountTransaction();
        var (from, recipients) = (_from!, _recipients.ToList());
        Reset();

        if (lineTooLong) { await ReplyAsync(ct, $"500 5.5.6 A line of the message is longer than {MaxTextLine} octets"); return; }
        if (tooBig) { await ReplyAsync(ct, $"552 5.3.4 Message larger than {options.MaxMessageBytes} bytes"); return; }
        var plan = faults.For(FaultSystem);
        if (plan.Latency > TimeSpan.Zero) await Task.Delay(plan.Latency, ct);
        if (faults.Draw(FaultSystem, plan.Timeouts))
        {
            await Task.Delay(plan.TimeoutDelay, ct);
            await ReplyAsync(ct, "451 4.4.2 smtp sandbox: injected timeout");
            return;
        }
        if (faults.Draw(FaultSystem, plan.ServerErrors))
        {
            await ReplyAsync(ct, "451 4.3.0 smtp sandbox: injected server error");
            return;
        }

        MimeMessage parsed;
        try
        {
            message.Position = 0;
            parsed = await MimeMessage.LoadAsync(message, ct);
        }
        catch (FormatException e)
        {
            await ReplyAsync(ct, $"554 5.6.0 Malformed message: {e.Message}");
            return;
        }
        var kept = inbox.Add(from, recipients, parsed);
        await ReplyAsync(ct, kept ? $"250 2.0.0 OK queued as {parsed.MessageId}" : $"250 2.0.0 OK duplicate {parsed.MessageId} dropped");
    }

    private void Reset()
    {
        _from = null;
        _recipients.Clear();
    }

    /// <summary>The address of <c>FROM:&lt;a@b&gt; PARAMS</c>; empty for the null path &lt;&gt;; null when malformed.</summary>
    private static string? Path(string argument, string prefix)
    {
        if (!argument.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)) return null;
        var rest = argument[prefix.Length..].TrimStart();
        var open = rest.IndexOf('<');
        var close = rest.IndexOf('>');
        return open == 0 && close > open ? rest[1..close] : null;
    }

    private async Task<SmtpLineReader.Line?> ReadAsync(int maxLength, CancellationToken ct)
    {
        using var idle = CancellationTokenSource.CreateLinkedTokenSource(ct);
        idle.CancelAfter(options.IdleTimeout);
        return await _reader.ReadAsync(maxLength, idle.Token);
    }

    private async Task ReplyAsync(CancellationToken ct, params string[] lines)
    {
        var text = string.Concat(lines.Select(l => l + "\r\n"));
        await stream.WriteAsync(Encoding.ASCII.GetBytes(text), ct);
        await stream.FlushAsync(ct);
    }
}
