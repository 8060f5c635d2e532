using Sys2.Integrations.Http;

namespace Sys2.Integrations.MPay;

/// <summary>Configuration of the MPay adapter (suggested section <c>Integrations:MPay</c>).</summary>
public sealed class MPayAdapterOptions : HttpAdapterOptions
{
    /// <summary>
    /// The pagoPA taxonomy code (tassonomia dei servizi di incasso) of the fees cases ask for.
    /// [check] against the entity's own taxonomy entries before going live.
    /// </summary>
    public string TaxonomyCategory { get; set; } = "9/0201133IM/";

    /// <summary>The treasury account per tenant; <see cref="DefaultIban"/> for the others.</summary>
    public Dictionary<string, string> Ibans { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    public string DefaultIban { get; set; } = "IT60X0542811101000000123456";

    /// <summary>Days from the request to the avviso's due date when the step gives none.</summary>
    public int PaymentTermDays { get; set; } = 30;

    public string IbanFor(string tenant) => Ibans.GetValueOrDefault(tenant, DefaultIban);
}
