using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Sys2.Integrations.Protocol;
using Sys2.Sandbox.Faults;
using Sys2.Workflows.Formats.Protocol;
using Sys2.Workflows.Tenants;

namespace Sys2.Sandbox.Protocol;

/// <summary>The protocol register simulator under <c>/sandbox/protocol</c>: one AOO per entity (by tenant id).</summary>
public static class ProtocolSandbox
{
    public const string System = "protocol";
    private const string IdempotencyKeyHeader = "Idempotency-Key";

    public static IServiceCollection AddProtocolSandbox(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        return services.AddSingleton<SimulatedProtocolRegister>();
    }

    public static RouteGroupBuilder MapProtocol(this IEndpointRouteBuilder sandbox)
    {
        var group = sandbox.MapGroup("/" + System).WithFaults(System);
        var registrations = group.MapGroup("/aoo/{aoo}/registers/{register}/registrations");

        registrations.MapPost("", (string aoo, string register, RegistrationBody body, HttpRequest http, SimulatedProtocolRegister registry) =>
        {
            if (Entity(aoo) is not { } entity) return UnknownAoo(aoo);
            if (Key(http) is not { } key) return MissingKey();
            var problems = RegistrationRules.Check(entity.TenantId, body);
            if (problems.Count > 0)
                return Results.Problem(string.Join("; ", problems), statusCode: StatusCodes.Status400BadRequest, title: "registration refused");
            var outcome = registry.Register(entity, register.ToUpperInvariant(), key, body);
            if (outcome.Conflict is not null) return Results.Problem(outcome.Conflict, statusCode: StatusCodes.Status422UnprocessableEntity);
            return outcome.Replayed ? Results.Ok(outcome.Registration) : Results.Created($"{outcome.Registration!.Year}/{outcome.Registration.Number}", outcome.Registration);
        });

        registrations.MapGet("/{year:int}/{number}", (string aoo, string register, int year, string number, SimulatedProtocolRegister registry) =>
        {
            if (Entity(aoo) is not { } entity) return UnknownAoo(aoo);
            return ProtocolNumber.TryParse(number, out var n) && registry.Find(entity, register.ToUpperInvariant(), year, n) is { } found
                ? Results.Ok(found)
                : NoSuchRegistration(number, year);
        });

        registrations.MapPost("/{year:int}/{number}/cancellation",
            (string aoo, string register, int year, string number, CancellationBody body, HttpRequest http, SimulatedProtocolRegister registry) =>
            {
                if (Entity(aoo) is not { } entity) return UnknownAoo(aoo);
                if (Key(http) is not { } key) return MissingKey();
                if (string.IsNullOrWhiteSpace(body.Reason))
                    return Results.Problem("reason: a cancellation states its reason (DPR 445/2000 art. 54)", statusCode: StatusCodes.Status400BadRequest);
                if (!ProtocolNumber.TryParse(number, out var n)) return NoSuchRegistration(number, year);
                var outcome = registry.Cancel(entity, register.ToUpperInvariant(), year, n, body.Reason, key);
                if (outcome.Registration is null) return NoSuchRegistration(number, year);
                return outcome.Conflict is null ? Results.Ok(outcome.Registration) : Results.Problem(outcome.Conflict, statusCode: StatusCodes.Status409Conflict);
            });
        return group;
    }

    private static Entity? Entity(string aoo) => EntityCatalogue.Load().ByTenantId(aoo);

    private static string? Key(HttpRequest http) =>
        http.Headers.TryGetValue(IdempotencyKeyHeader, out var values) && !string.IsNullOrWhiteSpace(values.ToString()) ? values.ToString() : null;

    private static IResult UnknownAoo(string aoo) =>
        Results.Problem($"no AOO '{aoo}' in the SYS² aggregation", statusCode: StatusCodes.Status404NotFound, title: "unknown AOO");

    private static IResult MissingKey() =>
        Results.Problem($"the {IdempotencyKeyHeader} header is required", statusCode: StatusCodes.Status400BadRequest);

    private static IResult NoSuchRegistration(string number, int year) =>
        Results.Problem($"no registration {number}/{year.ToString(CultureInfo.InvariantCulture)}", statusCode: StatusCodes.Status404NotFound);
}
