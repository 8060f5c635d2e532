using Sys2.Workflows.Runtime;

namespace Sys2.Host.Web;

/// <summary>
/// A term's ledger (<see cref="ClockLedger"/>, the engine's own account of the clock) in the words of an
/// Italian office: why the term ends on the day it ends. Nothing is computed here: only worded.
/// </summary>
public static class TermLedger
{
    public static string Line(ClockLedgerEntry e) => e.Kind switch
    {
        ClockLedgerKind.Started =>
            $"Avviato il {ItalianText.DateTime(e.At)}"
            + (e.From is { } from ? $", con decorrenza dal {ItalianText.DateTime(from)}" : "")
            + (e.FromFallback is { Length: > 0 } fallback ? $" (la data di decorrenza prevista non è stata usata: {fallback})" : "")
            + (e.Days is { } days ? $": {days} giorni di calendario, senza contare il giorno iniziale (art. 2963 c.2 c.c.)" : "")
            + End(e) + Basis(e),
        ClockLedgerKind.Suspended =>
            $"Sospeso il {ItalianText.DateTime(e.At)} per {Ground(e.Reason)}"
            + (e.DaysLeft is { } left ? $": restavano {Days(left)} fino all'ultimo giorno{(e.LastDay is { } last ? $", il {Day(last)}" : "")}" : "")
            + (e.ResumeBy is { } by ? $"; riprende al più tardi il {ItalianText.DateTime(by)}" : "") + Basis(e),
        ClockLedgerKind.SuspensionMoved =>
            $"Sospensione ridefinita il {ItalianText.DateTime(e.At)}"
            + (e.ResumeBy is { } by ? $": riprende al più tardi il {ItalianText.DateTime(by)}" : "") + Basis(e),
        ClockLedgerKind.Resumed =>
            $"Ripreso il {ItalianText.DateTime(e.At)}"
            + (e.PausedDays is { } paused ? $" dopo {Days(paused)} di sospensione, che non si contano" : "")
            + (e.Days is { } days ? $": {(e.PausedDays is null ? "riparte per intero, " : "restano ")}{Days(days)}" : "")
            + End(e) + (e.Reason is { Length: > 0 } cause ? $" ({cause})" : ""),
        ClockLedgerKind.Extended =>
            $"Prolungato il {ItalianText.DateTime(e.At)} a {(e.Days is { } days ? Days(days) : "un termine più lungo")} dallo stesso inizio" + End(e) + Basis(e),
        ClockLedgerKind.Interrupted => $"Interrotto il {ItalianText.DateTime(e.At)}: ripartirà per intero" + Basis(e),
        ClockLedgerKind.Stopped => $"Concluso il {ItalianText.DateTime(e.At)}: il termine non decorre più",
        ClockLedgerKind.Expired =>
            $"Decorso il {ItalianText.DateTime(e.At)}" + (e.Reason is { Length: > 0 } effect && effect != "none" ? $", con effetto di {effect}" : ", senza effetti automatici"),
        ClockLedgerKind.OperationRefused => $"Operazione non applicata il {ItalianText.DateTime(e.At)}: {e.Reason}",
        _ => e.Kind.ToString(),
    };

    /// <summary>Where the term ends now, in one sentence.</summary>
    public static string Summary(ClockExplanation clock) => clock.Current switch
    {
        { Status: ClockStatus.Running, DueAt: { } due } => $"Scade il {ItalianText.DateTime(due)}" + (clock.Basis is { } b ? $" ({b})" : ""),
        { Status: ClockStatus.Suspended } => "Sospeso: la nuova scadenza si conosce alla ripresa",
        { Status: ClockStatus.Interrupted } => "Interrotto: ripartirà per intero",
        { Status: ClockStatus.Expired } => "Decorso",
        { Status: ClockStatus.Stopped } => "Concluso",
        _ => "",
    };

    private static string End(ClockLedgerEntry e) =>
        e.DueAt is not { } due ? ""
        : e.ShiftedFrom is { } own
            ? $"; l'ultimo giorno, il {Day(own)}, è domenica o festivo: la scadenza è prorogata al primo giorno non festivo, il {ItalianText.DateTime(due)} (art. 2963 c.3 c.c.)"
            : $"; scade il {ItalianText.DateTime(due)}";

    private static string Basis(ClockLedgerEntry e) => e.Basis is { Length: > 0 } basis ? $" – {basis}" : "";

    private static string Ground(string? reason) => reason switch
    {
        SuspensionReasons.Integration => "richiesta di integrazioni o chiarimenti",
        SuspensionReasons.Preavviso => "preavviso di rigetto (comunicazione dei motivi ostativi)",
        null or "" => "motivo non indicato",
        var other => other,
    };

    private static string Days(int days) => days == 1 ? "1 giorno" : $"{days} giorni";

    private static string Day(DateOnly day) => ItalianText.Date(LegalCalendar.StartOfDay(day));
}
