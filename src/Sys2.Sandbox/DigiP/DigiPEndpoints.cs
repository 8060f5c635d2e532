using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using Sys2.Integrations.DigiP;
using Sys2.Integrations.Wire;
using Sys2.Sandbox.Faults;

namespace Sys2.Sandbox.DigiP;

/// <summary><c>/sandbox/digip</c>: <c>POST enti/{tenant}/sip</c> (a zip) and the list of rapporti per entity.</summary>
public static class DigiPEndpoints
{
    public static RouteGroupBuilder MapDigiP(this IEndpointRouteBuilder sandbox)
    {
        var digip = sandbox.MapGroup("/digip").WithFaults("digip");

        digip.MapPost("/enti/{tenant}/sip", async (string tenant, HttpRequest request, HttpResponse response, DigiPArchive archive, IOptions<DigiPSandboxOptions> options) =>
        {
            var sip = await ReadBoundedAsync(request, options.Value.MaxSipBytes);
            if (sip is null)
                return Results.Problem($"a SIP may be at most {options.Value.MaxSipBytes} bytes", statusCode: StatusCodes.Status413PayloadTooLarge);
            var outcome = archive.Submit(tenant, request.Headers["Idempotency-Key"].FirstOrDefault(), sip);
            if (outcome is DigiPArchive.Taken { Replayed: true }) response.Headers[DigiPHttpAdapter.ReplayedHeader] = "true";
            return outcome switch
            {
                DigiPArchive.Taken taken => Results.Json(
                    new RapportoAnswer(taken.Rapporto.Id, taken.Rapporto.ReceivedAt.ToUniversalTime(), taken.Rapporto.SipDigest, taken.Rapporto.Tenant),
                    WireJson.Options, statusCode: taken.Replayed ? StatusCodes.Status200OK : StatusCodes.Status201Created),
                DigiPArchive.Rejected rejected => Results.Json(new RejectionAnswer(rejected.Reasons), WireJson.Options,
                    statusCode: StatusCodes.Status422UnprocessableEntity),
                DigiPArchive.Refused refused => Results.Problem(refused.Detail, statusCode: refused.Status),
                _ => Results.Problem("unexpected outcome", statusCode: StatusCodes.Status500InternalServerError),
            };
        });
        digip.MapGet("/enti/{tenant}/versamenti", (string tenant, DigiPArchive archive) => Results.Ok(archive.For(tenant))).AsSandboxControl(perEntity: true);
        return digip;
    }

    private static async Task<byte[]?> ReadBoundedAsync(HttpRequest request, long max)
    {
        if (request.ContentLength > max) return null;
        using var copy = new MemoryStream();
        var buffer = new byte[81920];
        int read;
        while ((read = await request.Body.ReadAsync(buffer, request.HttpContext.RequestAborted)) > 0)
        {
            if (copy.Length + read > max) return null;
            copy.Write(buffer, 0, read);
        }
        return copy.ToArray();
    }
}
