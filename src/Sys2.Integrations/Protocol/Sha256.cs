namespace Sys2.Integrations.Protocol;

/// <summary>The SHA-256 digest as the engine carries it: 64 hexadecimal digits.</summary>
internal static class Sha256
{
    public const int HexLength = 64;

    public static bool IsHex(string? text) => text is { Length: HexLength } && text.All(char.IsAsciiHexDigit);
}
