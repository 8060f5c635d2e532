namespace Sys2.Host.Tests.Harness;

/// <summary>
/// What a browser keeps between requests to one site: its cookies, sent with each request, set and
/// deleted by the answers. By hand, so it works over a socket and over ASP.NET Core's TestServer alike.
/// </summary>
public sealed class BrowserSession(HttpMessageInvoker http, Uri address)
{
    private readonly Dictionary<string, string> _cookies = [];

    public IReadOnlyDictionary<string, string> Cookies => _cookies;

    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string url, HttpContent? content = null)
    {
        var request = new HttpRequestMessage(method, new Uri(address, url)) { Content = content };
        if (_cookies.Count > 0) request.Headers.Add("Cookie", string.Join("; ", _cookies.Select(c => $"{c.Key}={c.Value}")));
        var response = await http.SendAsync(request, CancellationToken.None);
        if (response.Headers.TryGetValues("Set-Cookie", out var set))
            foreach (var cookie in set)
            {
                var pair = cookie.Split(';', 2)[0].Split('=', 2);
                if (pair[1].Length == 0 || cookie.Contains("expires=Thu, 01 Jan 1970", StringComparison.OrdinalIgnoreCase)) _cookies.Remove(pair[0]);
                else _cookies[pair[0]] = pair[1];
            }
        return response;
    }
}
