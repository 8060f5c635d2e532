using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Known = Sys2.Workflows.Definitions.Activities;
using Sys2.Integrations;

namespace Sys2.Host.Tests.Harness;

/// <summary>
/// Stand-ins for the regional systems: plausible answers for every activity, failures a test
/// asks for, and a log of every call (to prove no step was carried out twice).
/// </summary>
public sealed class ScriptedActivities : IActivityHandler
{
    private readonly ConcurrentDictionary<string, ConcurrentQueue<Exception>> _failures = new();
    private int _protocol;

    public IReadOnlyCollection<string> Activities => Known.All;

    public ConcurrentQueue<ActivityCall> Calls { get; } = new();

    /// <summary>The next <paramref name="times"/> calls of <paramref name="activity"/> fail.</summary>
    public void FailNext(string activity, int times, bool transient, string message = "503 Service Unavailable")
    {
        var queue = _failures.GetOrAdd(activity, _ => new ConcurrentQueue<Exception>());
        for (var i = 0; i < times; i++) queue.Enqueue(new IntegrationException(activity, message, transient));
    }

    private readonly ConcurrentDictionary<string, Func<ActivityCall, JsonObject>> _answers = new();

    /// <summary>From now on <paramref name="activity"/> answers with <paramref name="answer"/>.</summary>
    public void AnswerWith(string activity, Func<ActivityCall, JsonObject> answer) => _answers[activity] = answer;

    public IReadOnlyList<ActivityCall> CallsOf(string caseId) => Calls.Where(c => c.CaseId == caseId).ToList();

    private volatile TaskCompletionSource _gate = Open();

    private static TaskCompletionSource Open()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        gate.SetResult();
        return gate;
    }

    /// <summary>The systems stop answering until <see cref="Resume"/>: the case stays where the test put it.</summary>
    public void Pause() => _gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Resume() => _gate.TrySetResult();

    /// <summary>Back to the defaults, for the next test on a shared host: answering, no failure queued, no answer of a test's own.</summary>
    public void Reset()
    {
        Resume();
        _failures.Clear();
        _answers.Clear();
    }

    public async Task<JsonObject> InvokeAsync(ActivityCall call, CancellationToken ct)
    {
        await _gate.Task.WaitAsync(ct);
        Calls.Enqueue(call);
        if (_failures.TryGetValue(call.Activity, out var queue) && queue.TryDequeue(out var failure)) throw failure;
        return _answers.TryGetValue(call.Activity, out var answer) ? answer(call) : Answer(call);
    }

    private JsonObject Answer(ActivityCall call) => call.Activity switch
    {
        Known.ProcediMarcheLookup => new JsonObject
        {
            ["code"] = call.Input["code"]?.DeepClone(),
            ["fees"] = new JsonObject { ["istruttoria"] = 5000, ["segreteria"] = 7500 },
        },
        Known.ProtocolRegister => new JsonObject
        {
            ["number"] = (Interlocked.Increment(ref _protocol)).ToString("0000000"), ["date"] = "2026-03-02",
        },
        Known.MPayRequestPayment => new JsonObject { ["noticeNumber"] = "302000000001234559", ["iuv"] = "02000000001234559" },
        Known.SigmaTerVisura => new JsonObject { ["found"] = true, ["categoria"] = "C/1", ["rendita"] = 123456 },
        Known.DigiPArchive => new JsonObject { ["id"] = $"RV-{call.IdempotencyKey}", ["receivedAt"] = "2026-03-02T08:00:00Z" },
        _ => new JsonObject { ["messageId"] = $"<{call.IdempotencyKey}@sys2>" },
    };
}
