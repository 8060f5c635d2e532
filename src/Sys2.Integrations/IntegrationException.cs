namespace Sys2.Integrations;

/// <summary>
/// A regional system did not do what was asked. <c>Transient</c>: worth trying again
/// (5xx, timeout, connection refused); otherwise the request or the answer is wrong
/// (4xx, a malformed answer) and a retry would fail the same way.
/// </summary>
public sealed class IntegrationException(string system, string message, bool transient, Exception? inner = null)
    : Exception($"{system}: {message}", inner)
{
    public string System { get; } = system;

    public bool Transient { get; } = transient;
}
