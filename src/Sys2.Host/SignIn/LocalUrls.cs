namespace Sys2.Host.SignIn;

/// <summary>
/// Where a sign-in may send the browser back to: a path of this host only. An open redirect
/// would hand a fresh session to anyone's page (<c>//evil.example</c> and <c>/\evil.example</c> are not local).
/// </summary>
public static class LocalUrls
{
    public static bool IsLocal(string? url) =>
        url is { Length: > 0 } && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\'));
}
