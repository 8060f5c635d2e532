namespace Sys2.Invoices;

/// <summary>
/// The IPA codice univoco ufficio an FPA12 is addressed to (its <c>CodiceDestinatario</c>): 6 characters, digits
/// and capital letters, as IndicePA assigns them. The one check of that shape for the routing table, the
/// IntermediaMarche sandbox and the reading of a file.
/// </summary>
public static class OfficeCode
{
    public const int Length = 6;

    public static bool IsValid(string? code) =>
        code is { Length: Length } && code.All(c => char.IsAsciiDigit(c) || char.IsAsciiLetterUpper(c));
}
