using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Sys2.Workflows.Runtime;

/// <summary>
/// The instant a term runs from when the definition gives its legal date (<c>from: inputs.receivedAt</c>):
/// the portal's or the PEC's receipt, SdI's delivery date. The law counts such terms from the receipt,
/// not from when the office got round to it (L. 241/1990 art. 2 c.6: "dal ricevimento della domanda";
/// DPR 160/2010 art. 7 c.1; SdI's 15 days from the delivery date in the RC).
/// <list type="bullet">
/// <item>A date (<c>2026-03-02</c>) is the start of that day in Italy: a term in days then runs from
/// that day, which is not counted (art. 2963 c.2 c.c.), exactly as if the step had run on it.</item>
/// <item>A date-time with an offset or <c>Z</c> is that instant; one without is Italian local time.</item>
/// <item>Nothing (null, absent), something that is not a date, or a date after the step's moment (a
/// receipt cannot come after the case has it) is not used: the term runs from the step's moment and
/// <see cref="Fallback"/> says why, on the record. Refusing would leave the case without its term,
/// which is worse for the applicant than a term that starts a little late and says so.</item>
/// </list>
/// A date long past can give a due date already past: the term did run out, and its timer fires at once.
/// </summary>
public sealed record TermStart(DateTimeOffset From, string? Fallback)
{
    public static TermStart Read(JsonNode? value, string expression, DateTimeOffset now)
    {
        if (value is null)
            return new(now, $"{expression} is empty: the term runs from when the step ran");
        var text = value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;
        if (text is null || Parse(text) is not { } from)
            return new(now, $"{expression} is {value.ToJsonString()}, not a date (yyyy-MM-dd) or an ISO 8601 date-time: the term runs from when the step ran");
        if (from > now)
            return new(now, $"{expression} is {text}, later than the step ({now:O}): the term runs from when the step ran");
        return new(from, null);
    }

    /// <summary>A date as the start of its day in Italy; a date-time as given, Italian local time when it has no offset.</summary>
    public static DateTimeOffset? Parse(string text)
    {
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            return LegalCalendar.StartOfDay(date);
        if (!text.Contains('T') || !DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var local))
            return null;
        if (local.Kind != DateTimeKind.Unspecified)
            return DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);
        return new DateTimeOffset(local, LegalCalendar.Italy.GetUtcOffset(local));
    }
}
