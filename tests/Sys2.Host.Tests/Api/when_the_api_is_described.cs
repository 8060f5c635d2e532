using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Sys2.Host.ApiDocs;
using Sys2.Host.Tests.Harness;

namespace Sys2.Host.Tests.Api;

/// <summary>
/// The OpenAPI document describes every endpoint the host maps (those deliberately left out, the
/// sign-in pages, say so), each with the security it needs and the audience it serves.
/// </summary>
/// <remarks>One host for the class: the tests only read its endpoints and its document.</remarks>
public sealed class when_the_api_is_described(SandboxHost<when_the_api_is_described> shared) : IClassFixture<SandboxHost<when_the_api_is_described>>, IAsyncLifetime
{
    private readonly CaseHost _host = shared.ForNextTest();
    private JsonNode _document = null!;

    public async Task InitializeAsync()
    {
        using var http = new HttpClient { BaseAddress = _host.Address };
        var answer = await http.GetAsync(ApiDocument.Path);
        answer.EnsureSuccessStatusCode();
        _document = JsonNode.Parse(await answer.Content.ReadAsStringAsync())!;
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private IEnumerable<(string Method, string Path, EndpointMetadataCollection Metadata)> Described() =>
        _host.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<IExcludeFromDescriptionMetadata>() is not { ExcludeFromDescription: true })
            .Where(e => e.Metadata.GetMetadata<HttpMethodMetadata>() is not null)
            .SelectMany(e => e.Metadata.GetMetadata<HttpMethodMetadata>()!.HttpMethods
                .Select(m => (m.ToLowerInvariant(), AsDocumented(e.RoutePattern.RawText!), e.Metadata)));

    /// <summary>A route as OpenAPI writes it: no trailing slash, no constraints (<c>{year:int}</c> is <c>{year}</c>).</summary>
    private static string AsDocumented(string route) =>
        "/" + System.Text.RegularExpressions.Regex.Replace(route.Trim('/'), @"\{([^}:]+):[^}]+\}", "{$1}");

    [Fact]
    public void every_mapped_endpoint_is_in_the_document_with_its_security()
    {
        var paths = _document["paths"]!.AsObject();
        var endpoints = Described().ToList();
        endpoints.Count.ShouldBeGreaterThan(20);
        foreach (var (method, path, metadata) in endpoints)
        {
            var operation = paths[path]?[method];
            operation.ShouldNotBeNull($"{method.ToUpperInvariant()} {path} is mapped but not described");
            var secured = metadata.GetOrderedMetadata<IAuthorizeData>().Any() && metadata.GetMetadata<IAllowAnonymous>() is null;
            var security = operation["security"]?.AsArray();
            if (secured)
            {
                security.ShouldNotBeNull($"{method.ToUpperInvariant()} {path} needs a token but the document does not say so");
                security.ShouldContain(s => s!.AsObject().ContainsKey("bearer"));
                operation["responses"]!["401"].ShouldNotBeNull();
                operation["responses"]!["403"].ShouldNotBeNull();
            }
            else
                (security is null || security.Count == 0).ShouldBeTrue($"{method.ToUpperInvariant()} {path} is open but described as secured");
            operation["tags"]!.AsArray().ShouldNotBeEmpty($"{method.ToUpperInvariant()} {path} names no audience");
        }
    }

    [Fact]
    public void the_bearer_scheme_and_the_records_are_described()
    {
        var scheme = _document["components"]!["securitySchemes"]!["bearer"]!;
        scheme["type"]!.GetValue<string>().ShouldBe("http");
        scheme["scheme"]!.GetValue<string>().ShouldBe("bearer");
        var open = _document["paths"]!["/api/definitions/{definitionId}/cases"]!["post"]!;
        open["requestBody"]!["content"]!["application/json"].ShouldNotBeNull();
        _document["paths"]!["/api/cases/{caseId}/tasks/{step}"]!["post"]!["tags"]![0]!.GetValue<string>().ShouldBe("Clerks");
        // What a command answers, and what a read answers, are records the document describes.
        AnswerSchema("/api/cases/{caseId}/tasks/{step}", "post").ShouldBe("#/components/schemas/CommandOutcome");
        AnswerSchema("/api/cases/{caseId}", "get").ShouldBe("#/components/schemas/CaseView");
        _document["components"]!["schemas"]!["CommandOutcome"]!["properties"]!["caseId"].ShouldNotBeNull();
        _document["paths"]!["/api/cases/{caseId}/tasks/{step}"]!["post"]!["responses"]!["409"].ShouldNotBeNull();
    }

    private string? AnswerSchema(string path, string method) =>
        _document["paths"]![path]![method]!["responses"]!["200"]!["content"]!["application/json"]!["schema"]!["$ref"]?.GetValue<string>();

    [Fact]
    public void the_sandbox_controls_are_secured_and_the_simulators_apis_are_not()
    {
        var paths = _document["paths"]!.AsObject();
        paths["/sandbox/mpay/avvisi/{noticeNumber}/pay"]!["post"]!["security"].ShouldNotBeNull();
        var simulated = paths["/sandbox/mpay/organizations/{tenant}/debtpositions"]!["post"]!;
        (simulated["security"] is null || simulated["security"]!.AsArray().Count == 0).ShouldBeTrue();
    }
}
