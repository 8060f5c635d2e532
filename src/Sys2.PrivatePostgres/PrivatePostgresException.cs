namespace Sys2.PrivatePostgres;

/// <summary>The private cluster could not be set up, started, reached or stopped. The message says what to look at.</summary>
public sealed class PrivatePostgresException(string message, Exception? inner = null) : Exception(message, inner)
{
    internal static PrivatePostgresException CommandFailed(CommandResult result, string? logFile) =>
        new($"`{result.CommandLine}` failed with exit code {result.ExitCode}."
            + Section("Its output", result.Output)
            + (logFile is null ? "" : Section($"Last lines of {logFile}", LogTail.Read(logFile))));

    internal static string Section(string title, string text) =>
        string.IsNullOrWhiteSpace(text) ? "" : $"{Environment.NewLine}{title}:{Environment.NewLine}{text.TrimEnd()}";
}
