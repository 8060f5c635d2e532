namespace Sys2.PrivatePostgres;

/// <summary>The last lines of the server log: where PostgreSQL says why it would not start.</summary>
internal static class LogTail
{
    public static string Read(string logFile, int lines = 20)
    {
        try
        {
            if (!File.Exists(logFile)) return "";
            // The server may still be writing it; open shared so we never block or disturb it.
            using var stream = new FileStream(logFile, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var reader = new StreamReader(stream);
            var all = reader.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries);
            return string.Join(Environment.NewLine, all.TakeLast(lines));
        }
        catch (IOException e)
        {
            return $"(could not read {logFile}: {e.Message})";
        }
        catch (UnauthorizedAccessException e)
        {
            return $"(could not read {logFile}: {e.Message})";
        }
    }
}
