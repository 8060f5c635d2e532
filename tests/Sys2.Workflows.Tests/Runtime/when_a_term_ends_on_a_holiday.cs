using Sys2.Workflows.Definitions;
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

    [Fact]
    public void the_fourth_of_october_is_a_holiday_from_2026_on()
    {
        // L. 151/2025 art. 1 c.2, in force from 1 January 2026: "il 4 ottobre: festa nazionale di
        // San Francesco d'Assisi, patrono d'Italia" in art. 2 L. 260/1949.
        LegalCalendar.IsHoliday(new DateOnly(2024, 10, 4)).ShouldBeFalse(); // a Friday, before the law
        LegalCalendar.IsHoliday(new DateOnly(2027, 10, 4)).ShouldBeTrue();  // a Monday
        LegalCalendar.IsHoliday(new DateOnly(2027, 10, 5)).ShouldBeFalse();
    }

    [Fact]
    public void a_term_ending_on_the_fourth_of_october_moves_to_the_fifth_from_2027()
    {
        LegalCalendar.EndOfTerm(new DateTimeOffset(2027, 9, 4, 10, 0, 0, Summer), 30) // Monday 4 October 2027
            .ShouldBe(new DateTimeOffset(2027, 10, 5, 23, 59, 59, Summer));
        LegalCalendar.EndOfTerm(new DateTimeOffset(2024, 9, 4, 10, 0, 0, Summer), 30) // Friday 4 October 2024
            .ShouldBe(new DateTimeOffset(2024, 10, 4, 23, 59, 59, Summer));
    }

    [Fact]
    public void a_term_in_plain_days_ends_on_its_last_day_even_a_holiday()
    {
        // SdI's 15 days: from Thursday 10 December 2026, Friday 25 December.
        var end = LegalCalendar.Term(new DateTimeOffset(2026, 12, 10, 10, 0, 0, Winter), 15, TermDays.Plain);

        end.DueAt.ShouldBe(new DateTimeOffset(2026, 12, 25, 23, 59, 59, Winter));
        end.ShiftedFrom.ShouldBeNull();
    }

    [Fact]
    public void a_shifted_term_knows_the_day_it_was_moved_from()
    {
        var end = LegalCalendar.Term(new DateTimeOffset(2026, 12, 10, 10, 0, 0, Winter), 15, TermDays.Shifted);

        end.DueAt.ShouldBe(new DateTimeOffset(2026, 12, 28, 23, 59, 59, Winter)); // 25, 26 holidays, 27 Sunday
        end.ShiftedFrom.ShouldBe(new DateOnly(2026, 12, 25));
    }
}
