using Marten;
using Microsoft.AspNetCore.Mvc;
using Sys2.Host.Access;
using Sys2.Host.Integrations;

namespace Sys2.Host.Web.Pages.Operatore;

/// <summary>
/// The payments no case took (<see cref="UnmatchedPayment"/>: another avviso, a case closed as the payer paid), in the
/// entities the operator keeps: what was paid, to which entity, for which case, why no case took it; and the form to
/// mark one handled with a note saying what she did (a refund asked for, the case it really belongs to). The same
/// <see cref="UnmatchedPayments"/> as <c>GET /api/payments/unmatched</c> and its <c>…/handle</c>.
/// </summary>
public sealed class PagamentiModel(IDocumentStore store, TimeProvider clock) : WorkspacePage
{
    public const int MaxLines = 200;

    [BindProperty(SupportsGet = true, Name = "ente")] public string? Entity { get; set; }

    /// <summary><c>tutti</c>: the handled ones too, with who handled each and her note; otherwise the open ones.</summary>
    [BindProperty(SupportsGet = true, Name = "stato")] public string? State { get; set; }

    public IReadOnlyList<string> Entities { get; private set; } = [];
    public IReadOnlyList<UnmatchedPayment> Payments { get; private set; } = [];
    public bool ShowsHandled => State == "tutti";
    public string? Message { get; private set; }
    public bool Failed { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (Scope() is { } refused) return refused;
        await LoadAsync(ct);
        return Page();
    }

    /// <summary>Marks one payment handled with the operator's note; the payment's own entity decides whether she may.</summary>
    public async Task<IActionResult> OnPostGestitoAsync(string pagamento, string entePagamento, string? nota, CancellationToken ct)
    {
        if (Scope() is { } refused) return refused;
        var access = Caller.ActingIn(entePagamento ?? "", Permission.HandleIncidents);
        if (access.Actor is not { } actor) return Refuse(access);
        var (status, payment) = await UnmatchedPayments.HandleAsync(store, access.Tenant, pagamento, actor, nota, clock.GetUtcNow(), ct);
        if (status == UnmatchedPayments.HandleStatus.NotFound) return NotFound();
        (Message, Failed) = status switch
        {
            UnmatchedPayments.HandleStatus.Handled => ($"Pagamento {payment!.NoticeNumber} segnato come gestito.", false),
            UnmatchedPayments.HandleStatus.NoNote => ("Scrivi nella nota che cosa è stato fatto del pagamento.", true),
            UnmatchedPayments.HandleStatus.AlreadyHandled =>
                ($"Il pagamento era già stato gestito da {payment!.Handled!.Name} il {ItalianText.DateTime(payment.Handled.At)}.", true),
            _ => ("Pagamento non trovato.", true),
        };
        await LoadAsync(ct);
        return Page();
    }

    /// <summary>The entities the operator keeps and, when she chose one (or keeps one), that one; a refusal for one she does not keep.</summary>
    private IActionResult? Scope()
    {
        Entities = OperatorScope.Entities(Caller);
        if (Entity is { Length: > 0 })
        {
            var access = Caller.ActingIn(Entity.Trim().ToUpperInvariant(), Permission.HandleIncidents);
            if (!access.Allowed) return Refuse(access);
            Tenant = access.Tenant;
        }
        else if (Entities.Count == 0) return StatusCode(StatusCodes.Status403Forbidden);
        else if (Entities.Count == 1) Tenant = Entities[0];
        return null;
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        await using var session = store.QuerySession();
        IReadOnlyList<string>? tenants = Tenant.Length > 0 ? [Tenant] : OperatorScope.KeepsEveryEntity(Caller) ? null : Entities;
        Payments = await UnmatchedPayments.ListAsync(session, tenants, openOnly: !ShowsHandled, MaxLines, ct);
    }
}
