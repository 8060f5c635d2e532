using Microsoft.AspNetCore.Mvc;
using Sys2.Host.Access;
using Sys2.Host.Invoices;

namespace Sys2.Host.Web.Pages.Operatore;

/// <summary>
/// The received invoice files an operator looks after, newest first: by default the refused, unsafe and unrouted
/// ones, each with its status, first reason and entity, as <c>GET /api/invoices/files</c> lists them.
/// </summary>
public sealed class FattureModel(ReceivedFiles files) : WorkspacePage
{
    public const int MaxLines = 200;

    [BindProperty(SupportsGet = true, Name = "ente")] public string? Entity { get; set; }
    [BindProperty(SupportsGet = true, Name = "stato")] public string? Status { get; set; }

    public IReadOnlyList<string> Scopes { get; private set; } = [];
    public string Scope { get; private set; } = "";
    public IReadOnlyList<ReceivedInvoiceFile> Files { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var every = OperatorScope.KeepsEveryEntity(Caller);
        Scopes = every ? [Membership.AnyEntity, .. OperatorScope.Entities(Caller)] : OperatorScope.Entities(Caller);
        if (Scopes.Count == 0) return StatusCode(StatusCodes.Status403Forbidden);
        Scope = Entity is { Length: > 0 } chosen ? chosen.Trim().ToUpperInvariant() : Scopes[0];
        var access = Caller.ActingIn(Scope, Permission.HandleIncidents);
        if (!access.Allowed) return Refuse(access);
        if (Scope != Membership.AnyEntity) Tenant = Scope;
        IReadOnlyCollection<ReceivedFileStatus>? statuses = Status switch
        {
            "tutti" => null,
            { Length: > 0 } one when Enum.TryParse<ReceivedFileStatus>(one, out var s) => [s],
            _ => ReceivedFileText.ToExamine,
        };
        Files = await files.ListAsync(Scope, statuses, MaxLines, ct);
        return Page();
    }
}
