using System.Security.Cryptography;
using System.Text;

namespace Sys2.Integrations.MPay;

/// <summary>
/// The signature of a receipt callback: <c>sha256=</c> + hex HMAC-SHA256 of the exact body with a
/// secret shared with MPay. Checked in constant time, so the comparison leaks nothing.
/// </summary>
public static class CallbackSignature
{
    public const string Header = "X-Sys2-Signature";

    public static string Of(string secret, ReadOnlySpan<byte> body) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));

    public static bool Matches(string secret, ReadOnlySpan<byte> body, string? signature) =>
        signature is not null
        && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Of(secret, body)), Encoding.ASCII.GetBytes(signature));
}
