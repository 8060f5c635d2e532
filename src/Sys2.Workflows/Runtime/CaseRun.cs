using System.Text.Json.Nodes;
using Sys2.Workflows.Cases.Events;
using Sys2.Workflows.Definitions;
using Sys2.Workflows.Expressions;
using Sys2.Workflows.Formats;

namespace Sys2.Workflows.Runtime;

/// <summary>
/// One decision in progress: the events decided so far and the state they lead to. Each
/// event is folded with <see cref="CaseEvolution.Evolve"/> as soon as it is decided, so the
/// rest of the decision reads the same state a replay would.
/// </summary>
internal sealed partial class CaseRun(WorkflowDefinition definition, CaseState state, DateTimeOffset now, ExpressionSandbox sandbox)
{
    /// <summary>A definition whose decisions go round without ever waiting is a bug: stop it, raise an incident.</summary>
    private const int MaxStepsPerDecision = 200;

    private readonly List<object> _events = [];
    private int _stepsEntered;

    public IReadOnlyList<object> Events => _events;
    private CaseState State => state;

    private void Emit(object @event)
    {
        _events.Add(@event);
        state = CaseEvolution.Evolve(state, @event);
    }

    public DomainError? Open(OpenCase t)
    {
        if (state.Status != CaseStatus.NotOpened)
            return new DomainError("case-already-opened", $"case {state.CaseId} is already open");
        var missing = definition.Inputs.Values.Where(i => i.Required && t.Inputs[i.Name] is null).Select(i => i.Name).ToList();
        if (missing.Count > 0)
            return new DomainError("missing-input", $"{definition.Id} needs the input(s) {string.Join(", ", missing)}");
        var unknown = t.Inputs.Select(p => p.Key).Where(k => !definition.Inputs.ContainsKey(k)).ToList();
        if (unknown.Count > 0)
            return new DomainError("unknown-input", $"{definition.Id} has no input(s) {string.Join(", ", unknown)} (inputs: {string.Join(", ", definition.Inputs.Keys)})");
        Emit(new CaseOpened(t.CaseId, t.Tenant, definition.Id, t.DefinitionVersion, definition.ContentHash,
            ModelKind(definition.Kind), (JsonObject)t.Inputs.DeepClone(), t.By.User, now));
        Enter(Token.Main, definition.Start.Name);
        return null;
    }

    public DomainError? Attach(AttachDocument t)
    {
        if (!Sha256Hex.IsDigest(t.Sha256))
            return new DomainError("bad-digest", $"document '{t.Name}': '{t.Sha256}' is not a SHA-256 digest (64 hexadecimal characters)");
        Emit(new DocumentAttached(t.Name, t.Sha256.ToLowerInvariant(), t.MediaType, t.Size, t.By.User));
        return null;
    }

    public DomainError? Withdraw(WithdrawCase t)
    {
        if (string.IsNullOrWhiteSpace(t.Reason))
            return new DomainError("reason-required", "a withdrawal needs a reason for the record");
        var step = state.Tokens.GetValueOrDefault(Token.Main)?.Step ?? "";
        Emit(new CaseClosed(Outcome(CaseOutcome.Withdrawn), step, $"{t.Reason} ({t.By.User})"));
        return null;
    }

    private static string ModelKind(CaseKind kind) => kind.ToString().ToLowerInvariant();

    private static string Outcome(CaseOutcome outcome) => KebabCase.Of(outcome);
}
