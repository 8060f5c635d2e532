using System.Globalization;
using System.Text;
using System.Xml.Linq;

namespace Sys2.Sandbox.Pec;

/// <summary>
/// The certified data of a PEC receipt (DM 2/11/2005, allegato, "daticert.xml"): <c>postacert</c> with
/// <c>tipo</c> and <c>errore</c>, the original's header (<c>intestazione</c>) and the provider's data
/// (<c>dati</c>: gestore-emittente, date and time with the zone, identificativo, msgid, consegna).
/// </summary>
public static class Daticert
{
    private static readonly TimeZoneInfo Italy = TimeZoneInfo.FindSystemTimeZoneById("Europe/Rome");

    public static byte[] Write(string tipo, string? errore, string sender, string recipient, string subject, string provider,
        DateTimeOffset at, string identificativo, string msgid, string? errorText)
    {
        var local = TimeZoneInfo.ConvertTime(at, Italy);
        var dati = new XElement("dati",
            new XElement("gestore-emittente", provider),
            new XElement("data", new XAttribute("zona", local.ToString("zzz", CultureInfo.InvariantCulture).Replace(":", "", StringComparison.Ordinal)),
                new XElement("giorno", local.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture)),
                new XElement("ora", local.ToString("HH:mm:ss", CultureInfo.InvariantCulture))),
            new XElement("identificativo", identificativo),
            new XElement("msgid", $"<{msgid.Trim('<', '>')}>"));
        if (errore is null) dati.Add(new XElement("ricevuta", new XAttribute("tipo", "completa")), new XElement("consegna", recipient));
        else dati.Add(new XElement("errore-esteso", errorText ?? errore));
        var doc = new XDocument(new XDeclaration("1.0", "UTF-8", null),
            new XElement("postacert", new XAttribute("tipo", tipo), new XAttribute("errore", errore ?? "nessuno"),
                new XElement("intestazione",
                    new XElement("mittente", sender),
                    new XElement("destinatari", new XAttribute("tipo", "certificato"), recipient),
                    new XElement("risposte", sender),
                    new XElement("oggetto", subject)),
                dati));
        using var stream = new MemoryStream();
        using (var writer = new StreamWriter(stream, new UTF8Encoding(false))) doc.Save(writer);
        return stream.ToArray();
    }
}
