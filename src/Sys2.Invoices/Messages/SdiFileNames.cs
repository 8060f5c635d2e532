using System.Text.RegularExpressions;

namespace Sys2.Invoices;

/// <summary>
/// SdI's file names (specifiche tecniche, §2.2): an invoice is the sender's country and fiscal code, an underscore and
/// a progressive of up to five letters or digits (<c>IT01234567890_00001.xml</c>, <c>.xml.p7m</c> when signed); a
/// message about it is that name without extension, the message's two letters and a three-digit progressive
/// (<c>IT01234567890_00001_RC_001.xml</c>).
/// </summary>
public static partial class SdiFileNames
{
    public static string Invoice(string countryCode, string fiscalCode, string progressive, bool signed = false)
    {
        if (!CountryPattern().IsMatch(countryCode)) throw new ArgumentException($"'{countryCode}' is not a two-letter country code", nameof(countryCode));
        if (!FiscalCodePattern().IsMatch(fiscalCode)) throw new ArgumentException($"'{fiscalCode}' is not a fiscal code (up to 28 letters or digits)", nameof(fiscalCode));
        if (!ProgressivePattern().IsMatch(progressive)) throw new ArgumentException($"'{progressive}' is not a progressive (1 to 5 letters or digits)", nameof(progressive));
        return $"{countryCode}{fiscalCode}_{progressive}.xml{(signed ? ".p7m" : "")}";
    }

    /// <summary><c>IT01234567890_00001_RC_001.xml</c> for the first RC about <c>IT01234567890_00001.xml.p7m</c>.</summary>
    public static string Message(string invoiceFileName, string kind, int progressive = 1)
    {
        if (!SdiMessageKinds.All.Contains(kind)) throw new ArgumentException($"'{kind}' is not an SdI message kind ({string.Join(", ", SdiMessageKinds.All)})", nameof(kind));
        if (progressive is < 1 or > 999) throw new ArgumentOutOfRangeException(nameof(progressive), progressive, "a message's progressive has three digits");
        var parsed = Parse(invoiceFileName) ?? throw new ArgumentException($"'{invoiceFileName}' is not an SdI invoice file name", nameof(invoiceFileName));
        return $"{parsed.Stem}_{kind}_{progressive:000}.xml";
    }

    /// <summary>The parts of an invoice's or a message's name, or null when it follows neither pattern.</summary>
    public static SdiFileName? Parse(string fileName)
    {
        var match = NamePattern().Match(fileName);
        if (!match.Success) return null;
        return new SdiFileName(
            match.Groups["country"].Value, match.Groups["code"].Value, match.Groups["progressive"].Value,
            match.Groups["kind"].Success ? match.Groups["kind"].Value : null,
            match.Groups["number"].Success ? int.Parse(match.Groups["number"].Value, System.Globalization.CultureInfo.InvariantCulture) : null,
            match.Groups["p7m"].Success);
    }

    [GeneratedRegex("^[A-Z]{2}$")]
    private static partial Regex CountryPattern();

    [GeneratedRegex("^[A-Za-z0-9]{1,28}$")]
    private static partial Regex FiscalCodePattern();

    [GeneratedRegex("^[A-Za-z0-9]{1,5}$")]
    private static partial Regex ProgressivePattern();

    [GeneratedRegex(@"^(?<country>[A-Z]{2})(?<code>[A-Za-z0-9]{1,28})_(?<progressive>[A-Za-z0-9]{1,5})(_(?<kind>RC|NS|MC|DT|NE|SE|AT|MT|EC)_(?<number>[0-9]{3}))?\.(xml|XML)(?<p7m>\.p7m)?$")]
    private static partial Regex NamePattern();
}

/// <param name="MessageKind">RC, NS, ... for a message; null for the invoice itself.</param>
public sealed record SdiFileName(string CountryCode, string FiscalCode, string Progressive, string? MessageKind, int? MessageProgressive, bool Signed)
{
    /// <summary>The invoice's name without extension: what every message about it starts with.</summary>
    public string Stem => $"{CountryCode}{FiscalCode}_{Progressive}";
}
