using Microsoft.Extensions.Options;

namespace Sys2.Host.Invoices;

/// <summary>
/// Entities that still receive invoices by PEC drop each file, with SdI's metadata file (MT) beside
/// it, into <c>Sys2:Invoices:InboxFolder</c>. Each pair is received like a delivery from
/// IntermediaMarche, then moved to <c>received/</c> (or <c>refused/</c>, with a <c>.reasons.txt</c>):
/// a file is never deleted, and a file that could not be read stays for the next round.
/// </summary>
/// <remarks>
/// Polled rather than watched: file-system events are lost on network shares and when many files
/// land at once, and a PEC gateway writes files in several steps. A file is taken once it has not
/// changed for one interval; an invoice whose MT has not come within a minute is received without it
/// (and refused for want of its IdentificativoSdI, which is then visible to operators).
/// </remarks>
public sealed class InvoiceInboxFolder(InvoiceIngest ingest, IOptions<InvoiceOptions> options, TimeProvider clock, ILogger<InvoiceInboxFolder> log)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Value.InboxFolder is not { Length: > 0 } folder) return;
        Directory.CreateDirectory(folder);
        log.LogInformation("Watching {Folder} for invoices received by PEC", folder);
        using var timer = new PeriodicTimer(options.Value.PollInterval);
        try
        {
            do
            {
                try { await ScanAsync(folder, stoppingToken); }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    log.LogWarning(e, "The invoice inbox {Folder} could not be read; trying again in {Interval}", folder, options.Value.PollInterval);
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>One round: every settled invoice file of the folder, with its MT when it is there.</summary>
    public async Task<int> ScanAsync(string folder, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var settled = options.Value.PollInterval;
        var taken = 0;
        foreach (var path in Directory.EnumerateFiles(folder).Where(IsInvoice).Order(StringComparer.Ordinal).ToList())
        {
            var age = now - File.GetLastWriteTimeUtc(path);
            if (age < settled) continue;
            var metadata = MetadataOf(path);
            if (metadata is null && age < TimeSpan.FromMinutes(1)) continue;
            var outcome = await ingest.ReceiveAsync(new InvoiceDelivery(InvoiceDelivery.PecFolder, Path.GetFileName(path), await File.ReadAllBytesAsync(path, ct),
                File.GetLastWriteTimeUtc(path), Metadata: metadata is null ? null : await File.ReadAllBytesAsync(metadata, ct)), ct);
            var target = Path.Combine(folder, outcome.File.Status == ReceivedFileStatus.Received ? "received" : "refused");
            Directory.CreateDirectory(target);
            if (outcome.File.Status != ReceivedFileStatus.Received)
                await File.WriteAllLinesAsync(Path.Combine(target, Path.GetFileName(path) + ".reasons.txt"),
                    outcome.File.Problems.Select(p => $"{p.Code}: {p.Message}"), ct);
            File.Move(path, Path.Combine(target, Path.GetFileName(path)), overwrite: true);
            if (metadata is not null) File.Move(metadata, Path.Combine(target, Path.GetFileName(metadata)), overwrite: true);
            taken++;
        }
        return taken;
    }

    private static bool IsInvoice(string path)
    {
        var name = Path.GetFileName(path);
        return !name.Contains("_MT_", StringComparison.OrdinalIgnoreCase)
               && (name.EndsWith(".xml", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".xml.p7m", StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>SdI names the MT after the file: <c>IT01234567890_00001_MT_001.xml</c> for <c>IT01234567890_00001.xml(.p7m)</c>.</summary>
    private static string? MetadataOf(string path)
    {
        var name = Path.GetFileName(path);
        var stem = name[..name.IndexOf('.')];
        return Directory.EnumerateFiles(Path.GetDirectoryName(path)!, stem + "_MT_*.xml").Order(StringComparer.Ordinal).FirstOrDefault();
    }
}
