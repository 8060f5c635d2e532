namespace Sys2.Workflows.Formats.Records;

/// <summary>
/// The classification scheme (titolario) a registration and a preserved document are filed under: a titolo in
/// Roman numerals and a classe, written <c>VI.3</c>. DPR 445/2000 art. 56 and 64 c.4 require every protocol
/// registration to be classified; Allegato 6 of AgID's Linee guida (2021) carries it in the segnatura's
/// <c>Classifica</c> and Allegato 5 in the document's <c>Classificazione</c>.
/// </summary>
/// <remarks>
/// Every entity of the aggregation uses the titolario for the archives of Italian comuni (Gruppo di lavoro per la
/// formulazione di proposte e modelli per la riorganizzazione dell'archivio dei Comuni, MiBAC–ANCI, 2005), which
/// the unions adopt too; only the classes the shipped definitions file under are listed. An entity with its own
/// titolario gets its own instance from <see cref="For"/>: the one place to change.
/// </remarks>
public sealed class Titolario
{
    /// <summary>The 2005 titolario of the comuni (titoli I–XIV and the classes Sys2 files under).</summary>
    public static readonly Titolario Comuni = new("Titolario dei Comuni (2005)", new Dictionary<string, string>
    {
        ["I"] = "Amministrazione generale",
        ["I.6"] = "Archivio generale",
        ["IV"] = "Risorse finanziarie e patrimoniali",
        ["IV.3"] = "Gestione delle entrate: accertamento, riscossione, versamento",
        ["IV.4"] = "Gestione della spesa: impegni, liquidazioni, ordinazioni e pagamenti",
        ["VI"] = "Pianificazione e gestione del territorio",
        ["VI.3"] = "Edilizia privata",
        ["VIII"] = "Attività economiche",
        ["VIII.1"] = "Agricoltura e pesca",
        ["VIII.2"] = "Artigianato",
        ["VIII.3"] = "Industria",
        ["VIII.4"] = "Commercio",
        ["VIII.6"] = "Esercizi turistici e strutture ricettive",
    });

    private readonly IReadOnlyDictionary<string, string> _classes;

    private Titolario(string name, IReadOnlyDictionary<string, string> classes)
    {
        Name = name;
        _classes = classes;
    }

    public string Name { get; }

    /// <summary>The titolario of <paramref name="tenant"/>: today the comuni's for all 64 entities.</summary>
    public static Titolario For(string tenant)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(tenant);
        return Comuni;
    }

    /// <summary>The classification <paramref name="code"/> (e.g. <c>VI.3</c>) as titolo and classe with their names.</summary>
    public bool TryClassify(string? code, out Classification classification)
    {
        classification = null!;
        if (code is null) return false;
        var parts = code.Trim().Split('.');
        if (parts.Length != 2 || !_classes.TryGetValue(parts[0], out var titolo) || !_classes.TryGetValue(code.Trim(), out var classe))
            return false;
        classification = new Classification(code.Trim(), parts[0], titolo, parts[1], classe);
        return true;
    }

    /// <summary>The codes this titolario knows, for messages.</summary>
    public IEnumerable<string> ClassCodes => _classes.Keys.Where(k => k.Contains('.', StringComparison.Ordinal));
}

/// <summary>A class of the titolario: <see cref="Code"/> <c>VI.3</c> is titolo <c>VI</c> (its name) and classe <c>3</c> (its name).</summary>
public sealed record Classification(string Code, string Titolo, string TitoloName, string Classe, string ClasseName)
{
    /// <summary>How a person reads it: "VI.3 Edilizia privata".</summary>
    public string Description => $"{Code} {ClasseName}";
}
