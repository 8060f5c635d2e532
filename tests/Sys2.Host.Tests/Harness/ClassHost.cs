using Microsoft.AspNetCore.Builder;

namespace Sys2.Host.Tests.Harness;

/// <summary>
/// One <see cref="CaseHost"/> (and one database, named after the class) for all the tests of
/// <typeparamref name="TTests"/>: starting a host is most of a host test's time. Use it as
/// <c>IClassFixture&lt;ClassHost&lt;MyTests&gt;&gt;</c>; derive from it to configure the host differently.
/// </summary>
/// <remarks>
/// Data isolation is by ids: each test files its own cases (numbered by the host) and reads only
/// those, so what an earlier test of the class left behind is invisible to it. The clock never
/// moves backwards, the scripted systems are reset to their defaults before each test
/// (<see cref="ForNextTest"/>). A test that needs an empty database, moves the clock, counts rows
/// of the whole database or stops the host keeps a host of its own.
/// </remarks>
public class ClassHost<TTests> : IAsyncLifetime
{
    private CaseHost? _host;

    /// <summary>The class's host, with the scripted systems answering by default.</summary>
    public CaseHost Host => _host ?? throw new InvalidOperationException($"the host of {typeof(TTests).Name} did not start");

    /// <summary>The host as a test starts with it: the scripted systems answer, with no failure queued from an earlier test.</summary>
    public CaseHost ForNextTest()
    {
        Host.Activities.Reset();
        return Host;
    }

    /// <summary>false: the sandbox's simulators stand in for the regional systems.</summary>
    protected virtual bool Scripted => true;

    protected virtual void Configure(WebApplicationBuilder builder) { }

    // Off xunit's synchronization context, as every host start is.
    public virtual Task InitializeAsync() => Task.Run(async () => _host = await CaseHost.StartAsync(typeof(TTests).Name, Configure, Scripted));

    public virtual async Task DisposeAsync()
    {
        if (_host is not null) await _host.DisposeAsync();
    }
}

/// <summary>One host per test class against the sandbox's simulators (<c>scripted: false</c>).</summary>
public class SandboxHost<TTests> : ClassHost<TTests>
{
    protected override bool Scripted => false;
}
