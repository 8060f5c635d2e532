namespace Sys2.Workflows.Runtime;

/// <summary>
/// How a term in days ends: at the end of the last calendar day in Italy, moved to the next
/// working day when that day is a Sunday or a national public holiday (art. 2963 c.c.,
/// art. 155 c.p.c.) [check: patron-saint days of each comune are not yet included].
/// </summary>
public static class LegalCalendar
{
    public static readonly TimeZoneInfo Italy = FindItaly();

    public static DateTimeOffset EndOfTerm(DateTimeOffset start, int days) =>
        EndOfDay(NextWorkingDay(LocalDate(start).AddDays(days)));

    /// <summary>An instant pushed to the end of the next working day if it falls on a Sunday or holiday.</summary>
    public static DateTimeOffset ShiftToWorkingDay(DateTimeOffset instant)
    {
        var date = LocalDate(instant);
        var working = NextWorkingDay(date);
        return working == date ? instant : EndOfDay(working);
    }

    /// <summary>Calendar days in Italy from the date of <paramref name="from"/> to the date of <paramref name="to"/>; 0 if not later.</summary>
    public static int DaysBetween(DateTimeOffset from, DateTimeOffset to) =>
        Math.Max(0, LocalDate(to).DayNumber - LocalDate(from).DayNumber);

    public static bool IsHoliday(DateOnly date) =>
        date.DayOfWeek == DayOfWeek.Sunday || NationalHolidays(date.Year).Contains(date);

    private static DateOnly NextWorkingDay(DateOnly date)
    {
        while (IsHoliday(date)) date = date.AddDays(1);
        return date;
    }

    private static DateOnly LocalDate(DateTimeOffset instant) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, Italy).DateTime);

    private static DateTimeOffset EndOfDay(DateOnly date)
    {
        var local = date.ToDateTime(new TimeOnly(23, 59, 59));
        return new DateTimeOffset(local, Italy.GetUtcOffset(local));
    }

    /// <summary>L. 260/1949 and later amendments; Easter Monday moves with Easter.</summary>
    private static HashSet<DateOnly> NationalHolidays(int year)
    {
        var easter = EasterSunday(year);
        return
        [
            new(year, 1, 1), new(year, 1, 6), easter.AddDays(1), new(year, 4, 25), new(year, 5, 1),
            new(year, 6, 2), new(year, 8, 15), new(year, 11, 1), new(year, 12, 8), new(year, 12, 25), new(year, 12, 26),
        ];
    }

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
