using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Marten;
using Marten.Services;
using Sys2.Workflows.Cases.Events;

namespace Sys2.Bench;

/// <summary>Something a person or an outside system must do next on a case: a task, or a wait for an event.</summary>
public sealed record Work(string Tenant, string CaseId, string DefinitionId, string Step, long Version, bool IsTask, string Event, int Visit);

/// <summary>
/// A Marten session listener on the host's store: it sees every commit, whoever made it (the
/// driver, or Wolverine handling an integration answer), counts steps and events, and turns
/// each new task or wait into <see cref="Work"/> for the driver.
/// A step is one commit that appended events: one decide + append transaction.
/// </summary>
public sealed class EngineProbe : DocumentSessionListenerBase
{
    private long _steps, _events, _closed;
    private readonly ConcurrentDictionary<string, string> _definitions = new();
    private readonly ConcurrentDictionary<string, int> _generations = new();
    private readonly ConcurrentDictionary<string, byte> _parked = new();

    /// <summary>True: tasks and waits become work; false: cases stay where they stop (open).</summary>
    public volatile bool Drive;

    public Channel<Work> Work { get; private set; } = Channel.CreateUnbounded<Work>();

    public long Steps => Interlocked.Read(ref _steps);
    public long Events => Interlocked.Read(ref _events);
    public long Closed => Interlocked.Read(ref _closed);
    public int Parked => _parked.Count;
    public long LastCommitTicks;

    public void Reset(bool drive)
    {
        Drive = drive;
        Work = Channel.CreateUnbounded<Work>();
        _parked.Clear();
        Interlocked.Exchange(ref _steps, 0);
        Interlocked.Exchange(ref _events, 0);
        Interlocked.Exchange(ref _closed, 0);
    }

    private static readonly AsyncLocal<StrongBox<long>?> Saving = new();

    /// <summary>
    /// From now on in this async flow, the first session that reaches <c>SaveChangesAsync</c>
    /// writes the time into the box: where a command's load and decide end and its append begins,
    /// seen from outside <see cref="Sys2.Host.Cases.CaseService"/>.
    /// </summary>
    public static StrongBox<long> WatchSave() => Saving.Value = new StrongBox<long>();

    public override Task BeforeSaveChangesAsync(IDocumentSession session, CancellationToken token)
    {
        if (Saving.Value is { Value: 0 } box) box.Value = Stopwatch.GetTimestamp();
        return Task.CompletedTask;
    }

    /// <summary>Cases closed since the host started, by "definition → outcome" (the simulated year's tally).</summary>
    public System.Collections.Concurrent.ConcurrentDictionary<string, int> Closures { get; } = new();

    /// <summary>Legal clocks that ran out, by "definition/clock" (decorrenza termini, silenzio-assenso…).</summary>
    public System.Collections.Concurrent.ConcurrentDictionary<string, int> Expiries { get; } = new();

    public int Generation(string caseId, string clock) => _generations.GetValueOrDefault(caseId + "|" + clock);

    public override Task AfterCommitAsync(IDocumentSession session, IChangeSet commit, CancellationToken token)
    {
        foreach (var stream in commit.GetStreams())
        {
            if (stream.Events.Count == 0) continue;
            Interlocked.Increment(ref _steps);
            Interlocked.Add(ref _events, stream.Events.Count);
            Interlocked.Exchange(ref LastCommitTicks, Environment.TickCount64);
            var caseId = stream.Key!;
            var tenant = stream.TenantId ?? session.TenantId;
            foreach (var e in stream.Events)
            {
                switch (e.Data)
                {
                    case CaseOpened o: _definitions[caseId] = o.DefinitionId; break;
                    case DeadlineStarted d: _generations[caseId + "|" + d.Clock] = d.Generation; break;
                    case DeadlineResumed d: _generations[caseId + "|" + d.Clock] = d.Generation; break;
                    case DeadlineSuspended d: _generations[caseId + "|" + d.Clock] = d.Generation; break;
                    case DeadlineInterrupted d: _generations[caseId + "|" + d.Clock] = d.Generation; break;
                    case TaskAssigned t:
                        Emit(new Work(tenant, caseId, Definition(caseId), t.Step, stream.Version, true, "", 0));
                        break;
                    case WaitStarted w:
                        Emit(new Work(tenant, caseId, Definition(caseId), w.Step, stream.Version, false, w.Event, w.Visit));
                        break;
                    case CaseClosed c:
                        Interlocked.Increment(ref _closed);
                        Closures.AddOrUpdate($"{Definition(caseId)} → {c.Outcome}", 1, (_, n) => n + 1);
                        _definitions.TryRemove(caseId, out _);
                        break;
                    case DeadlineExpired x:
                        Expiries.AddOrUpdate($"{Definition(caseId)}/{x.Clock}", 1, (_, n) => n + 1);
                        break;
                }
            }
        }
        return Task.CompletedTask;
    }

    private string Definition(string caseId) => _definitions.GetValueOrDefault(caseId, "");

    private void Emit(Work work)
    {
        if (Drive) Work.Writer.TryWrite(work);
        else _parked.TryAdd(work.CaseId, 0);
    }
}
