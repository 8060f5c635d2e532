namespace Sys2.Host.Views;

/// <summary>A filter of the scrivania a person named and kept (procedure, applicant, state, term, order).</summary>
public sealed record SavedFilter(string Name, string? Procedure, string? Applicant, string? State, int? TermWithinDays, string Order)
{
    public TaskFilter ToFilter() => new(Procedure, Applicant, State, TermWithinDays, Order);
}

/// <summary>
/// The filters a person saved, kept on the server so they follow her to any browser: one document per user
/// (the token's subject) in each entity's tenant, since a filter names that entity's procedures and states.
/// </summary>
public sealed class SavedFilters
{
    /// <summary>Most a person keeps: a list she reads at a glance, and a bound on what one user may store.</summary>
    public const int Max = 20;

    public string Id { get; set; } = "";
    public List<SavedFilter> Filters { get; set; } = [];

    /// <summary>Saves <paramref name="filter"/> under its name, replacing one of the same name; the oldest goes beyond <see cref="Max"/>.</summary>
    public void Save(SavedFilter filter)
    {
        Filters.RemoveAll(f => string.Equals(f.Name, filter.Name, StringComparison.OrdinalIgnoreCase));
        Filters.Add(filter);
        if (Filters.Count > Max) Filters.RemoveRange(0, Filters.Count - Max);
    }

    public bool Remove(string name) => Filters.RemoveAll(f => string.Equals(f.Name, name, StringComparison.OrdinalIgnoreCase)) > 0;
}
