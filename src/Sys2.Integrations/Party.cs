namespace Sys2.Integrations;

/// <summary>A definition's <c>party</c> value: the applicant, the supplier, a professional. Every field is optional; read from a call's inputs, blank means absent.</summary>
public sealed record Party(string? FiscalCode, string? Name, string? Email, string? Phone, string? Pec = null)
{
    /// <summary>How the party is named in messages: the name, else the fiscal code, else the contact.</summary>
    public string Label => Name ?? FiscalCode ?? Email ?? Phone ?? "(unnamed party)";
}
