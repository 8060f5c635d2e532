namespace Sys2.Invoices.Tests.Support;

/// <summary>
/// The official FatturaPA files of shared/fixtures, read where they are: beside the checkout (<c>../shared</c>), or
/// beside a folder above it when the checkout is a worktree nested deeper (<c>wt/invoices</c>), or where
/// SYS2_SHARED names.
/// </summary>
public static class Fixtures
{
    public static string Shared { get; } = FindShared();

    public static string FatturaPa => Path.Combine(Shared, "fixtures", "fatturapa");

    public static byte[] Sample(string name) => File.ReadAllBytes(Path.Combine(FatturaPa, "samples", name));

    public static byte[] Invalid(string name) => File.ReadAllBytes(Path.Combine(FatturaPa, "invalid", name));

    public static string SampleText(string name) => File.ReadAllText(Path.Combine(FatturaPa, "samples", name));

    private static string FindShared()
    {
        if (Environment.GetEnvironmentVariable("SYS2_SHARED") is { Length: > 0 } configured) return configured;
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared");
            if (Directory.Exists(Path.Combine(candidate, "fixtures", "fatturapa"))) return candidate;
        }
        throw new InvalidOperationException($"no shared/fixtures/fatturapa beside any folder above {AppContext.BaseDirectory} (set SYS2_SHARED)");
    }
}
