using System.Collections.Concurrent;
using System.Diagnostics;
using Marten;
using Sys2.Workflows.Definitions;
using Sys2.Workflows.Definitions.Loading;
using Sys2.Workflows.Definitions.Validation;
using Sys2.Workflows.Definitions.Versions;
using Sys2.Workflows.Scenarios;

namespace Sys2.Host.Definitions;

/// <summary>
/// Definitions as the running engine sees them: versions stored in Marten, each loaded once
/// from its own stored YAML (so a case pinned to version 3 runs version 3, whatever is on disk).
/// </summary>
public sealed class DefinitionCatalog(IDocumentStore store, TimeProvider clock)
{
    private readonly ConcurrentDictionary<string, WorkflowDefinition> _loaded = new();
    private readonly ConcurrentDictionary<(string Id, int Version), DefinitionVersion> _versions = new();
    private readonly ConcurrentDictionary<string, (DefinitionVersion? Version, long ReadAt)> _published = new();

    /// <summary>
    /// How long this host trusts what it last read as a definition's published version. A publication
    /// through this host is seen at once; one through another host within this time. Reading the
    /// definition's whole history (every version's YAML) for every case opened was a tenth of a step's
    /// SQL time under the engine mix, and most of an e-invoice's ingest before its case runs.
    /// </summary>
    public static readonly TimeSpan PublishedFreshFor = TimeSpan.FromSeconds(5);

    /// <summary>Who the versions published from <c>workflows/</c> at start-up are recorded as saved and published by.</summary>
    public const string FolderPublisher = "sistema";

    /// <summary>
    /// Saves every valid definition under a folder and publishes it; refuses the lot when any has a problem. The
    /// <c>*.scenarios.yaml</c> beside a definition becomes its stored scenarios when it has none yet: from then on
    /// the designers edit them in the page, and a restart does not undo their work.
    /// </summary>
    public async Task<IReadOnlyList<DefinitionVersion>> PublishFolderAsync(string folder, CancellationToken ct = default)
    {
        var loads = DefinitionLoader.LoadPath(folder);
        var problems = DefinitionValidator.Validate(loads);
        if (problems.Count > 0)
            throw new InvalidOperationException($"definitions in {folder} have problems:\n{string.Join("\n", problems)}");
        var published = new List<DefinitionVersion>();
        foreach (var load in loads)
            published.Add(await SaveAndPublishAsync(load.Definition!, load.Text!, FolderPublisher, ct));
        await SeedScenariosAsync(loads, ct);
        return published;
    }

    /// <summary>
    /// <see cref="PublishFolderAsync"/> at start-up, when there is something to publish: skipped (nothing loaded,
    /// validated or written) when the folder and the code are those of the last publication
    /// (<see cref="ShippedDefinitions"/>) and each definition it published is still published at that version. A
    /// designer's publication since then, or a changed file, publishes the folder again, as every start used to.
    /// </summary>
    public async Task<(IReadOnlyList<DefinitionVersion> Published, bool Changed)> PublishFolderIfChangedAsync(string folder, CancellationToken ct = default)
    {
        var stamp = ShippedDefinitions.StampOf(folder);
        await using (var query = store.QuerySession())
        {
            var last = await query.LoadAsync<ShippedDefinitions>(ShippedDefinitions.FolderId, ct);
            if (last is not null && last.Stamp == stamp && last.Published.Count > 0)
            {
                var stored = (await query.LoadManyAsync<StoredDefinition>(ct, last.Published.Select(p => p.Id).ToArray()))
                    .ToDictionary(d => d.Id, d => d.History.Published, StringComparer.Ordinal);
                var current = last.Published
                    .Select(p => stored.GetValueOrDefault(p.Id) is { } v && v.Version == p.Version && v.ContentHash == p.ContentHash ? v : null)
                    .ToList();
                if (current.All(v => v is not null)) return (current.Select(v => v!).ToList(), false);
            }
        }
        var published = await PublishFolderAsync(folder, ct);
        await using var session = store.LightweightSession();
        // Stored, not inserted: hosts starting side by side record the same publication.
        session.Store(new ShippedDefinitions
        {
            Stamp = stamp, PublishedAt = clock.GetUtcNow(),
            Published = published.Select(p => new ShippedVersion(p.DefinitionId, p.Version, p.ContentHash)).ToList(),
        });
        await session.SaveChangesAsync(ct);
        return (published, true);
    }

    public async Task<DefinitionVersion> SaveAndPublishAsync(WorkflowDefinition definition, string yaml, string by = FolderPublisher, CancellationToken ct = default)
    {
        await using var session = store.LightweightSession();
        var stored = await session.LoadAsync<StoredDefinition>(definition.Id, ct);
        var (history, version, _) = (stored?.History ?? DefinitionHistory.Empty(definition.Id)).Save(definition, yaml, clock.GetUtcNow(), by);
        var (published, error) = history.Publish(version.Version, clock.GetUtcNow(), by);
        if (error is not null) throw new InvalidOperationException(error);
        session.Store(StoredDefinition.From(published!));
        await session.SaveChangesAsync(ct);
        _published.TryRemove(definition.Id, out _);
        return published!.Find(version.Version)!;
    }

    /// <summary>
    /// A designer's draft: a new version when the content is new (the version already saved with the same content
    /// otherwise), and the definition's scenarios when given. Nothing is published.
    /// </summary>
    public async Task<(DefinitionVersion Version, bool Created)> SaveDraftAsync(WorkflowDefinition definition, string yaml, string? scenarios, string by, CancellationToken ct = default)
    {
        await using var session = store.LightweightSession();
        var stored = await session.LoadAsync<StoredDefinition>(definition.Id, ct);
        var (history, version, created) = (stored?.History ?? DefinitionHistory.Empty(definition.Id)).Save(definition, yaml, clock.GetUtcNow(), by);
        if (created) session.Store(StoredDefinition.From(history));
        if (scenarios is not null)
            session.Store(new StoredScenarios { Id = definition.Id, Text = scenarios, SavedAt = clock.GetUtcNow(), SavedBy = by });
        await session.SaveChangesAsync(ct);
        return (version, created);
    }

    /// <summary>Publishes a saved version (the one published before is retired); the error names the versions there are.</summary>
    public async Task<(DefinitionVersion? Version, string? Error)> PublishAsync(string id, int version, string by, CancellationToken ct = default)
    {
        await using var session = store.LightweightSession();
        var stored = await session.LoadAsync<StoredDefinition>(id, ct);
        if (stored is null) return (null, $"no definition '{id}'");
        var (published, error) = stored.History.Publish(version, clock.GetUtcNow(), by);
        if (error is not null) return (null, error);
        session.Store(StoredDefinition.From(published!));
        await session.SaveChangesAsync(ct);
        _published.TryRemove(id, out _);
        return (published!.Find(version), null);
    }

    /// <summary>The scenario text saved with a definition, or null when it has none.</summary>
    public async Task<StoredScenarios?> ScenariosAsync(string id, CancellationToken ct = default)
    {
        await using var session = store.QuerySession();
        return await session.LoadAsync<StoredScenarios>(id, ct);
    }

    private async Task SeedScenariosAsync(IReadOnlyList<DefinitionLoad> loads, CancellationToken ct)
    {
        var beside = loads
            .Select(l => (l.Definition!.Id, File: Path.ChangeExtension(l.File, null) + ScenarioFile.Suffix))
            .Where(s => File.Exists(s.File)).ToList();
        if (beside.Count == 0) return;
        await using var session = store.LightweightSession();
        var ids = beside.Select(s => s.Id).ToArray();
        var known = (await session.LoadManyAsync<StoredScenarios>(ct, ids)).Select(s => s.Id).ToHashSet(StringComparer.Ordinal);
        // Stored, not inserted: hosts starting side by side seed the same text, and neither may fail its start-up.
        foreach (var (id, file) in beside.Where(s => !known.Contains(s.Id)))
            session.Store(new StoredScenarios { Id = id, Text = await File.ReadAllTextAsync(file, ct), SavedAt = clock.GetUtcNow(), SavedBy = FolderPublisher });
        await session.SaveChangesAsync(ct);
    }

    public async Task<IReadOnlyList<DefinitionHistory>> AllAsync(CancellationToken ct = default)
    {
        await using var session = store.QuerySession();
        var stored = await session.Query<StoredDefinition>().OrderBy(d => d.Id).ToListAsync(ct);
        return stored.Select(s => s.History).ToList();
    }

    public async Task<DefinitionHistory?> FindAsync(string id, CancellationToken ct = default)
    {
        await using var session = store.QuerySession();
        return (await session.LoadAsync<StoredDefinition>(id, ct))?.History;
    }

    /// <summary>The version new cases of a definition open on, or null when none is published.</summary>
    public async Task<DefinitionVersion?> PublishedAsync(string id, CancellationToken ct = default)
    {
        if (_published.TryGetValue(id, out var known) && Stopwatch.GetElapsedTime(known.ReadAt) < PublishedFreshFor)
            return known.Version;
        var readAt = Stopwatch.GetTimestamp();
        var version = (await FindAsync(id, ct))?.Published;
        _published[id] = (version, readAt);
        return version;
    }

    /// <summary>
    /// One stored version, read from the database once: a saved version never changes (only its
    /// status does, which deciding a pinned case does not look at), so every command after the
    /// first one of a version skips loading the definition document.
    /// </summary>
    public async Task<DefinitionVersion?> FindVersionAsync(string id, int version, CancellationToken ct = default)
    {
        if (_versions.TryGetValue((id, version), out var known)) return known;
        var found = (await FindAsync(id, ct))?.Find(version);
        if (found is not null) _versions[(id, version)] = found;
        return found;
    }

    /// <summary>The definition a case runs on: id + version, checked against the hash the case recorded.</summary>
    public WorkflowDefinition Load(DefinitionVersion version) =>
        _loaded.GetOrAdd(version.Key, _ =>
        {
            var load = DefinitionLoader.LoadText($"{version.Key}.yaml", version.SourceYaml);
            if (load.Definition is null || load.Definition.ContentHash != version.ContentHash)
                throw new InvalidOperationException($"stored definition {version.Key} no longer loads to hash {version.ContentHash}");
            return load.Definition;
        });
}
