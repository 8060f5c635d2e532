namespace Sys2.Invoices;

/// <summary>
/// What an untrusted file may cost the reader. A file past any of them is <see cref="InvoiceVerdict.Unsafe"/> and is
/// not parsed further, so the cost of a hostile file is bounded by these numbers and not by what it asks for.
/// </summary>
public sealed record InvoiceReadLimits
{
    /// <summary>SdI refuses files over 5 MB (code 00003 of the specifiche tecniche); we refuse them at the door too.</summary>
    public const int SdiMaxFileBytes = 5 * 1024 * 1024;

    public static InvoiceReadLimits Default { get; } = new();

    public int MaxFileBytes { get; init; } = SdiMaxFileBytes;

    /// <summary>A FatturaPA is about ten levels deep (Body/DatiBeniServizi/DettaglioLinee/AltriDatiGestionali/...).</summary>
    public int MaxDepth { get; init; } = 64;

    /// <summary>The schema's elements have at most a couple of attributes; the namespaces add a few.</summary>
    public int MaxAttributesPerElement { get; init; } = 32;

    /// <summary>Characters of decoded text: a 5 MB file in a one-byte encoding has at most 5 M characters.</summary>
    public long MaxCharactersInDocument { get; init; } = SdiMaxFileBytes;
}
