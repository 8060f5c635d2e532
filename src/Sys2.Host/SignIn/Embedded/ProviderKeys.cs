using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;

namespace Sys2.Host.SignIn.Embedded;

/// <summary>
/// The embedded provider's keys, kept in files (mode 0600) so that tokens survive a restart and
/// every host of one installation signs alike: an RSA key signs tokens, an AES key encrypts what
/// only the provider reads back (authorization codes, refresh tokens). Made on first start.
/// </summary>
public sealed record ProviderKeys(RsaSecurityKey Signing, SymmetricSecurityKey Encryption)
{
    public static ProviderKeys LoadOrCreate(string folder)
    {
        Directory.CreateDirectory(folder);
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);

        var rsa = RSA.Create();
        rsa.ImportFromPem(ReadOrCreate(Path.Combine(folder, "signing.pem"), () =>
        {
            using var fresh = RSA.Create(3072);
            return fresh.ExportPkcs8PrivateKeyPem();
        }));
        var aes = Convert.FromBase64String(ReadOrCreate(Path.Combine(folder, "encryption.key"),
            () => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))).Trim());
        // A stable key id, so that a client caching the JWKS finds the key a token names.
        var kid = Convert.ToHexString(SHA256.HashData(rsa.ExportSubjectPublicKeyInfo()))[..16].ToLowerInvariant();
        return new ProviderKeys(new RsaSecurityKey(rsa) { KeyId = kid }, new SymmetricSecurityKey(aes));
    }

    /// <summary>
    /// Two hosts starting together must end with the same key: the file is written aside and moved
    /// into place only if none is there yet; whoever loses reads the winner's.
    /// </summary>
    private static string ReadOrCreate(string path, Func<string> create)
    {
        if (File.Exists(path)) return File.ReadAllText(path);
        var aside = $"{path}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp";
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        using (var writer = new StreamWriter(aside, System.Text.Encoding.ASCII, options)) writer.Write(create());
        try { File.Move(aside, path, overwrite: false); }
        catch (IOException) when (File.Exists(path)) { File.Delete(aside); }
        return File.ReadAllText(path);
    }
}
