using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using Sys2.Host.Access;
using Sys2.Host.SignIn;
using Sys2.Workflows.Tenants;

namespace Sys2.Host.Web;

/// <summary>
/// What every page of the workspace starts from: the person signed in, read from the session's claims by
/// the same <see cref="Caller.From"/> the API uses, and the entity the page is about, named for the header.
/// </summary>
public abstract class WorkspacePage : PageModel
{
    public Caller Caller { get; private set; } = null!;

    /// <summary>The entity (Belfiore code or union id) the page shows; empty until the page has chosen one.</summary>
    public string Tenant { get; protected set; } = "";

    public string EntityName => Tenant.Length == 0 ? "" : EntityCatalogue.Load().ByTenantId(Tenant)?.Name ?? Tenant;

    public override void OnPageHandlerExecuting(PageHandlerExecutingContext context)
    {
        var names = HttpContext.RequestServices.GetRequiredService<IOptions<SignInOptions>>().Value.Claims;
        // The pages' policy let in only a signed-in session, so a caller is always there; one without a
        // subject claim is not a person this product knows.
        if (Caller.From(User, names) is { } caller) Caller = caller;
        else context.Result = Forbid();
    }

    /// <summary>
    /// A refusal as the API gives it: no role in the entity, 404 (another entity's case does not exist for
    /// her); a role that may not, 403.
    /// </summary>
    protected IActionResult Refuse(Access.Access access) =>
        access.Refusal is IStatusCodeHttpResult { StatusCode: StatusCodes.Status403Forbidden } ? StatusCode(StatusCodes.Status403Forbidden) : NotFound();
}
