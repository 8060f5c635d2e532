using System.Security.Cryptography;

namespace Sys2.Host.Cases;

/// <summary>
/// The HMAC-SHA256 key that signs the chain anchors. It is never in the database: whoever can rewrite the
/// events (a superuser session) can recompute every SHA-256 of the chain, but cannot sign an anchor without
/// this file. Made on the host's first run, 256 random bits in hex, mode 0600.
/// </summary>
public static class AnchorKey
{
    const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>The key in <paramref name="path"/>, made there first when there is none.</summary>
    public static byte[] LoadOrCreate(string path)
    {
        if (TryLoad(path) is { } existing) return existing;
        var folder = Path.GetDirectoryName(path)!;
        if (OperatingSystem.IsWindows()) Directory.CreateDirectory(folder);
        else Directory.CreateDirectory(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);

        var key = RandomNumberGenerator.GetBytes(32);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = OwnerOnly;
        try
        {
            using var stream = new FileStream(path, options);
            using var writer = new StreamWriter(stream);
            writer.Write(Convert.ToHexStringLower(key) + "\n");
        }
        catch (IOException) when (File.Exists(path))
        {
            // Another host made it first (CreateNew never overwrites): theirs is the key.
            return TryLoad(path) ?? throw new InvalidOperationException($"The anchor key file {path} is being written by another process; try again.");
        }
        return key;
    }

    /// <summary>The key, or null when the file does not exist. A file that is not a key is an error, not a new start.</summary>
    public static byte[]? TryLoad(string path)
    {
        if (!File.Exists(path)) return null;
        var text = File.ReadAllText(path).Trim();
        if (text.Length == 0) return null;
        try
        {
            var key = Convert.FromHexString(text);
            if (key.Length >= 32) return key;
        }
        catch (FormatException)
        {
        }
        throw new InvalidOperationException($"The anchor key file {path} does not hold a key (at least 64 hex digits).");
    }
}
