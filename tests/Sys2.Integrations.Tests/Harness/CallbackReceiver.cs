using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Sys2.Integrations.Tests.Harness;

/// <summary>Stands in for the host's callback endpoint: a real socket that records every body posted to <c>/callbacks</c>.</summary>
public sealed class CallbackReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Channel<Callback> _received;

    public sealed record Callback(string Body, string? IdempotencyKey, string? Signature = null);

    private CallbackReceiver(WebApplication app, Channel<Callback> received, Uri url)
    {
        _app = app;
        _received = received;
        Url = url;
    }

    public Uri Url { get; }

    /// <summary>How many of the next callbacks are answered 503 (and still recorded), as a host that is down would.</summary>
    public int RefuseNext
    {
        get => Volatile.Read(ref _refuseNext);
        set => Volatile.Write(ref _refuseNext, value);
    }
    private int _refuseNext;

    public static async Task<CallbackReceiver> StartAsync()
    {
        var received = Channel.CreateUnbounded<Callback>();
        CallbackReceiver? self = null;
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.MapPost("/callbacks", async (HttpRequest request) =>
        {
            using var reader = new StreamReader(request.Body);
            await received.Writer.WriteAsync(new Callback(await reader.ReadToEndAsync(), request.Headers["Idempotency-Key"].FirstOrDefault(),
                request.Headers["X-Sys2-Signature"].FirstOrDefault()));
            return Interlocked.Decrement(ref self!._refuseNext) >= 0 ? Results.StatusCode(StatusCodes.Status503ServiceUnavailable) : Results.NoContent();
        });
        await app.StartAsync();
        var root = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return self = new CallbackReceiver(app, received, new Uri(root.TrimEnd('/') + "/callbacks"));
    }

    /// <summary>The next <paramref name="count"/> callbacks, in arrival order; fails if they do not all come in time.</summary>
    public async Task<IReadOnlyList<Callback>> NextAsync(int count, TimeSpan? within = null)
    {
        using var timeout = new CancellationTokenSource(within ?? TimeSpan.FromSeconds(10));
        var callbacks = new List<Callback>();
        while (callbacks.Count < count) callbacks.Add(await _received.Reader.ReadAsync(timeout.Token));
        return callbacks;
    }

    /// <summary>What else arrives within <paramref name="wait"/> (to show nothing more came).</summary>
    public async Task<int> ExtraWithinAsync(TimeSpan wait)
    {
        await Task.Delay(wait);
        var extra = 0;
        while (_received.Reader.TryRead(out _)) extra++;
        return extra;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
