namespace Sys2.Host.Invoices;

/// <summary><c>Sys2:Integrations:intermediamarche</c>: what the host needs to take IntermediaMarche's posts.</summary>
public sealed class IntermediaMarcheOptions
{
    public const string Section = "Sys2:Integrations:intermediamarche";

    /// <summary>The secret shared with IntermediaMarche; each post is signed with it (<c>X-Sys2-Signature</c>). Unset: every post is refused.</summary>
    public string? CallbackSecret { get; set; }
}

/// <summary><c>Sys2:Invoices</c>.</summary>
public sealed class InvoiceOptions
{
    public const string Section = "Sys2:Invoices";

    /// <summary>
    /// A folder where invoices received by PEC are dropped (each with its SdI metadata file,
    /// <c>…_MT_001.xml</c>, beside it). Unset: no folder is watched.
    /// </summary>
    public string? InboxFolder { get; set; }

    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// The CIG is required for payment (L. 136/2010 art. 3, DL 66/2014 art. 25): on by default; an entity with
    /// payments outside the traceability rules turns it off.
    /// </summary>
    public bool RequireCig { get; set; } = true;

    /// <summary>The CUP is required (L. 3/2003 art. 11): for an entity whose invoices are mostly for investment projects.</summary>
    public bool RequireCup { get; set; }

    public Sys2.Invoices.LiquidationRules Rules => new() { RequireCig = RequireCig, RequireCup = RequireCup };

    /// <summary>The largest file taken: SdI's own limit for a file is 5 MB.</summary>
    public int MaxFileBytes { get; set; } = 5 * 1024 * 1024;
}
