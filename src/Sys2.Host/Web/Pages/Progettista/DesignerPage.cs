using Microsoft.AspNetCore.Mvc;
using Sys2.Host.Features.Designers;

namespace Sys2.Host.Web.Pages.Progettista;

/// <summary>
/// A page of the designers' area: the same <see cref="Designer.Of"/> question as the API's designer endpoints, asked
/// before anything is read (the area also counts cases of every entity, which is not for every role to see).
/// </summary>
public abstract class DesignerPage : WorkspacePage
{
    /// <summary>The name a saved or published version records, as the API records it.</summary>
    protected string By => Caller.Name;

    /// <summary>Null when the caller designs definitions (the header then names her entity), the refusal otherwise.</summary>
    protected IActionResult? Enter()
    {
        var access = Designer.Of(Caller);
        if (!access.Allowed) return Refuse(access);
        Tenant = access.Tenant;
        return null;
    }
}
