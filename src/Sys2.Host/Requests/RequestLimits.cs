using Microsoft.AspNetCore.Http.Metadata;

namespace Sys2.Host.Requests;

/// <summary>
/// How large a request may be, in one place (README, "Limits"). Kestrel's own limit is the
/// smallest, a command's JSON; the endpoints that take a document's bytes raise it for themselves
/// (<see cref="BodyLimit"/>), so the host never reads 50 MiB for an endpoint that expects a kilobyte.
/// </summary>
public static class RequestLimits
{
    /// <summary>Any request body unless its endpoint says otherwise: a command with its form or inputs.</summary>
    public const long CommandBody = 1024 * 1024;

    /// <summary>The quota per upload: the bytes of one document, uploaded or attached.</summary>
    public const long DocumentBytes = 50 * 1024 * 1024;

    /// <summary>An attachment's JSON carries the bytes in base64 (4 characters for every 3 bytes) and a few short fields.</summary>
    public const long AttachmentBody = (DocumentBytes + 2) / 3 * 4 + 64 * 1024;

    /// <summary>The largest the simulators accept: a SIP to DigiP carries whole documents.</summary>
    public const long SandboxBody = AttachmentBody;

    public static WebApplicationBuilder AddRequestLimits(this WebApplicationBuilder builder)
    {
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = CommandBody);
        // A body that does not bind (a Guid that is not one, a number in a string) throws, so it is
        // answered as a problem naming the field instead of an empty 400.
        builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        builder.Services.AddExceptionHandler<BadRequestAnswers>();
        return builder;
    }

    /// <summary>After the exception handler (Kestrel's 413 is thrown while reading) and before the endpoints.</summary>
    public static WebApplication UseRequestLimits(this WebApplication app)
    {
        app.UseMiddleware<RequestBodyCheck>();
        // Anything that still ends with an empty error (405, 415, a 404 of routing) gets a problem body.
        app.UseStatusCodePages();
        return app;
    }

    /// <summary>An endpoint whose bodies may be larger than <see cref="CommandBody"/>.</summary>
    public static TBuilder WithBodyLimit<TBuilder>(this TBuilder endpoint, long bytes) where TBuilder : IEndpointConventionBuilder =>
        endpoint.WithMetadata(new BodyLimit(bytes));
}

/// <summary>The body limit of one endpoint (read by <see cref="RequestBodyCheck"/>, which sets Kestrel's limit for the request).</summary>
public sealed record BodyLimit(long Bytes) : IRequestSizeLimitMetadata
{
    public long? MaxRequestBodySize => Bytes;
}
