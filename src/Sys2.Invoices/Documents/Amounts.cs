using System.Globalization;

namespace Sys2.Invoices;

/// <summary>
/// FatturaPA's numbers: a point for decimals whatever the culture, an optional minus, no thousands separator
/// (Amount2DecimalType <c>[\-]?[0-9]{1,11}\.[0-9]{2}</c>, Amount8DecimalType up to 8 decimals, RateType 22.00).
/// </summary>
public static class Amounts
{
    private const NumberStyles Style = NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint;

    public static bool TryParse(string text, out decimal value) =>
        decimal.TryParse(text, Style, CultureInfo.InvariantCulture, out value);

    /// <summary>Euro to cents, half away from zero: the rounding the specifiche tecniche ask of totals.</summary>
    public static long Cents(decimal euro) => (long)Math.Round(euro * 100m, MidpointRounding.AwayFromZero);

    /// <summary><c>1234.50</c>: cents as the schema writes an amount.</summary>
    public static string Euro(long cents) => (cents / 100m).ToString("0.00", CultureInfo.InvariantCulture);
}
