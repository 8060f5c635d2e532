namespace Sys2.Host.Invoices;

/// <summary>
/// One file as it reached Sys2 (from IntermediaMarche, an upload or the PEC inbox folder) and what
/// became of it: kept whatever its fate, so nothing received is lost. A refused file keeps every
/// reason; an unrouted one waits for an operator; an accepted one names the case of each invoice.
/// </summary>
/// <remarks>
/// Shared by the aggregation (not one table per entity): a file that cannot be routed belongs to no
/// entity yet. <see cref="Tenant"/> says whose it is once routed; only operators of that entity, or
/// of the whole aggregation, see it.
/// </remarks>
public sealed record ReceivedInvoiceFile
{
    /// <summary><c>sdi-{IdentificativoSdI}</c> when SdI named the file, else <c>sha-{digest}</c>.</summary>
    public required string Id { get; init; }

    public required string Channel { get; init; }
    public required string FileName { get; init; }
    public required string Sha256 { get; init; }
    public required long Size { get; init; }
    public required DateTimeOffset ReceivedAt { get; init; }
    public string? IdentificativoSdI { get; init; }

    /// <summary>Received, Refused (invalid), Unsafe (refused unread), Unrouted (no route for its office code), Rejected (an operator sent EC02 for it).</summary>
    public required ReceivedFileStatus Status { get; init; }

    public string? CodiceDestinatario { get; init; }

    /// <summary>The routed entity; null while unrouted or refused before its office code could be read.</summary>
    public string? Tenant { get; init; }

    /// <summary>Whose file store holds the bytes: the entity's, or <see cref="Unassigned"/>.</summary>
    public required string StoredIn { get; init; }

    public IReadOnlyList<ReceivedFileProblem> Problems { get; init; } = [];
    public string? Signer { get; init; }
    public DateTimeOffset? SignedAt { get; init; }
    public string? SignatureNote { get; init; }
    public IReadOnlyList<ReceivedInvoice> Invoices { get; init; } = [];

    /// <summary>
    /// SdI's messages about this file that reached no case when they came (a DT before the case waited for it, or after
    /// it moved on; an NS, an AT). A DT kept here is handed to its case when the case starts waiting for SdI's messages.
    /// </summary>
    public IReadOnlyList<ReceivedSdiMessage> Messages { get; init; } = [];

    /// <summary>The file store of files that belong to no entity yet (refused or unrouted).</summary>
    public const string Unassigned = "*";

    public static string IdFor(string? identificativoSdI, string sha256) =>
        identificativoSdI is { Length: > 0 } sdi ? $"sdi-{sdi}" : $"sha-{sha256}";
}

public enum ReceivedFileStatus { Received, Refused, Unsafe, Unrouted, Rejected }

public sealed record ReceivedFileProblem(string Code, string Message, string? Element, int? Line);

/// <summary>One invoice (body) of the file: the case it opened, or why it did not.</summary>
public sealed record ReceivedInvoice(int Position, string Number, DateOnly Date, string Supplier, long? TotalCents, string? CaseId, string? DuplicateOf, string? Refusal);

public sealed record ReceivedSdiMessage(string Type, string FileName, string Sha256, DateTimeOffset At, string? Note);

/// <summary>
/// The key that recognises one invoice however it arrives again (another SdI file, an upload of the
/// same invoice): supplier's country and VAT number, document type, number and date. Its id is the
/// key; the entity's own table, so two entities may each receive the same supplier's invoice.
/// </summary>
public sealed record InvoiceKey(string Id, string CaseId, string FileId, int Position);
