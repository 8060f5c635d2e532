namespace Sys2.Host.Cases;

/// <summary>A version of a case's chain vouched for by a signed anchor: on <see cref="Day"/> its event <see cref="Version"/> had <see cref="Hash"/>.</summary>
public sealed record AnchorPoint(DateOnly Day, long Version, string Hash);

/// <summary>An anchor file that cannot be trusted, and why (forged, unreadable, or no key to check it with).</summary>
public sealed record AnchorFileReport(string File, string Problem)
{
    public override string ToString() => $"anchor {File}: {Problem}";
}

/// <summary>
/// Every anchor in the anchor folder whose HMAC checks out, by case; the files that do not check out are
/// <see cref="Problems"/> and vouch for nothing. Read once per verification: the folder is the auditor's
/// evidence, the database is what is being checked.
/// </summary>
public sealed class AnchorBook
{
    const string Pattern = "chain-anchor-*.txt";

    readonly Dictionary<(string Tenant, string CaseId), List<AnchorPoint>> points;

    AnchorBook(Dictionary<(string, string), List<AnchorPoint>> points, IReadOnlyList<AnchorFileReport> problems, IReadOnlyList<DateOnly> days)
    {
        this.points = points;
        Problems = problems;
        Days = days;
    }

    public static AnchorBook Empty { get; } = new([], [], []);

    public IReadOnlyList<AnchorFileReport> Problems { get; }

    /// <summary>The days with a trusted anchor, in order.</summary>
    public IReadOnlyList<DateOnly> Days { get; }

    public IEnumerable<(string Tenant, string CaseId)> Cases => points.Keys;

    /// <summary>The case's anchored versions, lowest first.</summary>
    public IReadOnlyList<AnchorPoint> PointsOf(string tenant, string caseId) =>
        points.TryGetValue((tenant, caseId), out var found) ? found : [];

    public static AnchorBook Read(AnchorSettings settings)
    {
        if (!Directory.Exists(settings.Folder)) return Empty;
        var files = Directory.GetFiles(settings.Folder, Pattern).Order(StringComparer.Ordinal).ToList();
        if (files.Count == 0) return Empty;

        var key = AnchorKey.TryLoad(settings.KeyFile);
        var problems = new List<AnchorFileReport>();
        var byCase = new Dictionary<(string, string), List<AnchorPoint>>();
        var days = new SortedSet<DateOnly>();
        foreach (var file in files)
        {
            var name = Path.GetFileName(file);
            if (key is null)
            {
                problems.Add(new AnchorFileReport(name, $"cannot be checked: there is no anchor key at {settings.KeyFile}"));
                continue;
            }
            var (anchor, problem) = ChainAnchor.Read(File.ReadAllBytes(file), key);
            if (anchor is null)
            {
                problems.Add(new AnchorFileReport(name, problem!));
                continue;
            }
            if (anchor.FileName != name)
            {
                // A genuine anchor copied over another day's file would otherwise hide that day.
                problems.Add(new AnchorFileReport(name, $"FORGED: it is the signed anchor {anchor.FileName}, renamed"));
                continue;
            }
            if (anchor.Tenant is null) days.Add(anchor.Day);
            foreach (var head in anchor.Heads)
            {
                if (!byCase.TryGetValue((head.Tenant, head.CaseId), out var list)) byCase[(head.Tenant, head.CaseId)] = list = [];
                list.Add(new AnchorPoint(anchor.Day, head.Version, head.Hash));
            }
        }
        foreach (var list in byCase.Values) list.Sort((a, b) => a.Version != b.Version ? a.Version.CompareTo(b.Version) : a.Day.CompareTo(b.Day));
        return new AnchorBook(byCase, problems, [.. days]);
    }
}
