namespace Sys2.Workflows.Tenants;

/// <summary>The two kinds of entity in the SYS² aggregation (CSV column <c>kind</c>).</summary>
public enum EntityKind
{
    /// <summary>A comune: has ISTAT code, Belfiore code, province, CAP and codice fiscale.</summary>
    Comune,

    /// <summary>A union of comuni (unione di comuni, unione montana).</summary>
    Unione,
}
