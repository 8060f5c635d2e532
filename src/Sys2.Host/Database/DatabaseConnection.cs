using Microsoft.Extensions.Configuration;

namespace Sys2.Host.Database;

/// <summary>Which PostgreSQL the host uses: an explicit connection string if one is given, otherwise the private cluster.</summary>
public static class DatabaseConnection
{
    public const string Name = "Sys2";
    public const string EnvironmentVariable = "SYS2_CONNECTION";

    /// <summary>
    /// In order: configuration <c>ConnectionStrings:Sys2</c> (appsettings, ConnectionStrings__Sys2, command line),
    /// then the <c>SYS2_CONNECTION</c> variable, then the private cluster of this checkout, started if needed.
    /// </summary>
    public static string Resolve(IConfiguration config) => ResolveAsync(config).GetAwaiter().GetResult();

    public static async Task<string> ResolveAsync(IConfiguration config, CancellationToken ct = default) =>
        TryExplicit(config) ?? await PrivatePostgres.ForRepository().StartAsync(ct);

    /// <summary>The explicitly configured connection string, or null when the private cluster should be used.</summary>
    public static string? TryExplicit(IConfiguration config)
    {
        var configured = config.GetConnectionString(Name);
        if (!string.IsNullOrWhiteSpace(configured)) return configured;
        var fromEnvironment = Environment.GetEnvironmentVariable(EnvironmentVariable);
        return string.IsNullOrWhiteSpace(fromEnvironment) ? null : fromEnvironment;
    }
}
