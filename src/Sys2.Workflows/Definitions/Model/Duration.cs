using System.Text.RegularExpressions;

namespace Sys2.Workflows.Definitions;

/// <summary>
/// A term written as designers write it: <c>30d</c>, <c>12h</c>, <c>15m</c>, <c>45s</c>.
/// Day terms are calendar days (L. 241/1990 counts calendar, not working, days).
/// </summary>
public readonly partial record struct Duration(int Amount, DurationUnit Unit)
{
    public TimeSpan Value => Unit switch
    {
        DurationUnit.Days => TimeSpan.FromDays(Amount),
        DurationUnit.Hours => TimeSpan.FromHours(Amount),
        DurationUnit.Minutes => TimeSpan.FromMinutes(Amount),
        _ => TimeSpan.FromSeconds(Amount),
    };

    public bool IsInDays => Unit == DurationUnit.Days;

    public static bool TryParse(string? text, out Duration duration)
    {
        duration = default;
        var match = text is null ? Match.Empty : Pattern().Match(text.Trim());
        if (!match.Success || !int.TryParse(match.Groups[1].Value, out var amount) || amount <= 0)
            return false;
        duration = new Duration(amount, match.Groups[2].Value switch
        {
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
        DurationUnit.Days => "d",
        DurationUnit.Hours => "h",
        DurationUnit.Minutes => "m",
        _ => "s",
    };

    [GeneratedRegex("^([1-9][0-9]{0,5})(d|h|m|s)$")]
    private static partial Regex Pattern();
}

public enum DurationUnit { Seconds, Minutes, Hours, Days }
