using System.Security.Cryptography;
using System.Text;

namespace Sys2.Workflows.Formats;

/// <summary>
/// A SHA-256 digest as Sys2 writes it everywhere (documents, SIPs, definition versions, the audit
/// chain): 64 lower-case hexadecimal digits. Digests other systems send are accepted in either
/// case, since hexadecimal is case-blind, and compared ignoring case.
/// </summary>
public static class Sha256Hex
{
    public const int Length = 64;

    public static string Of(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    /// <summary>The digest of <paramref name="text"/> in UTF-8.</summary>
    public static string Of(string text) => Of(Encoding.UTF8.GetBytes(text));

    /// <summary>Whether <paramref name="text"/> is written as a SHA-256 digest: 64 hexadecimal digits.</summary>
    public static bool IsDigest(string? text) => text is { Length: Length } && text.All(char.IsAsciiHexDigit);
}
