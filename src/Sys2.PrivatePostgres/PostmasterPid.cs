using System.Globalization;

namespace Sys2.PrivatePostgres;

/// <summary>
/// Reads postmaster.pid, which the running server keeps in its data folder. Its fourth line is the port it
/// actually listens on: the truth even when our port file was lost or edited.
/// </summary>
internal static class PostmasterPid
{
    public static int? TryReadPort(string dataDirectory)
    {
        try
        {
            var lines = File.ReadAllLines(Path.Combine(dataDirectory, "postmaster.pid"));
            return lines.Length > 3 && int.TryParse(lines[3].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var port)
                ? port
                : null;
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }
}
