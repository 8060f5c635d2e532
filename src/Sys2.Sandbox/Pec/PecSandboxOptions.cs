namespace Sys2.Sandbox.Pec;

/// <summary>Section <c>Sandbox:Pec</c>: the simulated PEC provider (gestore).</summary>
public sealed class PecSandboxOptions
{
    public const string Section = "Sandbox:Pec";

    /// <summary><c>Sandbox:Pec:SmtpPort</c>; 0 takes a free port, read back from <see cref="PecProviderServer.Port"/>.</summary>
    public int SmtpPort { get; set; }

    public string ListenAddress { get; set; } = "127.0.0.1";

    /// <summary>The provider's domain, in its message ids and its receipts' <c>gestore-emittente</c>.</summary>
    public string ProviderDomain { get; set; } = "pec.sandbox.invalid";

    public int MaxMessageBytes { get; set; } = 30 * 1024 * 1024;

    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Recipients whose mailbox refuses every message (full, closed, no such domicilio): a ricevuta di mancata consegna.</summary>
    public List<string> Undeliverable { get; set; } = ["casella.piena@pec.sandbox.invalid"];

    /// <summary>Seeded share of accepted messages that are not delivered (fault injection, drawn on the <c>pec</c> system's random source).</summary>
    public double UndeliveredShare { get; set; }

    /// <summary>How long after the accettazione the consegna (or its failure) is certified.</summary>
    public TimeSpan DeliveryDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Where receipts are posted (<c>Sandbox:Pec:CallbackUrl</c>); none: they are only kept.</summary>
    public Uri? CallbackUrl { get; set; }

    /// <summary>Shared secret: each receipt carries <c>X-Sys2-Signature: sha256=HMAC(secret, body)</c>, as MPay's do.</summary>
    public string? CallbackSecret { get; set; }

    public int DeliveryAttempts { get; set; } = 5;

    public TimeSpan DeliveryTimeout { get; set; } = TimeSpan.FromSeconds(5);
}
