using System.Net;
using System.Text.Json;
using Sys2.Integrations.MPay;
using Sys2.Integrations.SdI;
using Sys2.Integrations.Wire;

namespace Sys2.Sandbox.IntermediaMarche;

/// <summary>
/// How the hub posts to an entity's host, for a file and for SdI's messages alike: the JSON body signed with
/// the shared secret in <see cref="CallbackSignature.Header"/>, as the host's IntermediaMarche endpoints check it.
/// </summary>
internal static class SignedPost
{
    public static async Task<(HttpStatusCode Status, string Body)> SendAsync(HttpClient http, IntermediaMarcheSandboxOptions settings, Uri url, DeliveryBody body,
        CancellationToken ct)
    {
        var bytes = JsonSerializer.SerializeToUtf8Bytes(body, WireJson.Options);
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(bytes) };
        request.Content.Headers.ContentType = new("application/json");
        if (settings.CallbackSecret is { Length: > 0 } secret) request.Headers.Add(CallbackSignature.Header, CallbackSignature.Of(secret, bytes));
        using var response = await http.SendAsync(request, ct);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(ct));
    }
}
