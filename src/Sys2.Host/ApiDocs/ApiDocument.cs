using Microsoft.AspNetCore.Authorization;
using Microsoft.OpenApi;
using Scalar.AspNetCore;

namespace Sys2.Host.ApiDocs;

/// <summary>
/// The API as a client sees it: an OpenAPI document at <c>/openapi/v1.json</c> describing every
/// endpoint with its records, its errors (RFC 9457 problems) and the bearer scheme it needs;
/// browsable at <c>/scalar</c> in Development. Routes are grouped by audience (tags).
/// </summary>
public static class ApiDocument
{
    public const string Path = "/openapi/v1.json";
    private const string Bearer = "bearer";

    public static void AddApiDocument(this IServiceCollection services) =>
        services.AddOpenApi(options =>
        {
            options.AddDocumentTransformer((document, _, _) =>
            {
                document.Info = new OpenApiInfo
                {
                    Title = "Sys2 API",
                    Version = "v1",
                    Description = "Workflow engine for the administrative procedures of the SYS² aggregation (64 entities of the provinces of Ascoli Piceno and Fermo).",
                };
                document.Components ??= new OpenApiComponents();
                document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
                document.Components.SecuritySchemes[Bearer] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.Http,
                    Scheme = "bearer",
                    BearerFormat = "JWT",
                    Description = "An access token of the configured OpenID Connect authority (the embedded provider: /connect/authorize and /connect/token).",
                };
                return Task.CompletedTask;
            });
            options.AddOperationTransformer((operation, context, _) =>
            {
                var metadata = context.Description.ActionDescriptor.EndpointMetadata;
                operation.Responses ??= new OpenApiResponses();
                operation.Responses.TryAdd("400", Problem("the request is malformed: the problem names the field and the value"));
                if (metadata.OfType<IAuthorizeData>().Any() && !metadata.OfType<IAllowAnonymous>().Any())
                {
                    operation.Security ??= [];
                    operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(Bearer, context.Document)] = [] });
                    operation.Responses.TryAdd("401", Problem("no bearer token, or one this API does not accept"));
                    operation.Responses.TryAdd("403", Problem("the caller's roles do not allow this"));
                    operation.Responses.TryAdd("404", Problem("nothing by this name is visible to the caller (another entity's case does not exist for her)"));
                    if (context.Description.HttpMethod == "POST")
                    {
                        operation.Responses.TryAdd("409", Problem("the case moved on since the version sent (or is busy): nothing was appended"));
                        operation.Responses.TryAdd("422", Problem("the case's rules refused the command, or its id was used for another one: nothing was appended"));
                    }
                }
                return Task.CompletedTask;
            });
        });

    public static void MapApiDocument(this WebApplication app)
    {
        app.MapOpenApi(Path);
        if (app.Environment.IsDevelopment()) app.MapScalarApiReference(o => o.WithTitle("Sys2 API").WithOpenApiRoutePattern(Path));
    }

    private static OpenApiResponse Problem(string description) => new()
    {
        Description = description,
        Content = new Dictionary<string, OpenApiMediaType> { ["application/problem+json"] = new() },
    };
}
