namespace Sys2.Host.Invoices;

/// <summary>
/// A file as a channel hands it over: its name and bytes, and what SdI said about it in the
/// metadata message (MT) that travels with every file it delivers, when the channel has one.
/// </summary>
/// <param name="Channel">intermediamarche, upload or pec-folder: where the file came from, for the record.</param>
/// <param name="DeliveredAt">The delivery date of the RC: SdI's 15 days for an outcome run from here.</param>
/// <param name="Metadata">The MT file (<c>MetadatiInvioFile</c>), when it came with the invoice.</param>
/// <param name="OnlyFor">An upload by a person of this entity: an invoice addressed to another entity opens nothing.</param>
public sealed record InvoiceDelivery(string Channel, string FileName, byte[] Content, DateTimeOffset DeliveredAt,
    string? IdentificativoSdI = null, byte[]? Metadata = null, string? By = null, string? OnlyFor = null)
{
    public const string IntermediaMarche = "intermediamarche", Upload = "upload", PecFolder = "pec-folder";
}

/// <summary>What became of a delivery: the file's record, and whether this delivery was the first.</summary>
public sealed record IngestOutcome(ReceivedInvoiceFile File, bool AlreadyReceived);
