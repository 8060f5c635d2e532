using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Sys2.Host.Tests.Harness;

/// <summary>What a refusal must look like: an RFC 9457 problem, with no stack trace, SQL or echoed headers.</summary>
public static class Problems
{
    public static async Task<JsonObject> ShouldBeProblemAsync(this HttpResponseMessage response, HttpStatusCode status)
    {
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(status, text);
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json", text);
        var problem = JsonNode.Parse(text)!.AsObject();
        problem["status"]!.GetValue<int>().ShouldBe((int)status);
        problem["title"].ShouldNotBeNull(text);
        foreach (var leak in new[] { "   at ", "Npgsql", "Exception", "select ", "insert ", "X-Sys2-" })
            text.ShouldNotContain(leak, Case.Insensitive, text);
        return problem;
    }

    /// <summary>A validation problem's messages by field path.</summary>
    public static async Task<IReadOnlyDictionary<string, string[]>> ShouldBeFieldErrorsAsync(this HttpResponseMessage response)
    {
        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        return problem["errors"].ShouldNotBeNull(problem.ToJsonString()).AsObject()
            .ToDictionary(p => p.Key, p => p.Value!.AsArray().Select(m => m!.GetValue<string>()).ToArray());
    }

    public static async Task<JsonObject> JsonAsync(this HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.OK, text);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }
}
