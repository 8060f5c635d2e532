using Sys2.Invoices;

namespace Sys2.Sandbox.IntermediaMarche;

/// <summary>SdI's messages to the entity about a delivered file, written with the SdI schema's types (MessaggiTypes v1.1).</summary>
internal static class SdiAnswers
{
    public sealed record Answer(string Type, string FileName, byte[] Xml);

    /// <summary>The NE: the outcome forwarded to the supplier; the intermediary copies it to the entity as proof.</summary>
    public static Answer Forwarded(NotificaEsitoCommittente outcome, SimulatedSdi.DeliveredFile file)
    {
        var position = outcome.RiferimentoFattura?.PosizioneFattura ?? 1;
        var name = SdiFileNames.Message(file.FileName, SdiMessageKinds.NotificaEsito, position);
        var message = new NotificaEsito(outcome.IdentificativoSdI, file.FileName, outcome with { NomeFile = file.FileName }, MessageId(file, "NE", position));
        return new Answer(SdiMessageKinds.NotificaEsito, name, SdiMessages.Write(message));
    }

    /// <summary>The SE: the outcome came after the 15 days (EN01, not admissible); the decorrenza termini stands.</summary>
    public static Answer Discarded(NotificaEsitoCommittente outcome, SimulatedSdi.DeliveredFile file)
    {
        var position = outcome.RiferimentoFattura?.PosizioneFattura ?? 1;
        var name = SdiFileNames.Message(file.FileName, SdiMessageKinds.ScartoEsitoCommittente, position);
        var message = new ScartoEsitoCommittente(outcome.IdentificativoSdI, file.FileName, ScartoEsitoCommittente.NonAmmissibile, MessageId(file, "SE", position))
        {
            RiferimentoFattura = outcome.RiferimentoFattura,
            MessageIdCommittente = outcome.MessageIdCommittente,
            Note = "notifica non ammissibile: sono decorsi i 15 giorni dalla consegna",
        };
        return new Answer(SdiMessageKinds.ScartoEsitoCommittente, name, SdiMessages.Write(message));
    }

    /// <summary>The DT: 15 days have passed since the delivery with no outcome; the invoice is deemed received and not refused.</summary>
    public static Answer Decorrenza(SimulatedSdi.DeliveredFile file)
    {
        var name = SdiFileNames.Message(file.FileName, SdiMessageKinds.NotificaDecorrenzaTermini);
        var message = new NotificaDecorrenzaTermini(file.IdentificativoSdI, file.FileName,
            "Sono decorsi i 15 giorni dalla consegna senza notifica di esito del committente", MessageId(file, "DT", 1));
        return new Answer(SdiMessageKinds.NotificaDecorrenzaTermini, name, SdiMessages.Write(message));
    }

    /// <summary>SdI's message ids are numeric strings; derived here so a message written twice is the same message.</summary>
    private static string MessageId(SimulatedSdi.DeliveredFile file, string kind, int position) =>
        $"{file.IdentificativoSdI}{Array.IndexOf(["NE", "SE", "DT"], kind) + 1}{position:00}";
}
