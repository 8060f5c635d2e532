using System.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Sys2.Host.Operations;

/// <summary>
/// The product starts in two halves. First the server listens, so <c>/health/live</c> answers within a
/// second of the process start; then <see cref="StartupSequence"/> does the slow work one step after the
/// other, in the order the host always did it: the database's own tables, the definitions of
/// <c>workflows/</c>, then the hosted services that need the database (Marten's schema, Wolverine's runtime
/// and agents, the seeders, the engine's sweeps). Until the last step is done <c>/health/ready</c> fails
/// and every request that needs the database answers 503 with <c>Retry-After</c>, as during an outage.
/// If a step fails the host stops, as it did when the same work ran before the server listened.
/// </summary>
public sealed class StartupGate
{
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes when the host is ready; faults with the step's exception when it could not start.</summary>
    public Task Ready => _ready.Task;

    public bool IsReady => _ready.Task.IsCompletedSuccessfully;

    /// <summary>What the start-up is doing now, for the readiness answer.</summary>
    public string Stage { get; internal set; } = "waiting for the server to listen";

    internal void Open() => _ready.TrySetResult();

    internal void Fail(Exception e) => _ready.TrySetException(e);
}

/// <summary>
/// The slow half of the start, run once the server listens (<see cref="IHostApplicationLifetime.ApplicationStarted"/>).
/// Steps are added by <see cref="Sys2Application.BuildAsync"/> (tables, definitions) and by the deferred hosted
/// services as the host starts them (<see cref="DeferredStart"/>), so they run in the order the host registered them.
/// </summary>
public sealed class StartupSequence(StartupGate gate, IHostApplicationLifetime lifetime, ILogger<StartupSequence> log)
{
    private readonly List<(Func<string> Stage, Func<CancellationToken, Task> Run, TaskCompletionSource? Done)> _steps = [];
    private readonly CancellationTokenSource _stopping = new();
    private int _started;

    public void Add(string stage, Func<CancellationToken, Task> run) => Add(() => stage, run, done: null);

    /// <param name="stage">The step's name, asked again once it ran: a deferred service is named by its type, known once made.</param>
    internal void Add(Func<string> stage, Func<CancellationToken, Task> run, TaskCompletionSource? done)
    {
        lock (_steps)
        {
            if (_started != 0) throw new InvalidOperationException($"start-up step '{stage()}' added after the sequence began");
            _steps.Add((stage, run, done));
        }
    }

    /// <summary>Called once the server listens.</summary>
    internal void Begin()
    {
        if (Interlocked.Exchange(ref _started, 1) != 0) return;
        _ = Task.Run(RunAsync);
    }

    /// <summary>The host is stopping: a step not yet begun will not be.</summary>
    internal void Cancel()
    {
        try { _stopping.Cancel(); } catch (ObjectDisposedException) { }
    }

    private async Task RunAsync()
    {
        var watch = Stopwatch.StartNew();
        var index = 0;
        try
        {
            List<(Func<string> Stage, Func<CancellationToken, Task> Run, TaskCompletionSource? Done)> steps;
            lock (_steps) steps = [.. _steps];
            for (; index < steps.Count; index++)
            {
                var (stage, run, done) = steps[index];
                _stopping.Token.ThrowIfCancellationRequested();
                gate.Stage = stage();
                var began = watch.Elapsed;
                await run(_stopping.Token);
                done?.TrySetResult();
                log.LogDebug("Start-up: {Stage} in {Milliseconds:0} ms", stage(), (watch.Elapsed - began).TotalMilliseconds);
            }
            gate.Stage = "ready";
            gate.Open();
            log.LogInformation("Ready {Seconds:0.00} s after the server began to listen", watch.Elapsed.TotalSeconds);
        }
        catch (Exception e)
        {
            List<TaskCompletionSource?> pending;
            lock (_steps) pending = _steps.Skip(index).Select(s => s.Done).ToList();
            foreach (var done in pending) done?.TrySetCanceled();
            if (_stopping.IsCancellationRequested)
            {
                gate.Fail(new OperationCanceledException($"the host stopped while starting ({gate.Stage})", e));
                return;
            }
            log.LogCritical(e, "The host could not start ({Stage}): it stops", gate.Stage);
            gate.Fail(e);
            lifetime.StopApplication();
        }
    }
}

/// <summary>
/// A hosted service whose start waits for <see cref="StartupSequence"/>: the host's call returns at once (so the
/// server, which the host starts last, listens without waiting for it) and the sequence makes and starts it later,
/// in the same order. Stopping waits for the start to finish and then stops it; one that never started is not stopped.
/// </summary>
internal sealed class DeferredStart(ServiceDescriptor registered, IServiceProvider services, StartupSequence sequence) : IHostedService
{
    private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private IHostedService? _inner;

    public Task StartAsync(CancellationToken ct)
    {
        sequence.Add(() => Name, async stopping =>
        {
            // Made here rather than when the host collects its hosted services: building Marten's store and Wolverine's
            // runtime took ≈ 200 ms that the server then waited for before it listened (docs/benchmarks.md).
            var inner = _inner = Create();
            if (inner is IHostedLifecycleService lifecycle) await lifecycle.StartingAsync(stopping);
            await inner.StartAsync(stopping);
            if (inner is IHostedLifecycleService started) await started.StartedAsync(stopping);
        }, _started);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken ct)
    {
        sequence.Cancel();
        try { await _started.Task.WaitAsync(ct); }
        catch (Exception) { return; } // never started (or the host gave up waiting): nothing to stop
        var inner = _inner!;
        if (inner is IHostedLifecycleService lifecycle) await lifecycle.StoppingAsync(ct);
        await inner.StopAsync(ct);
        if (inner is IHostedLifecycleService stopped) await stopped.StoppedAsync(ct);
    }

    /// <summary>The service's type; for one a factory makes, its assembly's until it is made.</summary>
    private string Name => _inner?.GetType().Name ?? (registered.ImplementationType ?? registered.ImplementationInstance?.GetType())?.Name
        ?? $"a hosted service of {Origin(registered)?.Assembly.GetName().Name}";

    private IHostedService Create() =>
        registered.ImplementationInstance as IHostedService
        ?? (IHostedService?)registered.ImplementationFactory?.Invoke(services)
        ?? (IHostedService)ActivatorUtilities.CreateInstance(services, registered.ImplementationType!);

    /// <summary>
    /// Puts the hosted services that need the database behind the sequence: Sys2's own and Marten's, Wolverine's and
    /// JasperFx's (schema, runtime, agents, resources). Others (telemetry, health publishing, the sign-in's refusals
    /// of a bad configuration) start as before. Told by the assembly that registered the service.
    /// </summary>
    public static void Apply(IServiceCollection services)
    {
        for (var i = 0; i < services.Count; i++)
        {
            var d = services[i];
            if (d.ServiceType != typeof(IHostedService) || d.IsKeyedService || !NeedsTheDatabase(d)) continue;
            services[i] = ServiceDescriptor.Singleton<IHostedService>(sp => new DeferredStart(d, sp, sp.GetRequiredService<StartupSequence>()));
        }
    }

    /// <summary>The type that registered service <paramref name="d"/> is, or, for a factory, the type that declares the factory.</summary>
    private static Type? Origin(ServiceDescriptor d) =>
        d.ImplementationType ?? d.ImplementationInstance?.GetType() ?? d.ImplementationFactory?.Method.DeclaringType;

    private static bool NeedsTheDatabase(ServiceDescriptor d)
    {
        var origin = Origin(d);
        if (origin is null || origin.IsAssignableTo(typeof(IStartsBeforeListening))) return false;
        var assembly = origin.Assembly.GetName().Name ?? "";
        return assembly == typeof(DeferredStart).Assembly.GetName().Name
            || assembly.StartsWith("Marten", StringComparison.Ordinal)
            || assembly.StartsWith("Wolverine", StringComparison.Ordinal)
            || assembly.StartsWith("JasperFx", StringComparison.Ordinal)
            || assembly.StartsWith("Weasel", StringComparison.Ordinal);
    }
}

/// <summary>A hosted service of the host that must start before the server listens (it refuses a bad configuration).</summary>
public interface IStartsBeforeListening;

/// <summary>
/// <c>/health/ready</c>'s first line: the host finished starting. Until then no check runs and the readiness
/// endpoint answers the stage itself (<see cref="HealthEndpoints"/>), so this one only ever reports the end of it.
/// </summary>
public sealed class StartupCheck(StartupGate gate) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default) =>
        Task.FromResult(gate.IsReady ? HealthCheckResult.Healthy("started") : new HealthCheckResult(context.Registration.FailureStatus, $"starting: {gate.Stage}"));
}

public static class StartupGateSetup
{
    public static void AddStartupGate(this IServiceCollection services)
    {
        services.AddSingleton<StartupGate>();
        services.AddSingleton<StartupSequence>();
    }

    /// <summary>
    /// Before the host is ready, what needs the database answers 503 with <c>Retry-After</c>, as while the database
    /// is down. What needs none passes: the health endpoints, the front-end's files, the discovery documents, and
    /// the sandbox's simulators (the outside world the engine calls, up whether or not this host is).
    /// </summary>
    public static void UseStartupGate(this WebApplication app)
    {
        var gate = app.Services.GetRequiredService<StartupGate>();
        app.Use(async (context, next) =>
        {
            if (gate.IsReady || NeedsNoDatabase(context.Request.Path))
            {
                await next(context);
                return;
            }
            await context.RequestServices.GetRequiredService<IProblemDetailsService>()
                .WriteAsync(FailureAnswers.Unavailable(context, "Sys2 is starting", $"Sys2 is not ready yet ({gate.Stage})."));
        });
    }

    private static bool NeedsNoDatabase(PathString path) =>
        path.StartsWithSegments("/health") || path.StartsWithSegments(Web.WebPages.LibPath)
        || path.StartsWithSegments("/.well-known") || path.StartsWithSegments("/sandbox");
}
