using System.Text.Json.Nodes;
using Sys2.Workflows.Indicators;

namespace Sys2.Workflows.Tests.Indicators;

/// <summary>
/// The indicators from hand-written event streams: a term is judged on the due date the engine's fold holds when the
/// decision comes (suspensions and the holiday shift in it), never on the days of the wall clock.
/// </summary>
public sealed class when_the_lead_partner_computes_the_indicators
{
    // Monday 2 March 2026, 9:00 in Italy.
    private static readonly DateTimeOffset Filed = new(2026, 3, 2, 8, 0, 0, TimeSpan.Zero);
    private static readonly ReportingPeriod Spring = new(2026, 2);
    private static readonly ReportingPeriod FirstQuarter = new(2026, 1);

    private sealed class Stream(string caseId, string tenant = "H769", string definition = "ordinario")
    {
        private readonly List<TimedEvent> _events = [];
        public IReadOnlyList<TimedEvent> Events => _events;

        public Stream Opened()
        {
            _events.Add(new(new CaseOpened(caseId, tenant, definition, 1, "hash", "suap", new JsonObject(), "chiara.neri", Filed), Filed));
            return Step("review", 1, Filed);
        }

        public Stream Step(string step, int visit, DateTimeOffset at) => Add(at, new StepEntered(step, "task", Token.Main, visit));

        public Stream Add(DateTimeOffset at, params object[] events)
        {
            _events.AddRange(events.Select(e => new TimedEvent(e, at)));
            return this;
        }

        public CaseFacts Facts => CaseFacts.From(_events);
    }

    private static DateTimeOffset Day(int month, int day, int hour = 10) => new(2026, month, day, hour - 2, 0, 0, TimeSpan.Zero);

    [Fact]
    public void a_decision_after_thirty_calendar_days_is_within_a_term_that_was_suspended()
    {
        // 30 days from 2 March: the last day is 1 April. Suspended on 10 March with 22 days left, resumed on
        // 20 March: the engine moved the end to 11 April. Decided on 8 April: 37 wall-clock days, within the term.
        var due = LegalCalendar.EndOfTerm(Filed, 30);
        var resumedDue = LegalCalendar.EndOfTerm(Day(3, 20), 22);
        var facts = new Stream("SUAP-H769-2026-0000001").Opened()
            .Add(Filed, new DeadlineStarted("decision", "30d", due, 1, "DPR 160/2010 art. 7"))
            .Add(Day(3, 10), new DeadlineSuspended("decision", "integration", due - Day(3, 10), Day(4, 9), 2, "L. 241/1990 art. 2 c.7"))
            .Add(Day(3, 20), new DeadlineResumed("decision", resumedDue, 3, "documents received"))
            .Add(Day(4, 8), new DeadlineStopped("decision", 4), new CaseClosed("approved", "done", null))
            .Facts;

        (Day(4, 8) - Filed).TotalDays.ShouldBeGreaterThan(30);
        facts.Verdict.ShouldBe(TermVerdict.WithinTerm);
        facts.Terms.Single().DueAt.ShouldBe(resumedDue);
    }

    [Fact]
    public void a_decision_after_the_due_date_of_the_fold_is_out_of_term()
    {
        var due = LegalCalendar.EndOfTerm(Filed, 30);
        var facts = new Stream("SUAP-H769-2026-0000002").Opened()
            .Add(Filed, new DeadlineStarted("decision", "30d", due, 1, "DPR 160/2010 art. 7"))
            .Add(Day(4, 3), new CaseClosed("approved", "done", null))
            .Facts;

        facts.Verdict.ShouldBe(TermVerdict.OutOfTerm);
        facts.Terms.Single().ShouldBe(new TermEnding("decision", Day(4, 3), due, false, null, true));
    }

    [Fact]
    public void a_silence_assent_is_counted_and_the_case_is_out_of_term()
    {
        var due = LegalCalendar.EndOfTerm(Filed, 45);
        var facts = new Stream("SUAP-H769-2026-0000003", definition: "conferenza-servizi").Opened()
            .Add(Filed, new DeadlineStarted("determinations", "45d", due, 1, "L. 241/1990 art. 14-bis"))
            .Add(due, new DeadlineExpired("determinations", "silenzio-assenso", 2),
                new StepAbandoned("review", Token.Main, "clock 'determinations' expired"),
                new StepEntered("positive", "end", Token.Main, 1),
                new CaseClosed("approved", "positive", null))
            .Facts;

        facts.SilenceAssents.ShouldBe([due]);
        facts.Verdict.ShouldBe(TermVerdict.OutOfTerm);
        ProjectIndicators.Compute([facts], Spring).Total(Figure.SilenceAssents).ShouldBe(1);
        ProjectIndicators.Compute([facts], FirstQuarter).Total(Figure.SilenceAssents).ShouldBe(0, "it formed on 16 April");
    }

    [Fact]
    public void a_window_that_closes_without_effect_judges_nothing()
    {
        // DPR 160/2010 art. 7 c.1: after 30 days no integration can be asked; the case stays where it is.
        var window = LegalCalendar.EndOfTerm(Filed, 30);
        var decision = LegalCalendar.EndOfTerm(Filed, 60);
        var facts = new Stream("SUAP-H769-2026-0000004").Opened()
            .Add(Filed, new DeadlineStarted("integrations", "30d", window, 1, "DPR 160/2010 art. 7 c.1"),
                new DeadlineStarted("decision", "60d", decision, 1, "DPR 160/2010 art. 7 c.3"))
            .Add(window, new DeadlineExpired("integrations", "none", 2))
            .Add(Day(4, 15), new CaseClosed("approved", "done", null))
            .Facts;

        facts.Verdict.ShouldBe(TermVerdict.WithinTerm);
        facts.Terms.Single(t => t.Clock == "integrations").Overran.ShouldBeFalse();
    }

    [Fact]
    public void a_withdrawal_after_the_due_date_decides_nothing_and_is_in_neither_share()
    {
        var due = LegalCalendar.EndOfTerm(Filed, 30);
        var facts = new Stream("SUAP-H769-2026-0000005").Opened()
            .Add(Filed, new DeadlineStarted("decision", "30d", due, 1, "DPR 160/2010 art. 7"))
            .Add(Day(4, 10), new CaseClosed("withdrawn", "review", "rinuncia (mario.rossi)"))
            .Facts;

        facts.Verdict.ShouldBe(TermVerdict.Withdrawn);
        var report = ProjectIndicators.Compute([facts], Spring);
        (report.Total(Figure.Closed), report.Total(Figure.Judged), report.ShareWithinTerm).ShouldBe((1, 0, (decimal?)null));
    }

    [Fact]
    public void figures_are_grouped_per_entity_and_procedure_and_each_lists_its_cases()
    {
        var due = LegalCalendar.EndOfTerm(Filed, 30);
        CaseFacts Decided(string id, string tenant, string definition, DateTimeOffset at) =>
            new Stream(id, tenant, definition).Opened()
                .Add(Filed, new DeadlineStarted("decision", "30d", due, 1, "basis"))
                .Add(at, new CaseClosed("approved", "done", null)).Facts;
        CaseFacts[] cases =
        [
            Decided("SUAP-H769-2026-0000010", "H769", "ordinario", Day(3, 20)),
            Decided("SUAP-H769-2026-0000011", "H769", "ordinario", Day(4, 20)),
            Decided("SUAP-H769-2026-0000012", "H769", "scia", Day(3, 25)),
            Decided("SUAP-A252-2026-0000001", "A252", "ordinario", Day(3, 30)),
            new Stream("SUAP-A252-2026-0000002", "A252", "ordinario").Opened()
                .Add(Day(3, 3), new IncidentRaised("protocol", Token.Main, "protocol.register", 3, "503"))
                .Add(Day(3, 4), new IncidentResolved("protocol", Token.Main, "retried", "luca.moretti"))
                .Add(Day(3, 5), new IncidentRaised("mpay", Token.Main, "mpay.create-notice", 3, "timeout")).Facts,
        ];

        var year = ProjectIndicators.Compute(cases, new ReportingPeriod(2026));
        year.Rows.Select(r => (r.Tenant, r.DefinitionId)).ShouldBe([("A252", "ordinario"), ("H769", "ordinario"), ("H769", "scia")]);
        var h769 = year.Rows.Single(r => r is { Tenant: "H769", DefinitionId: "ordinario" });
        (h769[Figure.Opened], h769[Figure.Closed], h769[Figure.WithinTerm], h769[Figure.OutOfTerm]).ShouldBe((2, 2, 1, 1));
        h769.ShareWithinTerm.ShouldBe(0.5m);
        var a252 = year.Rows.Single(r => r.Tenant == "A252");
        (a252[Figure.Opened], a252[Figure.Closed], a252[Figure.IncidentsRaised], a252[Figure.IncidentsOpen]).ShouldBe((2, 1, 2, 1));
        year.Incidents.ShouldBe([new IncidentRow("A252", "mpay", 1, 1, 0), new IncidentRow("A252", "protocol", 1, 0, 1)]);

        ProjectIndicators.Compute(cases, FirstQuarter, procedure: "ordinario").Total(Figure.Closed).ShouldBe(2);
        ProjectIndicators.Behind(cases, Figure.OutOfTerm, new ReportingPeriod(2026)).Select(c => c.CaseId).ShouldBe(["SUAP-H769-2026-0000011"]);
        ProjectIndicators.Behind(cases, Figure.IncidentsRaised, FirstQuarter, system: "protocol").Select(c => c.CaseId).ShouldBe(["SUAP-A252-2026-0000002"]);
    }

    [Fact]
    public void the_time_in_each_step_is_the_median_of_the_finished_stays()
    {
        CaseFacts Reviewed(string id, int days) => new Stream(id).Opened().Step("decide", 1, Filed.AddDays(days)).Facts;
        var cases = new[] { Reviewed("A", 2), Reviewed("B", 4), Reviewed("C", 10) };

        var load = StepLoad.Compute(cases, ["review", "decide"]);

        load.ShouldBe([new StepFigure("review", 0, 3, TimeSpan.FromDays(4)), new StepFigure("decide", 3, 0, null)]);
    }
}
