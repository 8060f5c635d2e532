using System.Security.Cryptography;
using Sys2.Workflows.Formats;

namespace Sys2.Host.Cases.Dossiers;

/// <summary>
/// The ECDSA P-256 key pair that signs dossiers. The private half is a file beside the anchor key
/// (<c>dossier-signing.key</c> in the folder of <see cref="AnchorSettings.KeyFile"/>), never in the database, made on
/// first use with mode 0600 like <see cref="AnchorKey"/>. The public half is published
/// (<c>GET /.well-known/sys2-dossier-key</c>, and its fingerprint on the auditor's page) so that whoever holds a dossier
/// can prove it came from this installation: the anchors' HMAC cannot do that for someone without the secret.
/// </summary>
public static class DossierKey
{
    public const string FileName = "dossier-signing.key";
    const string FingerprintPrefix = "sha256:";

    public static string PathBeside(AnchorSettings anchors) => Path.Combine(Path.GetDirectoryName(anchors.KeyFile)!, FileName);

    /// <summary>The key in <paramref name="path"/>, made there first when there is none.</summary>
    public static ECDsa LoadOrCreate(string path)
    {
        if (TryLoad(path) is { } existing) return existing;
        var folder = Path.GetDirectoryName(path)!;
        if (OperatingSystem.IsWindows()) Directory.CreateDirectory(folder);
        else Directory.CreateDirectory(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);

        var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        try
        {
            using var stream = new FileStream(path, options);
            using var writer = new StreamWriter(stream);
            writer.Write(key.ExportPkcs8PrivateKeyPem() + "\n");
        }
        catch (IOException) when (File.Exists(path))
        {
            // Another host made it first (CreateNew never overwrites): theirs is the key.
            key.Dispose();
            return TryLoad(path) ?? throw new InvalidOperationException($"The dossier key file {path} is being written by another process; try again.");
        }
        return key;
    }

    /// <summary>The key, or null when the file does not exist or is still empty.</summary>
    public static ECDsa? TryLoad(string path)
    {
        if (!File.Exists(path)) return null;
        var pem = File.ReadAllText(path);
        if (pem.Trim().Length == 0) return null;
        var key = ECDsa.Create();
        key.ImportFromPem(pem);
        return key;
    }

    /// <summary>The public key as PEM (SubjectPublicKeyInfo): what the installation publishes.</summary>
    public static string PublicPem(ECDsa key) => key.ExportSubjectPublicKeyInfoPem() + "\n";

    /// <summary><c>sha256:&lt;hex&gt;</c> of the public key's SubjectPublicKeyInfo: short enough to read out over the phone.</summary>
    public static string Fingerprint(byte[] subjectPublicKeyInfo) => FingerprintPrefix + Sha256Hex.Of(subjectPublicKeyInfo);

    public static string Fingerprint(ECDsa key) => Fingerprint(key.ExportSubjectPublicKeyInfo());

    /// <summary>A fingerprint as a person may type it (with or without <c>sha256:</c>, any case), or null when it is not one.</summary>
    public static string? NormalizeFingerprint(string text)
    {
        var hex = text.Trim().ToLowerInvariant();
        if (hex.StartsWith(FingerprintPrefix, StringComparison.Ordinal)) hex = hex[FingerprintPrefix.Length..];
        hex = hex.Replace(":", "", StringComparison.Ordinal);
        return Sha256Hex.IsDigest(hex) ? FingerprintPrefix + hex : null;
    }
}
