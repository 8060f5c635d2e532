using Sys2.Workflows.Definitions;

namespace Sys2.Workflows.Runtime;

/// <summary>
/// How a term in days ends. Art. 2963 c.c.: the day the term starts is not counted (c.2), the
/// term ends "con lo spirare dell'ultimo istante del giorno finale" (c.2) and "se il termine
/// scade in giorno festivo, è prorogato di diritto al giorno seguente non festivo" (c.3; art. 155
/// c.4 c.p.c. says the same). Only the final expiry moves: the days are counted on the common
/// calendar (c.1), so the days left of a suspended term run to the term's own last day.
/// Holidays are the national ones (L. 260/1949 art. 2, as amended): a comune's patron saint
/// closes its offices by local custom, not by a general rule, and moves no term (see
/// docs/definition-language.md, "Deadline clocks").
/// </summary>
public static class LegalCalendar
{
    public static readonly TimeZoneInfo Italy = FindItaly();

    /// <summary>A term of <paramref name="days"/> from <paramref name="start"/>, moved past a holiday.</summary>
    public static DateTimeOffset EndOfTerm(DateTimeOffset start, int days) => Term(start, days, TermDays.Shifted).DueAt;

    /// <summary>A term in days or months from <paramref name="start"/>, moved past a holiday.</summary>
    public static DateTimeOffset EndOfTerm(DateTimeOffset start, Duration term) => Term(start, term, TermDays.Shifted).DueAt;

    /// <summary>A term in days or months (<see cref="Duration.DaysFrom"/>) from <paramref name="start"/>, counted as the clock says.</summary>
    public static TermEnd Term(DateTimeOffset start, Duration term, TermDays counting) =>
        Term(start, term.DaysFrom(LocalDate(start)), counting);

    /// <summary>A term of <paramref name="days"/> from <paramref name="start"/>, counted as the clock says.</summary>
    public static TermEnd Term(DateTimeOffset start, int days, TermDays counting) =>
        EndingOn(LocalDate(start).AddDays(days), counting);

    /// <summary>A term whose own last day is <paramref name="lastDay"/>: it is due at the end of that day or, when it shifts, of the next working day.</summary>
    public static TermEnd EndingOn(DateOnly lastDay, TermDays counting) =>
        new(lastDay, EndOfDay(counting == TermDays.Plain ? lastDay : NextWorkingDay(lastDay)));

    /// <summary>An instant pushed to the end of the next working day if it falls on a Sunday or holiday.</summary>
    public static DateTimeOffset ShiftToWorkingDay(DateTimeOffset instant)
    {
        var date = LocalDate(instant);
        var working = NextWorkingDay(date);
        return working == date ? instant : EndOfDay(working);
    }

    /// <summary>Calendar days in Italy from the date of <paramref name="from"/> to <paramref name="to"/>; 0 if not later.</summary>
    public static int DaysBetween(DateTimeOffset from, DateOnly to) =>
        Math.Max(0, to.DayNumber - LocalDate(from).DayNumber);

    /// <summary>The date in Italy of an instant.</summary>
    public static DateOnly LocalDate(DateTimeOffset instant) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, Italy).DateTime);

    public static bool IsHoliday(DateOnly date) =>
        date.DayOfWeek == DayOfWeek.Sunday || NationalHolidays(date.Year).Contains(date);

    private static DateOnly NextWorkingDay(DateOnly date)
    {
        while (IsHoliday(date)) date = date.AddDays(1);
        return date;
    }

    /// <summary>Midnight in Italy at the start of <paramref name="date"/>.</summary>
    public static DateTimeOffset StartOfDay(DateOnly date)
    {
        var local = date.ToDateTime(TimeOnly.MinValue);
        return new DateTimeOffset(local, Italy.GetUtcOffset(local));
    }

    private static DateTimeOffset EndOfDay(DateOnly date)
    {
        var local = date.ToDateTime(new TimeOnly(23, 59, 59));
        return new DateTimeOffset(local, Italy.GetUtcOffset(local));
    }

    /// <summary>L. 260/1949 art. 1-2 and later amendments; Easter Monday moves with Easter.</summary>
    private static HashSet<DateOnly> NationalHolidays(int year)
    {
        var easter = EasterSunday(year);
        HashSet<DateOnly> holidays =
        [
            new(year, 1, 1), new(year, 1, 6), easter.AddDays(1), new(year, 4, 25), new(year, 5, 1),
            new(year, 6, 2), new(year, 8, 15), new(year, 11, 1), new(year, 12, 8), new(year, 12, 25), new(year, 12, 26),
        ];
        if (year >= SanFrancescoFirstYear) holidays.Add(new(year, 10, 4));
        return holidays;
    }

    /// <summary>
    /// L. 8 ottobre 2025 n. 151 art. 1 c.2, in force from 1 January 2026, adds to art. 2 L. 260/1949
    /// "il 4 ottobre: festa nazionale di San Francesco d'Assisi, patrono d'Italia". Santa Caterina
    /// da Siena stays a solennità civile (L. 132/1958 as amended by art. 1 c.3), not a holiday.
    /// </summary>
    private const int SanFrancescoFirstYear = 2026;

    // Anonymous Gregorian algorithm (Meeus/Jones/Butcher).
    private static DateOnly EasterSunday(int year)
    {
        int a = year % 19, b = year / 100, c = year % 100, d = b / 4, e = b % 4;
        int f = (b + 8) / 25, g = (b - f + 1) / 3, h = (19 * a + b - d - g + 15) % 30;
        int i = c / 4, k = c % 4, l = (32 + 2 * e + 2 * i - h - k) % 7, m = (a + 11 * h + 22 * l) / 451;
        int month = (h + l - 7 * m + 114) / 31, day = (h + l - 7 * m + 114) % 31 + 1;
        return new DateOnly(year, month, day);
    }

    private static TimeZoneInfo FindItaly()
    {
        try { return TimeZoneInfo.FindSystemTimeZoneById("Europe/Rome"); }
        catch (TimeZoneNotFoundException) { return TimeZoneInfo.CreateCustomTimeZone("CET", TimeSpan.FromHours(1), "CET", "CET"); }
    }
}

/// <summary>
/// Where a term in days ends: its own <c>LastDay</c> (the start day plus the days, art. 2963 c.2
/// c.c.) and <c>DueAt</c>, the end of that day or of the working day it was moved to (c.3).
/// </summary>
public sealed record TermEnd(DateOnly LastDay, DateTimeOffset DueAt)
{
    /// <summary>The term's own last day when art. 2963 c.3 c.c. moved the expiry past it; null when it did not.</summary>
    public DateOnly? ShiftedFrom => LegalCalendar.LocalDate(DueAt) == LastDay ? null : LastDay;
}
