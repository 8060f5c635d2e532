using System.Globalization;
using System.Xml.Linq;

namespace Sys2.Invoices;

/// <summary>
/// Reads the fields of a FatturaPA tree, each missing or malformed one a problem at the line of the element that
/// should hold it ("line 53: DatiGeneraliDocumento/Numero is missing"), so one reading reports all of them. The
/// schema has already said the same for a v1.2 file; FSM10, read without its schema, relies on this alone.
/// </summary>
internal sealed class FieldReader(List<InvoiceProblem> problems)
{
    public IReadOnlyList<InvoiceProblem> Problems => problems;

    public XElement? Element(XElement parent, string path)
    {
        var at = parent;
        foreach (var step in path.Split('/'))
        {
            at = at.Element(step);
            if (at is null) return null;
        }
        return at;
    }

    public XElement? RequiredElement(XElement parent, string path)
    {
        var at = parent;
        foreach (var step in path.Split('/'))
        {
            var next = at.Element(step);
            if (next is null)
            {
                Missing(at, step);
                return null;
            }
            at = next;
        }
        return at;
    }

    public string? Text(XElement parent, string path) => Element(parent, path)?.Value.Trim() is { Length: > 0 } text ? text : null;

    public string RequiredText(XElement parent, string path)
    {
        var element = RequiredElement(parent, path);
        if (element is null) return "";
        var text = element.Value.Trim();
        if (text.Length == 0) Bad(element, "is empty");
        return text;
    }

    public long? Cents(XElement parent, string path) =>
        Element(parent, path) is { } element ? Amount(element) is { } euro ? Amounts.Cents(euro) : null : null;

    public long RequiredCents(XElement parent, string path) =>
        RequiredElement(parent, path) is { } element && Amount(element) is { } euro ? Amounts.Cents(euro) : 0;

    public decimal? Decimal(XElement parent, string path) => Element(parent, path) is { } element ? Amount(element) : null;

    public decimal RequiredDecimal(XElement parent, string path) =>
        RequiredElement(parent, path) is { } element ? Amount(element) ?? 0 : 0;

    public DateOnly? Date(XElement parent, string path) => Element(parent, path) is { } element ? DateOf(element) : null;

    public DateOnly RequiredDate(XElement parent, string path) =>
        RequiredElement(parent, path) is { } element ? DateOf(element) ?? default : default;

    public int RequiredInteger(XElement parent, string path)
    {
        if (RequiredElement(parent, path) is not { } element) return 0;
        if (int.TryParse(element.Value.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var value)) return value;
        Bad(element, $"'{element.Value.Trim()}' is not a whole number");
        return 0;
    }

    private decimal? Amount(XElement element)
    {
        var text = element.Value.Trim();
        if (Amounts.TryParse(text, out var value)) return value;
        Bad(element, $"'{text}' is not an amount (digits, a point, up to 8 decimals)");
        return null;
    }

    private DateOnly? DateOf(XElement element)
    {
        var text = element.Value.Trim();
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)) return date;
        Bad(element, $"'{text}' is not a date (YYYY-MM-DD)");
        return null;
    }

    public void Missing(XElement parent, string child)
    {
        var (line, column) = ElementPath.LineOf(parent);
        problems.Add(new InvoiceProblem(InvoiceProblemCodes.Missing,
            Located(line, $"{ElementPath.Short(parent, child)} is missing"),
            Join(ElementPath.Of(parent), child), line, column));
    }

    public void Bad(XElement element, string what)
    {
        var (line, column) = ElementPath.LineOf(element);
        var name = element.Parent is { } parent ? ElementPath.Short(parent, element.Name.LocalName) : element.Name.LocalName;
        problems.Add(new InvoiceProblem(InvoiceProblemCodes.BadValue, Located(line, $"{name} {what}"), ElementPath.Of(element), line, column));
    }

    private static string Join(string path, string child) => path.Length == 0 ? child : $"{path}/{child}";

    private static string Located(int? line, string message) => line is { } l ? $"line {l}: {message}" : message;
}
