using System.Text.Json.Nodes;
using Sys2.Host.Engine;
using Sys2.Workflows.Cases.Events;
using Sys2.Workflows.Runtime;

namespace Sys2.Host.Tests.Engine;

/// <summary>
/// <see cref="CaseEffects"/> alone, with no bus and no database: which appended events ask for a
/// message, which message, with which fields, and when it is due.
/// </summary>
public class when_effects_are_derived_from_events
{
    private const string Tenant = "H769";
    private const string CaseId = "SUAP-H769-2026-0000015";
    private const string Correlation = "corr-7f3a";

    private static readonly DateTimeOffset Registered = new(2026, 3, 2, 9, 0, 0, TimeSpan.FromHours(1));
    private static readonly DateTimeOffset ControlDue = new(2026, 5, 2, 23, 59, 59, TimeSpan.FromHours(2));

    private static readonly JsonObject Input = new() { ["code"] = "SUAP-SCIA" };

    private static IReadOnlyList<Effect> Of(params object[] events) => CaseEffects.Of(Tenant, CaseId, events, Correlation);

    [Fact]
    public void an_integration_request_becomes_a_call_with_its_key_and_correlation_due_at_its_not_before()
    {
        var retryAt = Registered.AddSeconds(10);
        var requested = new IntegrationRequested("catalogue", "main", "procedimarche.lookup", 2, $"{CaseId}/catalogue/1", Input, retryAt);

        Of(requested).ShouldBe([
            new Effect(new CallIntegration(Tenant, CaseId, "catalogue", "procedimarche.lookup", 2, $"{CaseId}/catalogue/1", Input, Correlation), retryAt),
        ]);
    }

    [Fact]
    public void an_integration_request_without_a_not_before_keeps_the_default_time_so_it_is_sent_at_once()
    {
        // NotBefore is not nullable: left unset it is DateTimeOffset's default, a time already past,
        // and the host sends a message whose time is not after its clock at once instead of scheduling it.
        var requested = new IntegrationRequested("protocol", "main", "protocol.register", 1, $"{CaseId}/protocol/1", Input, default);

        Of(requested).ShouldBe([
            new Effect(new CallIntegration(Tenant, CaseId, "protocol", "protocol.register", 1, $"{CaseId}/protocol/1", Input, Correlation), default(DateTimeOffset)),
        ]);
    }

    [Fact]
    public void a_request_without_a_correlation_carries_none()
    {
        var requested = new IntegrationRequested("visura", "checks/has-parcel", "sigmater.visura", 1, $"{CaseId}/visura/1", Input, Registered);

        CaseEffects.Of(Tenant, CaseId, [requested], correlation: null).ShouldBe([
            new Effect(new CallIntegration(Tenant, CaseId, "visura", "sigmater.visura", 1, $"{CaseId}/visura/1", Input, null), Registered),
        ]);
    }

    [Fact]
    public void a_started_term_schedules_its_expiry_at_its_due_date()
    {
        Of(new DeadlineStarted("control", "60d", ControlDue, 1, "L. 241/1990 art. 19 c.3")).ShouldBe([
            new Effect(new FireTimer(Tenant, CaseId, TimerKind.ClockExpiry, "control", 1, ControlDue), ControlDue),
        ]);
    }

    [Fact]
    public void a_resumed_term_schedules_its_expiry_for_its_new_generation()
    {
        var due = new DateTimeOffset(2026, 6, 20, 23, 59, 59, TimeSpan.FromHours(2));

        Of(new DeadlineResumed("control", due, 3, "restarted in full after the interruption")).ShouldBe([
            new Effect(new FireTimer(Tenant, CaseId, TimerKind.ClockExpiry, "control", 3, due), due),
        ]);
    }

    [Fact]
    public void an_extended_term_schedules_its_expiry_at_its_new_due_date()
    {
        // DPR 380/2001 art. 20 c.6: 40 days from the proposal once a preavviso was sent.
        var due = new DateTimeOffset(2026, 5, 25, 23, 59, 59, TimeSpan.FromHours(2));

        Of(new DeadlineExtended("final", "40d", due, 2, "DPR 380/2001 art. 20 c.6", new DateOnly(2026, 5, 24))).ShouldBe([
            new Effect(new FireTimer(Tenant, CaseId, TimerKind.ClockExpiry, "final", 2, due), due),
        ]);
    }

    [Fact]
    public void a_suspended_term_schedules_the_end_of_the_suspension_at_its_resume_by()
    {
        var resumeBy = new DateTimeOffset(2026, 3, 21, 16, 0, 0, TimeSpan.FromHours(1));

        Of(new DeadlineSuspended("decision", "preavviso", new TimeSpan(21, 6, 59, 59), resumeBy, 2, "L. 241/1990 art. 10-bis")).ShouldBe([
            new Effect(new FireTimer(Tenant, CaseId, TimerKind.SuspensionLimit, "decision", 2, resumeBy), resumeBy),
        ]);
    }

    [Fact]
    public void a_wait_with_a_timeout_schedules_it_for_its_step_and_visit()
    {
        var timeout = new DateTimeOffset(2026, 3, 17, 23, 59, 59, TimeSpan.FromHours(1));

        Of(new WaitStarted("await-payment", "checks/needs-fee", "payment-received", timeout, 2)).ShouldBe([
            new Effect(new FireTimer(Tenant, CaseId, TimerKind.WaitTimeout, "await-payment", 2, timeout), timeout),
        ]);
    }

    [Fact]
    public void a_wait_for_sdi_s_messages_also_asks_for_the_dts_kept_with_the_invoice_s_file_at_once()
    {
        // SdI's DT may come before the case waits for it (SdI's 15 days and the case's clock are not synchronised).
        var timeout = new DateTimeOffset(2026, 3, 19, 23, 59, 59, TimeSpan.FromHours(1));

        Of(new WaitStarted("await-dt", "main", "sdi-notification", timeout, 1)).ShouldBe([
            new Effect(new FireTimer(Tenant, CaseId, TimerKind.WaitTimeout, "await-dt", 1, timeout), timeout),
            new Effect(new ForwardKeptSdiMessages(Tenant, CaseId, "await-dt", 1), null),
        ]);
    }

    [Fact]
    public void a_wait_without_a_timeout_asks_for_nothing()
    {
        Of(new WaitStarted("missing-documents", "main", "documents-received", null, 1)).ShouldBeEmpty();
    }

    [Fact]
    public void events_that_ask_nothing_of_the_outside_world_map_to_nothing()
    {
        Of(
            new StepEntered("protocol", "call", "main", 1),
            new IntegrationSucceeded("protocol", "main", "protocol.register", 1, new JsonObject()),
            new IntegrationFailed("protocol", "main", "protocol.register", 1, "503", true),
            new DeadlineStopped("control", 2),
            new DeadlineInterrupted("control", 2, "L. 241/1990 art. 19 c.3"),
            new DeadlineExpired("control", "none", 2),
            new ExternalEventReceived("await-payment", "checks/needs-fee", "payment-received", new JsonObject()),
            new CaseClosed("archived", "archived", null)).ShouldBeEmpty();
    }

    [Fact]
    public void effects_keep_the_order_of_the_events_that_ask_for_them()
    {
        var waitTimeout = new DateTimeOffset(2026, 3, 17, 23, 59, 59, TimeSpan.FromHours(1));
        var resumeBy = new DateTimeOffset(2026, 4, 1, 10, 0, 0, TimeSpan.FromHours(2));
        var afterRetry = Registered.AddSeconds(30);

        Of(
            new StepEntered("protocol", "call", "main", 1),
            new DeadlineStarted("control", "60d", ControlDue, 1, "L. 241/1990 art. 19 c.3"),
            new IntegrationRequested("protocol", "main", "protocol.register", 1, $"{CaseId}/protocol/1", Input, Registered),
            new WaitStarted("await-payment", "checks/needs-fee", "payment-received", waitTimeout, 1),
            new DeadlineSuspended("control", "integration", TimeSpan.FromDays(40), resumeBy, 2, "L. 241/1990 art. 2 c.7"),
            new IntegrationRequested("visura", "checks/has-parcel", "sigmater.visura", 3, $"{CaseId}/visura/1", Input, afterRetry),
            new DeadlineResumed("control", ControlDue, 3, "resumed")).ShouldBe([
            new Effect(new FireTimer(Tenant, CaseId, TimerKind.ClockExpiry, "control", 1, ControlDue), ControlDue),
            new Effect(new CallIntegration(Tenant, CaseId, "protocol", "protocol.register", 1, $"{CaseId}/protocol/1", Input, Correlation), Registered),
            new Effect(new FireTimer(Tenant, CaseId, TimerKind.WaitTimeout, "await-payment", 1, waitTimeout), waitTimeout),
            new Effect(new FireTimer(Tenant, CaseId, TimerKind.SuspensionLimit, "control", 2, resumeBy), resumeBy),
            new Effect(new CallIntegration(Tenant, CaseId, "visura", "sigmater.visura", 3, $"{CaseId}/visura/1", Input, Correlation), afterRetry),
            new Effect(new FireTimer(Tenant, CaseId, TimerKind.ClockExpiry, "control", 3, ControlDue), ControlDue),
        ]);
    }
}
