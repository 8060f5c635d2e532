using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Sys2.Host.Cases;
using Sys2.Host.Storage;
using Sys2.Workflows.Runtime;

namespace Sys2.Bench;

/// <summary>What the engine mix measured.</summary>
public sealed record MixResult(int Cases, long Steps, long Events, TimeSpan Elapsed, long Refused, long Conflicts, long Unfinished)
{
    public double StepsPerSecond => Steps / Elapsed.TotalSeconds;
    public double EventsPerSecond => Events / Elapsed.TotalSeconds;
}

/// <summary>
/// Drives a realistic mix of SUAP/SUE cases through <see cref="CaseService"/>: openings, clerks
/// completing tasks, payment receipts and documents arriving, and deadlines falling due, while
/// Wolverine carries every integration call to <see cref="InstantActivities"/> in the background.
/// Deadlines and wait timeouts are fired with <c>HandleSystemAsync(TimerFired)</c>, exactly what
/// the Wolverine timer handler does when the scheduled message comes due, without moving clocks.
/// </summary>
public sealed class EngineDriver(BenchHost host, BenchOptions options)
{
    public static readonly Actor SuapClerk = new("chiara.neri", "clerk", "SUAP");
    public static readonly Actor SuapManager = new("paolo.bianchi", "manager", "SUAP");
    public static readonly Actor SueClerk = new("marco.galli", "clerk", "SUE");
    public static readonly Actor SubstitutePower = new("anna.segretario", "manager", "Segreteria generale");
    public static readonly Actor RagioneriaClerk = new("marta.ferri", "clerk", "Ragioneria");
    private static readonly string[] Tenants = MartenSetup.Tenants.ToArray();

    public Latencies Opens { get; } = new();
    public Latencies Clerk { get; } = new();
    public Latencies System { get; } = new();
    private long _refused, _conflicts, _opened;
    private int _printed;

    /// <summary>Opens <paramref name="cases"/> cases and, with <see cref="EngineProbe.Drive"/>, works them to closure.</summary>
    public async Task<MixResult> RunMixAsync(int cases, int offset)
    {
        var probe = host.Probe;
        probe.Reset(drive: true);
        _opened = 0;
        var watch = Stopwatch.StartNew();
        using var timeout = new CancellationTokenSource(options.PhaseTimeout);
        var workers = Enumerable.Range(0, options.Concurrency).Select(_ => Task.Run(async () =>
        {
            var reader = probe.Work.Reader;
            while (probe.Closed < cases && !timeout.IsCancellationRequested)
            {
                if (reader.TryRead(out var work)) { await DoAsync(work); continue; }
                var inFlight = Interlocked.Read(ref _opened) - probe.Closed;
                if (Interlocked.Read(ref _opened) < cases && inFlight < options.MaxInFlight)
                {
                    var n = Interlocked.Increment(ref _opened) - 1;
                    if (n < cases) { await OpenAsync((int)n + offset); continue; }
                }
                await Task.WhenAny(reader.WaitToReadAsync().AsTask(), Task.Delay(20));
            }
        })).ToArray();
        await Task.WhenAll(workers);
        watch.Stop();
        return new MixResult(cases, probe.Steps, probe.Events, watch.Elapsed, _refused, _conflicts, cases - probe.Closed);
    }

    /// <summary>
    /// One stretch of arrivals (cases opened, invoices received) driven until every case they started is
    /// closed or parked and the host is quiet: the workers take the work the probe emits before the next arrival.
    /// </summary>
    public async Task<TimeSpan> DriveAsync(IReadOnlyList<Func<Task>> arrivals)
    {
        host.Probe.Drive = true;
        var next = -1;
        var watch = Stopwatch.StartNew();
        using var timeout = new CancellationTokenSource(options.PhaseTimeout);
        var workers = Enumerable.Range(0, options.Concurrency).Select(_ => Task.Run(async () =>
        {
            var reader = host.Probe.Work.Reader;
            while (!timeout.IsCancellationRequested)
            {
                if (reader.TryRead(out var work)) { await DoAsync(work); continue; }
                var n = Interlocked.Increment(ref next);
                if (n < arrivals.Count) { await arrivals[n](); continue; }
                if (Environment.TickCount64 - Interlocked.Read(ref host.Probe.LastCommitTicks) >= QuietPeriod.TotalMilliseconds
                    && !reader.TryPeek(out var waiting) && await host.PendingMessagesAsync() == 0)
                    return;
                await Task.WhenAny(reader.WaitToReadAsync().AsTask(), Task.Delay(50));
            }
        })).ToArray();
        await Task.WhenAll(workers);
        return watch.Elapsed;
    }

    public long Refused => Interlocked.Read(ref _refused);

    /// <summary>Opens cases that stay open: each runs (through Wolverine) to its first task or wait and stops there.</summary>
    public async Task<MixResult> FillAsync(int cases, int offset, string? only = null)
    {
        var probe = host.Probe;
        probe.Reset(drive: false);
        var next = -1;
        var watch = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, options.Concurrency).Select(_ => Task.Run(async () =>
        {
            for (int n; (n = Interlocked.Increment(ref next)) < cases;) await OpenAsync(n + offset, only);
        })).ToArray();
        await Task.WhenAll(workers);
        var deadline = Stopwatch.StartNew();
        while (probe.Parked < cases && deadline.Elapsed < options.PhaseTimeout) await Task.Delay(20);
        await QuiesceAsync();
        watch.Stop();
        return new MixResult(cases, probe.Steps, probe.Events, watch.Elapsed - QuietPeriod, _refused, _conflicts, cases - probe.Parked);
    }

    private static readonly TimeSpan QuietPeriod = TimeSpan.FromMilliseconds(500);

    /// <summary>Waits until no commit happened for <see cref="QuietPeriod"/> and Wolverine has nothing left to do now.</summary>
    public async Task QuiesceAsync()
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < options.PhaseTimeout)
        {
            var last = Interlocked.Read(ref host.Probe.LastCommitTicks);
            if (Environment.TickCount64 - last >= QuietPeriod.TotalMilliseconds && await host.PendingMessagesAsync() == 0) return;
            await Task.Delay(50);
        }
    }

    // ── Opening ─────────────────────────────────────────────────────────────────────────

    /// <summary>Half SCIA, three tenths ordinario, a fifth CILA, spread over the 64 entities.</summary>
    public async Task<string> OpenAsync(int n, string? only = null)
    {
        var roll = only == "suap.scia" ? 0 : Roll($"kind#{n}");
        var (definition, inputs, by) = roll < 50 ? ("suap.scia", SciaInputs(n), SuapClerk)
            : roll < 80 ? ("suap.ordinario", OrdinarioInputs(n), SuapClerk)
            : ("sue.cila", CilaInputs(n), SueClerk);
        var tenant = Tenants[n % Tenants.Length];
        // A new case's documents must be in the entity's file store: stored before the clock starts.
        foreach (var document in inputs.Select(p => p.Value).OfType<JsonObject>().Where(o => o["sha256"] is not null))
        {
            var text = document["name"]!.GetValue<string>() + n;
            await host.Services.GetRequiredService<Sys2.Host.Files.FileContents>().StoreAsync(tenant, Sha(text), Encoding.UTF8.GetBytes(text), BenchHost.Start, CancellationToken.None);
        }
        var start = Stopwatch.GetTimestamp();
        var outcome = await host.Cases.OpenAsync(Guid.NewGuid(), tenant, definition, inputs, by);
        Opens.Add(start);
        Note(outcome, $"open {definition}");
        return outcome.CaseId;
    }

    private static JsonObject Party(string fiscalCode, string name, string email) => new()
    {
        ["fiscalCode"] = fiscalCode, ["name"] = name, ["email"] = email, ["phone"] = "+39 0735 581234",
    };

    private static JsonObject Document(string name, int n) => new()
    {
        ["name"] = name, ["sha256"] = Sha(name + n), ["mediaType"] = "application/pkcs7-mime", ["size"] = 40_000 + n,
    };

    private static JsonObject Parcel() => new() { ["belfiore"] = "H769", ["sezione"] = "", ["foglio"] = "12", ["particella"] = "345", ["subalterno"] = "3" };

    private static JsonObject SciaInputs(int n)
    {
        var inputs = new JsonObject
        {
            ["applicant"] = Party("RSSMRA45D25F205N", "Mario Rossi", "mario.rossi@pec.it"),
            ["activity"] = "Apertura di un esercizio di vicinato",
            ["segnalazione"] = Document("scia.pdf.p7m", n),
        };
        if (n % 2 == 0) inputs["parcel"] = Parcel();
        return inputs;
    }

    private static JsonObject OrdinarioInputs(int n)
    {
        var inputs = new JsonObject
        {
            ["applicant"] = Party("RSSMRA45D25F205N", "Mario Rossi", "mario.rossi@pec.it"),
            ["activity"] = "Apertura di un bar con somministrazione",
            ["application"] = Document("istanza.pdf.p7m", n),
        };
        if (n % 2 == 1) inputs["parcel"] = Parcel();
        return inputs;
    }

    private static JsonObject CilaInputs(int n) => new()
    {
        ["applicant"] = Party("RSSMRA45D25F205N", "Mario Rossi", "mario.rossi@pec.it"),
        ["technician"] = Party("VRDGPP70M15A271P", "geom. Giuseppe Verdi", "giuseppe.verdi@geopec.it"),
        ["intervention"] = "Rifacimento dei bagni e spostamento di tramezzi interni",
        ["communication"] = Document("cila-asseverata.pdf.p7m", n),
        ["parcel"] = Parcel(),
    };

    // ── Tasks, events, deadlines ────────────────────────────────────────────────────────

    private sealed record Choice(int Weight, string Outcome, JsonObject Form, string? ExpireClock = null);

    private static JsonObject Notes(string notes, string? key = null, string? value = null)
    {
        var form = new JsonObject { ["notes"] = notes };
        if (key is not null) form[key] = value;
        return form;
    }

    /// <summary>What clerks do at each task, with the share of cases in which they do it; a clock name means the term runs out instead.</summary>
    private static readonly Dictionary<string, Choice[]> Choices = new()
    {
        ["suap.scia/formal-check"] = [new(95, "complete", []), new(5, "incomplete", new JsonObject { ["notes"] = "manca la procura speciale" })],
        ["suap.scia/control-review"] =
        [
            new(70, "compliant", Notes("requisiti verificati")),
            new(10, "order-compliance", Notes("difformità sanabili", "measures", "adeguare l'aerazione dei locali")),
            new(5, "prohibit", Notes("requisiti morali non posseduti")),
            new(15, "", [], ExpireClock: "control"),
        ],
        ["suap.scia/recheck"] = [new(90, "compliant", Notes("misure adottate")), new(10, "prohibit", Notes("misure insufficienti"))],
        // After consolidation, the art. 21-nonies window: mostly closed early, rarely an annulment, some left to run its six months.
        ["suap.scia/self-redress-review"] =
        [
            new(88, "close", Notes("nessun vizio di legittimità")),
            new(2, "annul", Notes("requisiti mai posseduti; interesse pubblico prevalente")),
            new(10, "", [], ExpireClock: "self-redress"),
        ],
        ["suap.ordinario/review"] =
        [
            new(65, "approve", Notes("istruttoria favorevole")),
            new(15, "request-integration", Notes("documentazione incompleta", "integration", "planimetria dei locali")),
            new(10, "reject", Notes("carenza dei requisiti", "reasons", "destinazione d'uso non compatibile")),
            new(10, "", [], ExpireClock: "decision"),
        ],
        ["suap.ordinario/review-after-integration"] =
            [new(85, "approve", Notes("integrazioni sufficienti")), new(15, "reject", Notes("integrazioni insufficienti", "reasons", "planimetria non conforme"))],
        // The term ran out on a procedure excluded from silenzio-assenso: the titolare del potere sostitutivo decides.
        ["suap.ordinario/substitute-power"] = [new(70, "approve", Notes("requisiti verificati")), new(30, "reject", Notes("carenza dei requisiti"))],
        ["suap.ordinario/final-decision"] = [new(50, "approve", Notes("osservazioni accolte")), new(50, "reject", Notes("osservazioni non accolte"))],
        ["sue.cila/formal-check"] =
        [
            new(80, "complete", Notes("comunicazione completa")),
            new(15, "request-integration", Notes("manca l'elaborato grafico", "missing", "elaborato grafico ante/post operam")),
            new(5, "not-cila", Notes("intervento soggetto a permesso di costruire")),
        ],
        // E-invoices (the simulated year): most accepted, a few rejected, a tenth left to decorrenza termini.
        ["fatture.fattura-passiva/assign"] = [new(100, "assigned", new JsonObject { ["office"] = "Ragioneria" })],
        ["fatture.fattura-passiva/verify"] =
        [
            new(85, "accept", Notes("fornitura conforme all'ordine")),
            new(5, "reject", Notes("fornitura non ricevuta", "reason", "Fattura riferita a una fornitura non ricevuta")),
            new(10, "", [], ExpireClock: "outcome"),
        ],
        ["fatture.fattura-passiva/outcome-discarded"] = [new(100, "liquidate", Notes("decorrenza termini già maturata"))],
        ["fatture.fattura-passiva/liquidation"] =
        [
            new(95, "liquidated", new JsonObject { ["act"] = "Determina di liquidazione n. 123/2026", ["notes"] = "DURC regolare" }),
            new(5, "not-payable", new JsonObject { ["act"] = "importo non dovuto: chiesta nota di credito" }),
        ],
        ["fatture.fattura-passiva/payment-order"] = [new(100, "ordered", new JsonObject { ["order"] = "M-2026-0001" })],
        ["sue.cila/recheck"] = [new(90, "complete", Notes("integrazioni complete")), new(10, "still-incomplete", Notes("ancora incompleta"))],
    };

    private async Task DoAsync(Work work)
    {
        try
        {
            // The probe learns a case's definition from its CaseOpened; should it have missed it, ask the summary.
            if (work.DefinitionId == "")
            {
                await using var query = host.Store.QuerySession(work.Tenant);
                if (await query.LoadAsync<Sys2.Host.Views.CaseSummary>(work.CaseId) is { } summary) work = work with { DefinitionId = summary.DefinitionId };
            }
            if (work.IsTask) await TaskAsync(work);
            else await WaitAsync(work);
        }
        catch (Exception e)
        {
            Interlocked.Increment(ref _refused);
            if (Interlocked.Increment(ref _printed) <= 5) Console.Error.WriteLine($"  ! {work.CaseId} {work.Step}: {e.GetType().Name}: {e.Message}");
        }
    }

    private async Task TaskAsync(Work work)
    {
        var key = $"{work.DefinitionId}/{work.Step}";
        var roll = Roll($"{work.CaseId}/{work.Step}/{work.Version}");
        Choice choice;
        if (work.Step == "manual-visura")
            choice = new Choice(100, "done", new JsonObject { ["cadastreNotes"] = "categoria C/1, intestatario Rossi Mario" });
        else if (Choices.TryGetValue(key, out var choices))
            choice = Pick(choices, roll);
        else
        {
            Console.Error.WriteLine($"  ! no clerk script for {key}: withdrawing {work.CaseId}");
            await ClerkAsync(work, new WithdrawCase("benchmark: no script for this task", SuapClerk), SuapClerk);
            return;
        }

        if (choice.ExpireClock is { } clock)
        {
            var start = Stopwatch.GetTimestamp();
            var outcome = await host.Cases.HandleSystemAsync(work.Tenant, work.CaseId, Guid.NewGuid(),
                new TimerFired(TimerKind.ClockExpiry, clock, host.Probe.Generation(work.CaseId, clock)), null);
            System.Add(start);
            Note(outcome, $"{clock} expiry");
            return;
        }
        var by = work.DefinitionId switch
        {
            "sue.cila" => SueClerk,
            "fatture.fattura-passiva" => RagioneriaClerk,
            _ => work.Step switch { "final-decision" or "self-redress-review" => SuapManager, "substitute-power" => SubstitutePower, _ => SuapClerk },
        };
        var form = (JsonObject)choice.Form.DeepClone();
        // The mandato is dated the day the clock shows: the payment timeliness counts from it.
        if (work.Step == "payment-order") form["date"] = DateOnly.FromDateTime(host.Clock.GetUtcNow().UtcDateTime).ToString("yyyy-MM-dd");
        await ClerkAsync(work, new CompleteTask(work.Step, choice.Outcome, form, by), by);
    }

    /// <summary>A clerk's command, decided on the version the clerk saw; on a conflict the clerk reloads and tries again.</summary>
    private async Task ClerkAsync(Work work, Trigger trigger, Actor by)
    {
        long? version = work.Version;
        for (var attempt = 1; ; attempt++)
        {
            var start = Stopwatch.GetTimestamp();
            var outcome = await host.Cases.HandleAsync(new CaseCommand(Guid.NewGuid(), work.Tenant, work.CaseId, version, trigger, by));
            Clerk.Add(start);
            if (outcome.Status != CommandStatus.Conflict || attempt == 5)
            {
                Note(outcome, $"{work.Step} {trigger.GetType().Name}");
                return;
            }
            Interlocked.Increment(ref _conflicts);
            await using var session = host.Store.QuerySession(work.Tenant);
            version = (await session.Events.FetchStreamStateAsync(work.CaseId))?.Version;
        }
    }

    private async Task WaitAsync(Work work)
    {
        var roll = Roll($"{work.CaseId}/{work.Step}/{work.Visit}");
        // SdI's answer to an outcome (NE/SE) is not simulated here (the host tests carry it): its wait runs out.
        var timesOut = work.Event switch { "payment-received" => roll < 20, "observations-received" => roll < 30, "sdi-notification" => true, _ => roll < 10 };
        Trigger trigger = timesOut
            ? new TimerFired(TimerKind.WaitTimeout, work.Step, work.Visit)
            : new ReceiveEvent(work.Event, work.Event switch
            {
                "payment-received" => new JsonObject
                {
                    ["paidAt"] = "2026-03-04T09:12:00+01:00", ["noticeNumber"] = "302000000001234559", ["iuv"] = "02000000001234559", ["amount"] = 5000, ["psp"] = "UniCredit",
                },
                "documents-received" => new JsonObject { ["documents"] = new JsonArray(Document("integrazione.pdf.p7m", work.Visit)) },
                "observations-received" => new JsonObject { ["text"] = "Si allega parere favorevole dell'ASUR" },
                _ => [],
            }, work.Step);
        var start = Stopwatch.GetTimestamp();
        var outcome = await host.Cases.HandleSystemAsync(work.Tenant, work.CaseId, Guid.NewGuid(), trigger, null);
        System.Add(start);
        Note(outcome, $"{work.Step} {trigger.GetType().Name}");
    }

    private void Note(CommandOutcome outcome, string what)
    {
        if (outcome.Status is CommandStatus.Accepted) return;
        if (outcome.Status is CommandStatus.Conflict) Interlocked.Increment(ref _conflicts);
        else Interlocked.Increment(ref _refused);
        if (Interlocked.Increment(ref _printed) <= 10)
            Console.Error.WriteLine($"  ! {what} on {outcome.CaseId}: {outcome.Status} {outcome.Error}");
    }

    private static Choice Pick(Choice[] choices, int roll)
    {
        var total = choices.Sum(c => c.Weight);
        var at = roll * total / 100;
        foreach (var c in choices)
        {
            if (at < c.Weight) return c;
            at -= c.Weight;
        }
        return choices[^1];
    }

    /// <summary>0–99, the same for the same text: a run is repeatable in its choices.</summary>
    private static int Roll(string text) => (int)(BitConverter.ToUInt32(SHA256.HashData(Encoding.UTF8.GetBytes(text))) % 100);

    public static string Sha(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
