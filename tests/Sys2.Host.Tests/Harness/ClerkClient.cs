using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Sys2.Host.Tests.Harness;

/// <summary>
/// The HTTP API as one person sees it: she signs in through the embedded provider's login page
/// on first use (<see cref="SignInFlow"/>) and sends her bearer token with every request.
/// </summary>
public sealed class ClerkClient(Uri address, TestAccount account) : IDisposable
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    private readonly HttpClient _http = new(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = address };
    private string? _token;

    public TestAccount Account => account;

    public async Task<HttpResponseMessage> GetAsync(string path) => await _http.SendAsync(await RequestAsync(HttpMethod.Get, path, null));

    public async Task<HttpResponseMessage> PostAsync(string path, object? body) => await _http.SendAsync(await RequestAsync(HttpMethod.Post, path, body));

    public async Task<HttpResponseMessage> PutAsync(string path, object? body) => await _http.SendAsync(await RequestAsync(HttpMethod.Put, path, body));

    public async Task<HttpResponseMessage> PostRawAsync(string path, string fileName, HttpContent content)
    {
        var request = await RequestAsync(HttpMethod.Post, path, null);
        request.Headers.Add("X-File-Name", fileName);
        request.Content = content;
        return await _http.SendAsync(request);
    }

    public async Task<T> GetJsonAsync<T>(string path)
    {
        var response = await GetAsync(path);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<T>(Json))!;
    }

    /// <summary>Her access token, for a request the client cannot make (a raw socket, Expect: 100-continue).</summary>
    public async Task<string> TokenAsync() => _token ??= await SignInFlow.AccessTokenAsync(_http, address, account.UserName);

    private async Task<HttpRequestMessage> RequestAsync(HttpMethod method, string path, object? body)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await TokenAsync());
        if (body is not null) request.Content = JsonContent.Create(body, options: Json);
        return request;
    }

    public void Dispose() => _http.Dispose();
}
