using System.Text.Json.Nodes;
using Known = Sys2.Workflows.Definitions.Activities;
using Sys2.Integrations;

namespace Sys2.Bench;

/// <summary>
/// Every regional system answers at once with a plausible result, so the benchmark measures the
/// engine (decide, append, outbox, Wolverine delivery) and not a simulator or the network.
/// </summary>
public sealed class InstantActivities : IActivityHandler
{
    private long _calls;
    private volatile TaskCompletionSource? _held;

    public IReadOnlyCollection<string> Activities => Known.All;

    public long Calls => Interlocked.Read(ref _calls);

    /// <summary>
    /// The regional systems stop answering until <see cref="Answer"/>: the calls wait (Wolverine's lanes hold them, the
    /// rest stay in its durable queue), so what the host does meanwhile is measured without the cases' next steps.
    /// </summary>
    public void Hold() => _held = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The held calls are answered, and every later one at once.</summary>
    public void Answer()
    {
        var held = _held;
        _held = null;
        held?.TrySetResult();
    }

    public async Task<JsonObject> InvokeAsync(ActivityCall call, CancellationToken ct)
    {
        if (_held is { } held) await held.Task.WaitAsync(ct);
        Interlocked.Increment(ref _calls);
        JsonObject answer = call.Activity switch
        {
            Known.ProcediMarcheLookup => new JsonObject
            {
                ["code"] = call.Input["code"]?.DeepClone(),
                ["fees"] = new JsonObject { ["istruttoria"] = 5000, ["segreteria"] = 7500 },
            },
            Known.ProtocolRegister => new JsonObject { ["number"] = "0000001", ["date"] = "2026-03-02" },
            // Every avviso of this fake is €50.00, the amount the driver's receipts pay (the waits check it).
            Known.MPayRequestPayment => new JsonObject { ["noticeNumber"] = "302000000001234559", ["iuv"] = "02000000001234559", ["amount"] = 5000 },
            Known.SigmaTerVisura => new JsonObject { ["found"] = true, ["categoria"] = "C/1", ["rendita"] = 123456 },
            Known.DigiPArchive => new JsonObject { ["id"] = "RdV-1" },
            _ => new JsonObject { ["messageId"] = "x" },
        };
        return answer;
    }
}
