namespace Sys2.PrivatePostgres;

/// <summary>What <c>db status</c> reports.</summary>
/// <param name="Port">The port it listens on when running; otherwise the one it used last, if any.</param>
/// <param name="ConnectionString">Set only when the server is running and accepting connections.</param>
public sealed record PrivatePostgresStatus(
    PrivatePostgresPaths Paths,
    bool Initialized,
    bool Running,
    int? Port,
    string? ConnectionString);
