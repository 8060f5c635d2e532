using Sys2.Workflows.Runtime;

namespace Sys2.Workflows.Tests.Runtime;

// Art. 2963 c.c.: a term that ends on a Sunday or a public holiday moves to the next working day.
public class when_a_term_ends_on_a_holiday
{
    private static readonly TimeSpan Winter = TimeSpan.FromHours(1), Summer = TimeSpan.FromHours(2);

    [Fact]
    public void a_term_ending_on_a_weekday_ends_at_midnight_italian_time()
    {
        LegalCalendar.EndOfTerm(new DateTimeOffset(2026, 1, 12, 10, 0, 0, Winter), 10)
            .ShouldBe(new DateTimeOffset(2026, 1, 22, 23, 59, 59, Winter));
    }

    [Fact]
    public void a_term_ending_on_a_sunday_moves_to_monday()
    {
        LegalCalendar.EndOfTerm(new DateTimeOffset(2026, 1, 15, 10, 0, 0, Winter), 10) // Sunday 25 January
            .ShouldBe(new DateTimeOffset(2026, 1, 26, 23, 59, 59, Winter));
    }

    [Fact]
    public void christmas_and_santo_stefano_are_skipped()
    {
        LegalCalendar.EndOfTerm(new DateTimeOffset(2026, 11, 25, 10, 0, 0, Winter), 30) // Friday 25 December
            .ShouldBe(new DateTimeOffset(2026, 12, 28, 23, 59, 59, Winter));            // 26 Sat holiday, 27 Sunday
    }

    [Theory]
    [InlineData(2026, 4, 6)]
    [InlineData(2027, 3, 29)]
    [InlineData(2025, 4, 21)]
    public void easter_monday_is_a_holiday(int year, int month, int day)
    {
        LegalCalendar.IsHoliday(new DateOnly(year, month, day)).ShouldBeTrue();
        LegalCalendar.IsHoliday(new DateOnly(year, month, day).AddDays(1)).ShouldBeFalse();
    }

    [Fact]
    public void a_term_from_a_utc_instant_late_in_the_evening_counts_from_the_italian_date()
    {
        // 23:30 UTC on 31 May is already 1 June in Rome.
        LegalCalendar.EndOfTerm(new DateTimeOffset(2026, 5, 31, 23, 30, 0, TimeSpan.Zero), 1)
            .ShouldBe(new DateTimeOffset(2026, 6, 3, 23, 59, 59, Summer)); // 2 June is Festa della Repubblica
    }
}
