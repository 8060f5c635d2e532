using Sys2.Host.Invoices;

namespace Sys2.Host.Web.Pages.Operatore;

/// <summary>A received file's fate in the words an operator reads.</summary>
public static class ReceivedFileText
{
    public static string Status(ReceivedFileStatus status) => status switch
    {
        ReceivedFileStatus.Received => "Ricevuto",
        ReceivedFileStatus.Refused => "Scartato: non valido",
        ReceivedFileStatus.Unsafe => "Scartato senza leggerlo: non sicuro",
        ReceivedFileStatus.Unrouted => "In attesa: nessun ente per il codice ufficio",
        ReceivedFileStatus.Rejected => "Rifiutato dall'operatore (EC02)",
        _ => status.ToString(),
    };

    /// <summary>The statuses an operator has to look at: the default of the list.</summary>
    public static readonly IReadOnlyList<ReceivedFileStatus> ToExamine = [ReceivedFileStatus.Refused, ReceivedFileStatus.Unsafe, ReceivedFileStatus.Unrouted];
}
