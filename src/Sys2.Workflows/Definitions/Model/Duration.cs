using System.Text.RegularExpressions;

namespace Sys2.Workflows.Definitions;

/// <summary>
/// A term written as designers write it: <c>6mo</c>, <c>30d</c>, <c>12h</c>, <c>15m</c>, <c>45s</c>.
/// Day terms are calendar days (L. 241/1990 counts calendar, not working, days). A term in months ends on the
/// same day of the month it reaches (art. 2963 c.4 c.c.), or on that month's last day when it has no such day
/// (c.5): six months from 31 August end on 28 February, not "181 days later".
/// </summary>
public readonly partial record struct Duration(int Amount, DurationUnit Unit)
{
    public TimeSpan Value => Unit switch
    {
        // Only for ordering durations (a retry's backoff against a timeout): a term in months is counted with DaysFrom.
        DurationUnit.Months => TimeSpan.FromDays(30 * Amount),
        DurationUnit.Days => TimeSpan.FromDays(Amount),
        DurationUnit.Hours => TimeSpan.FromHours(Amount),
        DurationUnit.Minutes => TimeSpan.FromMinutes(Amount),
        _ => TimeSpan.FromSeconds(Amount),
    };

    /// <summary>Counted on the calendar, to the end of a day (days or months), rather than as elapsed time.</summary>
    public bool IsCalendarTerm => Unit is DurationUnit.Days or DurationUnit.Months;

    /// <summary>
    /// The days from <paramref name="start"/> (the day the term runs from, not counted) to its own last day:
    /// <see cref="Amount"/> for days; for months, to the same day <see cref="Amount"/> months on, which
    /// <see cref="DateOnly.AddMonths"/> moves to the month's last day when the month is shorter (art. 2963 c.4-5 c.c.).
    /// </summary>
    public int DaysFrom(DateOnly start) => Unit == DurationUnit.Months ? start.AddMonths(Amount).DayNumber - start.DayNumber : Amount;

    public static bool TryParse(string? text, out Duration duration)
    {
        duration = default;
        var match = text is null ? Match.Empty : Pattern().Match(text.Trim());
        if (!match.Success || !int.TryParse(match.Groups[1].Value, out var amount) || amount <= 0)
            return false;
        duration = new Duration(amount, match.Groups[2].Value switch
        {
            "mo" => DurationUnit.Months,
            "d" => DurationUnit.Days,
            "h" => DurationUnit.Hours,
            "m" => DurationUnit.Minutes,
            _ => DurationUnit.Seconds,
        });
        return true;
    }

    public static Duration Days(int days) => new(days, DurationUnit.Days);

    public override string ToString() => Amount + Unit switch
    {
        DurationUnit.Months => "mo",
        DurationUnit.Days => "d",
        DurationUnit.Hours => "h",
        DurationUnit.Minutes => "m",
        _ => "s",
    };

    [GeneratedRegex("^([1-9][0-9]{0,5})(mo|d|h|m|s)$")]
    private static partial Regex Pattern();
}

public enum DurationUnit { Seconds, Minutes, Hours, Days, Months }
