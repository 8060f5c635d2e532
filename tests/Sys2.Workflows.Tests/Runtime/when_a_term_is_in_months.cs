using Sys2.Workflows.Definitions;
using Sys2.Workflows.Runtime;

namespace Sys2.Workflows.Tests.Runtime;

/// <summary>
/// Art. 2963 c.c.: "Se il termine si computa a mesi, esso scade con lo spirare del giorno del mese di scadenza
/// corrispondente al giorno del mese iniziale" (c.4); "se nel mese di scadenza manca tale giorno, il termine si
/// compie con l'ultimo giorno dello stesso mese" (c.5). The holiday shift (c.3) applies as to days.
/// </summary>
public class when_a_term_is_in_months
{
    private static readonly TimeSpan Winter = TimeSpan.FromHours(1), Summer = TimeSpan.FromHours(2);

    [Theory]
    [InlineData("6mo", 6, DurationUnit.Months)]
    [InlineData("1mo", 1, DurationUnit.Months)]
    [InlineData("15m", 15, DurationUnit.Minutes)]
    public void it_is_written_mo_and_m_stays_minutes(string text, int amount, DurationUnit unit)
    {
        Duration.TryParse(text, out var duration).ShouldBeTrue();
        duration.ShouldBe(new Duration(amount, unit));
        duration.ToString().ShouldBe(text);
    }

    [Fact]
    public void six_months_end_on_the_same_day_of_the_sixth_month()
    {
        // Saturday 2 May 2026 -> Monday 2 November 2026 (1 November is a holiday; the 2nd is not).
        LegalCalendar.Term(new DateTimeOffset(2026, 5, 2, 23, 59, 59, Summer), new Duration(6, DurationUnit.Months), TermDays.Plain)
            .ShouldBe(new TermEnd(new DateOnly(2026, 11, 2), new DateTimeOffset(2026, 11, 2, 23, 59, 59, Winter)));
    }

    [Fact]
    public void a_month_without_that_day_ends_on_its_last_day()
    {
        // 31 August 2026 + 6 months: February 2027 has no 31st -> Sunday 28 February, moved to Monday 1 March.
        var end = LegalCalendar.Term(new DateTimeOffset(2026, 8, 31, 10, 0, 0, Summer), new Duration(6, DurationUnit.Months), TermDays.Shifted);
        end.ShouldBe(new TermEnd(new DateOnly(2027, 2, 28), new DateTimeOffset(2027, 3, 1, 23, 59, 59, Winter)));
        new Duration(1, DurationUnit.Months).DaysFrom(new DateOnly(2028, 1, 31)).ShouldBe(29); // leap year: 29 February
    }

    [Fact]
    public void a_term_in_months_is_not_a_count_of_days()
    {
        var start = new DateOnly(2026, 3, 2);
        new Duration(6, DurationUnit.Months).DaysFrom(start).ShouldBe(184);  // to 2 September
        new Duration(6, DurationUnit.Months).DaysFrom(new DateOnly(2026, 9, 2)).ShouldBe(181);  // to 2 March 2027
        Duration.Days(30).DaysFrom(start).ShouldBe(30);
    }
}
