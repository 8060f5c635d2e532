using Microsoft.Extensions.Configuration;

namespace Sys2.PrivatePostgres;

/// <summary>Which PostgreSQL to use: an explicit connection string if one is given, otherwise the private cluster.</summary>
public static class DatabaseConnection
{
    public const string Name = "Sys2";
    public const string EnvironmentVariable = "SYS2_CONNECTION";

    /// <summary>
    /// In order: configuration <c>ConnectionStrings:Sys2</c> (appsettings, ConnectionStrings__Sys2, command line),
    /// then the <c>SYS2_CONNECTION</c> variable, then the private cluster of the checkout at
    /// <paramref name="checkoutRoot"/> (see <see cref="PrivateCluster.ForCheckout"/>), started if needed.
    /// </summary>
    public static string Resolve(IConfiguration config, string? checkoutRoot) => ResolveAsync(config, checkoutRoot).GetAwaiter().GetResult();

    public static async Task<string> ResolveAsync(IConfiguration config, string? checkoutRoot, CancellationToken ct = default) =>
        TryExplicit(config) ?? await PrivateCluster.ForCheckout(checkoutRoot).StartAsync(ct);

    /// <summary>The explicitly configured connection string, or null when the private cluster should be used.</summary>
    public static string? TryExplicit(IConfiguration config)
    {
        var configured = config.GetConnectionString(Name);
        if (!string.IsNullOrWhiteSpace(configured)) return configured;
        var fromEnvironment = Environment.GetEnvironmentVariable(EnvironmentVariable);
        return string.IsNullOrWhiteSpace(fromEnvironment) ? null : fromEnvironment;
    }
}
