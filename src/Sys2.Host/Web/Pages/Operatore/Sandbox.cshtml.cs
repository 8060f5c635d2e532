using Microsoft.AspNetCore.Mvc;
using Sys2.Host.Access;
using Sys2.Sandbox;
using Sys2.Sandbox.Notifications;

namespace Sys2.Host.Web.Pages.Operatore;

/// <summary>A control of a simulator: how it is called, and whether it answers for one entity only.</summary>
public sealed record SandboxControlLine(string Methods, string Path, bool PerEntity);

/// <summary>
/// In a sandbox run only (elsewhere the page does not exist): the simulators' controls, read from the endpoints that
/// carry <see cref="SandboxControl"/> so the list cannot drift from what is mounted, and the entity's inboxes (the
/// e-mail the SMTP sink received and the SMS the gateway accepted), for the operators of that entity.
/// </summary>
public sealed class SandboxModel(IServiceProvider services, EndpointDataSource endpoints) : WorkspacePage
{
    /// <summary>The newest messages shown of each inbox.</summary>
    public const int Shown = 50;

    [BindProperty(SupportsGet = true, Name = "ente")] public string? Entity { get; set; }

    public IReadOnlyList<string> Entities { get; private set; } = [];
    public IReadOnlyList<SandboxControlLine> Controls { get; private set; } = [];
    public IReadOnlyList<MailInbox.Mail> Mail { get; private set; } = [];
    public IReadOnlyList<SmsInbox.Sms> Sms { get; private set; } = [];

    public IActionResult OnGet()
    {
        // The simulators' services are there only when the sandbox is mounted.
        if (services.GetService<MailInbox>() is not { } mail || services.GetService<SmsInbox>() is not { } sms) return NotFound();
        Entities = Caller.TenantsFor(Permission.UseSandbox);
        var access = Caller.In(Entity is { Length: > 0 } e ? e : Entities.FirstOrDefault(), Permission.UseSandbox);
        if (!access.Allowed) return Refuse(access);
        Tenant = access.Tenant;
        Controls = [.. endpoints.Endpoints.OfType<RouteEndpoint>()
            .Where(x => x.Metadata.GetMetadata<SandboxControl>() is not null)
            .Select(x => new SandboxControlLine(
                string.Join(", ", x.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["*"]),
                "/" + (x.RoutePattern.RawText ?? "").TrimStart('/'),
                x.Metadata.GetMetadata<SandboxControl>()!.PerEntity))
            .OrderBy(c => c.Path, StringComparer.Ordinal).ThenBy(c => c.Methods, StringComparer.Ordinal)];
        Mail = [.. mail.To(null, Tenant).OrderByDescending(m => m.ReceivedAt).Take(Shown)];
        Sms = [.. sms.To(null, Tenant).OrderByDescending(m => m.AcceptedAt).Take(Shown)];
        return Page();
    }
}
