using System.Globalization;
using Sys2.Host.Views;

namespace Sys2.Host.Web;

/// <summary>Instants, terms and amounts as an Italian office reads them: Rome's time, Italian dates, days left.</summary>
public static class ItalianText
{
    // The host runs in invariant globalization (no ICU, Directory.Build.props), so the months are named here.
    private static readonly string[] Months =
        ["gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio", "agosto", "settembre", "ottobre", "novembre", "dicembre"];

    private static readonly TimeZoneInfo Rome = TimeZoneInfo.FindSystemTimeZoneById("Europe/Rome");

    public static DateTimeOffset InRome(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, Rome);

    public static string Date(DateTimeOffset at)
    {
        var day = InRome(at);
        return $"{day.Day} {Months[day.Month - 1]} {day.Year}";
    }

    public static string DateTime(DateTimeOffset at) =>
        $"{Date(at)}, {InRome(at).ToString("HH:mm", CultureInfo.InvariantCulture)}";

    /// <summary>"scade tra 12 giorni", "scade oggi", "scaduto da 3 giorni": counted in Rome's calendar days, as the law counts them.</summary>
    /// <summary>Euro cents as an Italian reads them: <c>1.464,00 €</c> (written by hand: the host runs with invariant globalization).</summary>
    public static string Euro(long cents)
    {
        var sign = cents < 0 ? "-" : "";
        var abs = Math.Abs(cents);
        var units = (abs / 100).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var grouped = new System.Text.StringBuilder();
        for (var i = 0; i < units.Length; i++)
        {
            if (i > 0 && (units.Length - i) % 3 == 0) grouped.Append('.');
            grouped.Append(units[i]);
        }
        return $"{sign}{grouped},{abs % 100:00} €";
    }

    public static string Countdown(DateTimeOffset dueAt, DateTimeOffset now)
    {
        var days = DateOnly.FromDateTime(InRome(dueAt).Date).DayNumber - DateOnly.FromDateTime(InRome(now).Date).DayNumber;
        return days switch
        {
            0 => "scade oggi",
            1 => "scade domani",
            > 1 => $"scade tra {days} giorni",
            -1 => "scaduto da 1 giorno",
            _ => $"scaduto da {-days} giorni",
        };
    }

    /// <summary>A legal clock in words: running with its countdown, suspended with what is left and why, or how it ended.</summary>
    public static string Clock(LegalClock clock, DateTimeOffset now) => clock.Status switch
    {
        "running" when clock.DueAt is { } due => $"{Countdown(due, now)} (il {Date(due)})",
        "suspended" => $"sospeso{(clock.Reason is { Length: > 0 } r ? $" ({r})" : "")}: restano {Days(clock.Remaining)}"
                       + (clock.ResumeBy is { } by ? $", riprende al più tardi il {Date(by)}" : ""),
        "interrupted" => "interrotto: ripartirà per intero",
        "stopped" => "concluso",
        "expired" => "decorso",
        _ => clock.Status,
    };

    public static string ClockStatus(string status) => status switch
    {
        "running" => "in corso",
        "suspended" => "sospeso",
        "interrupted" => "interrotto",
        "stopped" => "concluso",
        "expired" => "decorso",
        _ => status,
    };

    private static string Days(TimeSpan? remaining) =>
        remaining is not { } r ? "?" : r.TotalDays >= 1 ? $"{Math.Floor(r.TotalDays):0} giorni" : $"{Math.Ceiling(r.TotalHours):0} ore";
}
