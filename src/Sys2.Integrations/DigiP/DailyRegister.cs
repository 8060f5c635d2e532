using System.Globalization;

namespace Sys2.Integrations.DigiP;

/// <summary>
/// The SIP of a daily register: one document generated from data (formation <c>d</c>), registered in the
/// entity's own register (Repertorio/Registro, internal flow), kept for ever. It is how the engine's daily
/// anchor of the audit chains reaches preservation beside the registro giornaliero di protocollo, which
/// must reach it by the next working day (DPR 445/2000 art. 53 c.2; AgID, Linee guida sul documento
/// informatico 2021, §3.1.6). The same day and entity always give the same bytes, so a resend is recognised.
/// </summary>
public static class DailyRegister
{
    public const string DocumentType = "Registro giornaliero";
    public const string RegisterType = Allegato5Metadata.RepertorioRegisterType;

    /// <param name="register">The register's bytes, as the entity's copy to keep (a text file).</param>
    /// <param name="closedAt">When the day closed: the package time, fixed for the day.</param>
    public static SubmissionPackage Build(string tenant, string registerName, DateOnly day, string fileName, byte[] register, int entries, DateTimeOffset closedAt)
    {
        var dayText = day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var number = $"{registerName}-{dayText}";
        var file = new SipFile(fileName, "text/plain", register, $"{tenant}-{number}", "d", DocumentType,
            new Registration("I", RegisterType, number, day, registerName),
            $"{DocumentType} {registerName} del {dayText}: {entries.ToString(CultureInfo.InvariantCulture)} pratiche");
        var holder = SipAgent.For(tenant);
        return SipBuilder.Build($"SIP-{tenant}-{number}", [file], holder, closedAt);
    }

    /// <summary>The idempotency key of a day's register of an entity: the same on every host and every resend.</summary>
    public static string IdempotencyKey(string tenant, string registerName, DateOnly day) =>
        $"{tenant}/{registerName}/{day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}";
}
