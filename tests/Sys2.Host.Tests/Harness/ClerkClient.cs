using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Sys2.Host.Features;

namespace Sys2.Host.Tests.Harness;

/// <summary>The HTTP API as one clerk of one entity and office sees it.</summary>
public sealed class ClerkClient(Uri address, string tenant, string user, string role, string office) : IDisposable
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    private readonly HttpClient _http = new(new SocketsHttpHandler()) { BaseAddress = address };

    public Task<HttpResponseMessage> GetAsync(string path) => _http.SendAsync(Request(HttpMethod.Get, path, null));

    public Task<HttpResponseMessage> PostAsync(string path, object body) => _http.SendAsync(Request(HttpMethod.Post, path, body));

    public Task<HttpResponseMessage> PostRawAsync(string path, string fileName, HttpContent content)
    {
        var request = Request(HttpMethod.Post, path, null);
        request.Headers.Add("X-File-Name", fileName);
        request.Content = content;
        return _http.SendAsync(request);
    }

    public async Task<T> GetJsonAsync<T>(string path)
    {
        var response = await GetAsync(path);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<T>(Json))!;
    }

    private HttpRequestMessage Request(HttpMethod method, string path, object? body)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Add(RequestActor.TenantHeader, tenant);
        request.Headers.Add(RequestActor.UserHeader, user);
        request.Headers.Add(RequestActor.RoleHeader, role);
        request.Headers.Add(RequestActor.OfficeHeader, office);
        if (body is not null) request.Content = JsonContent.Create(body, options: Json);
        return request;
    }

    public void Dispose() => _http.Dispose();
}
