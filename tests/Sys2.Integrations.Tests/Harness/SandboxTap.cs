using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Sys2.Integrations.Tests.Harness;

/// <summary>
/// A wire tap in front of the sandbox: counts the requests each path receives (so a test sees
/// the adapter's retries) and can replace a path's answer with a doctored one (so a test sees
/// what the adapter does with a malformed answer the faithful simulator would never give).
/// Attach with <c>SandboxServer.StartAsync(configure: tap.Attach)</c>.
/// </summary>
public sealed class SandboxTap
{
    private readonly ConcurrentDictionary<string, int> _hits = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, (int Status, string Body)> _doctored = new(StringComparer.OrdinalIgnoreCase);

    public void Attach(WebApplicationBuilder builder) => builder.Services.AddSingleton<IStartupFilter>(new Filter(this));

    /// <summary>Requests received whose path (below <c>/sandbox/</c>) starts with <paramref name="prefix"/>.</summary>
    public int Hits(string prefix) => _hits.Where(h => h.Key.StartsWith(prefix.Trim('/'), StringComparison.OrdinalIgnoreCase)).Sum(h => h.Value);

    /// <summary>From now on <paramref name="path"/> (below <c>/sandbox/</c>) answers <paramref name="body"/> as JSON.</summary>
    public void Doctor(string path, string body, int status = StatusCodes.Status200OK) => _doctored[path.Trim('/')] = (status, body);

    private sealed class Filter(SandboxTap tap) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use(async (context, following) =>
            {
                var path = (context.Request.Path.Value ?? string.Empty).Trim('/');
                if (path.StartsWith("sandbox/", StringComparison.OrdinalIgnoreCase)) path = path["sandbox/".Length..];
                tap._hits.AddOrUpdate(path, 1, (_, n) => n + 1);
                if (tap._doctored.TryGetValue(path, out var answer))
                {
                    context.Response.StatusCode = answer.Status;
                    context.Response.ContentType = "application/json";
                    await context.Response.WriteAsync(answer.Body);
                    return;
                }

                await following(context);
            });
            next(app);
        };
    }
}
