using System.Text;
using System.Text.Json.Nodes;

namespace Sys2.Integrations.Notifications;

/// <summary>
/// The words of a notification, from a call's inputs: the subject the definition composed and the
/// free texts it passed (notes, measures, reasons…), each under its Italian label.
/// </summary>
public static class NotificationText
{
    private static readonly string[] NotText = ["to", "template", "subject"];

    private static readonly Dictionary<string, string> Labels = new(StringComparer.Ordinal)
    {
        ["notes"] = "Note",
        ["measures"] = "Misure prescritte",
        ["reasons"] = "Motivi ostativi",
        ["reason"] = "Motivo",
        ["request"] = "Documenti richiesti",
        // The avviso pagoPA (template avviso-pagopa): what a payer needs to pay it at any PSP.
        ["noticeNumber"] = "Codice avviso",
        ["creditorFiscalCode"] = "Codice fiscale dell'ente creditore",
        ["amount"] = "Importo",
        ["dueDate"] = "Scadenza",
    };

    public static IReadOnlyList<(string Label, string Text)> Details(JsonObject input) =>
        input.Where(p => !NotText.Contains(p.Key) && p.Value is JsonValue v && v.TryGetValue<string>(out var s) && !string.IsNullOrWhiteSpace(s))
            .Select(p => (Labels.GetValueOrDefault(p.Key, p.Key), p.Value!.GetValue<string>().Trim()))
            .ToList();

    public static string EmailBody(string? recipient, string subject, IReadOnlyList<(string Label, string Text)> details, string sender, string template)
    {
        var body = new StringBuilder();
        body.Append("Gentile ").Append(recipient ?? "utente").AppendLine(",").AppendLine();
        body.AppendLine(subject).AppendLine();
        foreach (var (label, text) in details) body.Append(label).Append(": ").AppendLine(text).AppendLine();
        body.AppendLine(sender);
        body.Append("Messaggio automatico (").Append(template).AppendLine("): si prega di non rispondere a questo indirizzo.");
        return body.ToString();
    }

    public static string Sms(string sender, string subject, IReadOnlyList<(string Label, string Text)> details)
    {
        var text = new StringBuilder(sender).Append(": ").Append(subject);
        foreach (var (label, detail) in details) text.Append(". ").Append(label).Append(": ").Append(detail);
        return GsmText.Fit(text.ToString());
    }
}
