using Npgsql;
using Sys2.Host.Cases.Dossiers;
using Sys2.Host.Files;

namespace Sys2.Host.Cases;

/// <summary>
/// What the auditor's pages and endpoints read besides the history: the stream's rows exactly as stored, the chain
/// verified against the anchor folder (read afresh each time: the folder is the evidence, the database is what is
/// checked), and the case's dossier signed with the dossier key. Reads only; writes nothing to the database.
/// </summary>
public sealed class CaseAudit(string connectionString, AnchorSettings anchors, FileContents files, TimeProvider clock)
{
    public string DossierKeyFile => DossierKey.PathBeside(anchors);

    public async Task<IReadOnlyList<StoredEvent>> RowsAsync(string tenant, string caseId, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(ct);
        return await StoredEvent.ReadAsync(connection, tenant, caseId, ct);
    }

    public Task<ChainReport> VerifyAsync(string tenant, string caseId, CancellationToken ct) =>
        new AuditVerifier(connectionString, AnchorBook.Read(anchors)).VerifyAsync(tenant, caseId, ct);

    /// <summary>The public half of the dossier key, as PEM, made on first use like the anchor key.</summary>
    public string PublicKeyPem()
    {
        using var key = DossierKey.LoadOrCreate(DossierKeyFile);
        return DossierKey.PublicPem(key);
    }

    public string Fingerprint()
    {
        using var key = DossierKey.LoadOrCreate(DossierKeyFile);
        return DossierKey.Fingerprint(key);
    }

    /// <summary>The case's dossier (<see cref="DossierFormat"/>); null when the tenant has no such case.</summary>
    public async Task<byte[]?> DossierAsync(string tenant, string caseId, string exportedBy, CancellationToken ct)
    {
        var rows = await RowsAsync(tenant, caseId, ct);
        if (rows.Count == 0) return null;
        var book = AnchorBook.Read(anchors);
        var report = await new AuditVerifier(connectionString, book).VerifyAsync(tenant, caseId, ct);

        var documents = new List<DossierDocument>();
        foreach (var row in rows)
            foreach (var named in DossierFormat.DocumentsNamedIn(row.Data))
            {
                if (documents.Any(d => d.Sha256 == named.Sha256)) continue;
                // Bytes the store lacks are left out: the verifier then names the document as missing, which is the truth.
                if (await files.FindAsync(tenant, named.Sha256, ct) is { } content)
                    documents.Add(new DossierDocument(named.Sha256, content, named.Name, named.MediaType, row.Version));
            }
        var anchorLines = book.PointsOf(tenant, caseId).Select(p => new DossierAnchor(
            ChainAnchor.DayText(p.Day), new ChainAnchor(p.Day, null, []).FileName, p.Version, p.Hash, $"{tenant} {caseId} {p.Version} {p.Hash}")).ToList();

        using var key = DossierKey.LoadOrCreate(DossierKeyFile);
        return DossierWriter.Write(new DossierContents(caseId, tenant, clock.GetUtcNow(), exportedBy, rows, documents, anchorLines,
            new DossierVerification(report.Intact, report.Anchored?.Version, report.Anchored is { } a ? ChainAnchor.DayText(a.Day) : null, report.Problem)), key);
    }
}
