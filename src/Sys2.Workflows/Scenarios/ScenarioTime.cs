using System.Globalization;
using Sys2.Workflows.Runtime;

namespace Sys2.Workflows.Scenarios;

/// <summary>
/// Instants as designers write them in a timeline, in Italian time: <c>2026-03-02T09:00</c>; with
/// an offset or <c>Z</c> when it matters (<c>2026-03-02T23:30:00Z</c>); a date alone is 09:00 that
/// day, a morning at the office (write the time when the hour matters: 23:59:59 is the last
/// instant a term in days runs).
/// </summary>
public static class ScenarioTime
{
    public static readonly TimeOnly OfficeMorning = new(9, 0);

    public static DateTimeOffset? Parse(string text)
    {
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            return Italian(date.ToDateTime(OfficeMorning));
        if (!text.Contains('T') || !DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var parsed))
            return null;
        return parsed.Kind == DateTimeKind.Unspecified
            ? Italian(parsed)
            : DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);
    }

    /// <summary><paramref name="from"/> plus a duration; days and months are added on the Italian calendar, keeping the hour.</summary>
    public static DateTimeOffset Add(DateTimeOffset from, Definitions.Duration by)
    {
        if (!by.IsCalendarTerm) return from + by.Value;
        var local = TimeZoneInfo.ConvertTime(from, LegalCalendar.Italy).DateTime;
        local = by.Unit == Definitions.DurationUnit.Months ? local.AddMonths(by.Amount) : local.AddDays(by.Amount);
        return Italian(local);
    }

    private static DateTimeOffset Italian(DateTime local) => new(local, LegalCalendar.Italy.GetUtcOffset(local));
}
