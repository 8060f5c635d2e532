namespace Sys2.Invoices;

/// <summary>
/// What reading one received file found: the file's own SHA-256 (of the bytes as received, signed or not), the verdict,
/// every problem, the signature if the file was a <c>.p7m</c>, the invoice when it is valid, and the XML itself.
/// </summary>
public sealed record InvoiceFileReading(
    string FileName,
    string Sha256,
    InvoiceVerdict Verdict,
    IReadOnlyList<InvoiceProblem> Problems,
    InvoiceSignature? Signature,
    FatturaPaDocument? Document,
    byte[]? Payload)
{
    public bool IsValid => Verdict == InvoiceVerdict.Valid;
}

/// <summary>
/// <see cref="Valid"/>: a FatturaPA the schema accepts, every field we need read. <see cref="Invalid"/>: refused for
/// what it says (a missing element, a broken signature). <see cref="Unsafe"/>: refused for what it tries to do to the
/// reader (a DTD, entities, a size or depth past the limits); such a file is never parsed further.
/// </summary>
public enum InvoiceVerdict
{
    Valid,
    Invalid,
    Unsafe,
}

/// <summary>
/// One reason for refusal (or, from <see cref="LiquidationChecks"/>, one failed check). <see cref="Code"/> is stable
/// for programs (<see cref="InvoiceProblemCodes"/>); <see cref="Message"/> names the element and the value for people.
/// </summary>
public sealed record InvoiceProblem(string Code, string Message, string? Element, int? Line, int? Column)
{
    public override string ToString() => Line is { } line ? $"line {line}, column {Column}: {Message}" : Message;
}
