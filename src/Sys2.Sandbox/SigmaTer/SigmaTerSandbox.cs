using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Sys2.Integrations.SigmaTer;
using Sys2.Sandbox.Faults;

namespace Sys2.Sandbox.SigmaTer;

/// <summary>The SigmaTER simulator under <c>/sandbox/sigmater</c>.</summary>
public static class SigmaTerSandbox
{
    public const string System = "sigmater";

    public static IServiceCollection AddSigmaTerSandbox(this IServiceCollection services) =>
        services.AddSingleton(sp => new SyntheticCadastre(sp.GetRequiredService<FaultInjector>().Seed));

    public static RouteGroupBuilder MapSigmaTer(this IEndpointRouteBuilder sandbox)
    {
        var group = sandbox.MapGroup("/" + System).WithFaults(System);
        group.MapGet("/comuni/{belfiore}/parcels/{foglio}/{particella}",
            (string belfiore, string foglio, string particella, string? catasto, string? sezione, string? subalterno, SyntheticCadastre cadastre) =>
            {
                if (catasto is not (Visura.Fabbricati or Visura.Terreni))
                    return Results.Problem($"catasto must be '{Visura.Fabbricati}' or '{Visura.Terreni}', got '{catasto}'", statusCode: StatusCodes.Status400BadRequest);
                if (catasto == Visura.Terreni && !string.IsNullOrWhiteSpace(subalterno))
                    return Results.Problem("the catasto terreni has no subalterni", statusCode: StatusCodes.Status400BadRequest);
                if (!cadastre.Covers(belfiore))
                    return Results.Problem($"the comune '{belfiore}' is not covered by this SigmaTER node", statusCode: StatusCodes.Status400BadRequest);
                foreach (var (name, value) in new[] { ("foglio", foglio), ("particella", particella), ("sezione", sezione), ("subalterno", subalterno) })
                    if (value is not null && (value.Length is 0 or > 6 || !value.All(char.IsAsciiLetterOrDigit)))
                        return Results.Problem($"{name} '{value}' must be 1 to 6 letters or digits", statusCode: StatusCodes.Status400BadRequest);

                var parcel = new ParcelKey(belfiore.ToUpperInvariant(), Blank(sezione), foglio.ToUpperInvariant(), particella.ToUpperInvariant(), Blank(subalterno), catasto);
                return cadastre.Visura(parcel) is { } visura
                    ? Results.Ok(visura)
                    : Results.Problem($"no parcel {parcel.Belfiore} fg. {parcel.Foglio} part. {parcel.Particella}{(parcel.Subalterno is null ? "" : " sub. " + parcel.Subalterno)} in the cadastre",
                        statusCode: StatusCodes.Status404NotFound, extensions: new Dictionary<string, object?> { ["code"] = "parcel-not-found" });
            });
        return group;
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim().ToUpperInvariant();
}
