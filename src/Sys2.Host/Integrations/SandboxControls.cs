using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;
using Sys2.Host.Access;
using Sys2.Host.SignIn;
using Sys2.Sandbox;

namespace Sys2.Host.Integrations;

/// <summary>
/// Who may drive the sandbox: an operator, signed in like anyone else. What belongs to one entity
/// (its mailbox, its SMS, its versamenti) only to that entity's operators; the sandbox-wide controls
/// (faults, paying an avviso as a citizen would) to an operator of any entity. The simulated
/// systems' own APIs, which the engine's adapters call, stay open as the real ones are to Sys2.
/// </summary>
public static class SandboxControls
{
    public const string Policy = "sys2-sandbox-controls";

    public static void AddSandboxControls(this IServiceCollection services)
    {
        services.AddSingleton<IAuthorizationHandler, OperatorOfTheEntity>();
        services.AddAuthorizationBuilder().AddPolicy(Policy, policy => policy
            .AddAuthenticationSchemes(JwtBearerDefaults.AuthenticationScheme)
            .RequireAuthenticatedUser()
            .AddRequirements(new OperatorRequirement()));
    }

    /// <summary>Puts the policy on every endpoint of the sandbox marked <see cref="SandboxControl"/>, once all its conventions are known.</summary>
    public static RouteGroupBuilder RequireSandboxControls(this RouteGroupBuilder sandbox)
    {
        ((IEndpointConventionBuilder)sandbox).Finally(endpoint =>
        {
            if (endpoint.Metadata.OfType<SandboxControl>().Any()) endpoint.Metadata.Add(new AuthorizeAttribute(Policy));
        });
        return sandbox;
    }

    public sealed class OperatorRequirement : IAuthorizationRequirement;

    private sealed class OperatorOfTheEntity(IOptions<SignInOptions> options) : AuthorizationHandler<OperatorRequirement>
    {
        protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, OperatorRequirement requirement)
        {
            if (context.Resource is not HttpContext http || Caller.From(context.User, options.Value.Claims) is not { } caller) return Task.CompletedTask;
            var control = http.GetEndpoint()?.Metadata.GetMetadata<SandboxControl>();
            var entity = http.GetRouteValue("tenant") as string ?? http.Request.Query["entity"].FirstOrDefault();
            var allowed = control?.PerEntity == true
                ? entity is { Length: > 0 } && caller.ActingIn(entity, Permission.UseSandbox).Allowed
                : caller.Memberships.Any(m => AccessRoles.Allows(m.Role, Permission.UseSandbox));
            if (allowed) context.Succeed(requirement);
            return Task.CompletedTask;
        }
    }
}
