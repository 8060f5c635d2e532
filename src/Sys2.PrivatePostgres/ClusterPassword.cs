using System.Security.Cryptography;

namespace Sys2.PrivatePostgres;

/// <summary>
/// The superuser's password, generated once and kept in the cluster folder (mode 0600). It lives beside the
/// data because whoever can read the data folder owns the cluster anyway; what it keeps out is every other
/// OS user of the machine, who before could open a superuser session with no password at all.
/// </summary>
internal static class ClusterPassword
{
    /// <summary>Read and write for its owner only: the cluster's owner (postgres when we are root), which root reads anyway.</summary>
    public const UnixFileMode Mode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>The password in the file, or null when there is none yet.</summary>
    public static string? TryRead(string path)
    {
        try
        {
            var password = File.ReadAllText(path).Trim();
            return password.Length == 0 ? null : password;
        }
        catch (FileNotFoundException)
        {
            return null;
        }
        catch (DirectoryNotFoundException)
        {
            return null;
        }
    }

    /// <summary>
    /// Writes a new random password, created with mode 0600 so it is never readable by others, not even for a
    /// moment. Hex only: it goes into connection strings and an ALTER ROLE literal without any quoting.
    /// </summary>
    public static string Create(string path)
    {
        var password = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = Mode;
        using (var stream = new FileStream(path, options))
        using (var writer = new StreamWriter(stream))
            writer.Write(password + "\n");
        // An existing file keeps its old mode through FileMode.Create; make sure of it.
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, Mode);
        return password;
    }
}
