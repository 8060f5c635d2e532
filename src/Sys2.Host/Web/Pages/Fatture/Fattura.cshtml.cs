using Marten;
using Microsoft.AspNetCore.Mvc;
using Sys2.Host.Access;
using Sys2.Host.Files;
using Sys2.Host.Invoices;
using Sys2.Host.Views;
using Sys2.Invoices;

namespace Sys2.Host.Web.Pages.Fatture;

/// <summary>
/// An invoice as a person reads it: supplier, lines, VAT summary, payment terms, the liquidation checks, SdI's
/// 15-day window for the outcome as a countdown and SdI's messages. Read from the file the case registered
/// (the same bytes, read again by the same reader), with <see cref="Permission.ReadCases"/> on the case.
/// Accepting or rejecting is the case's <c>verify</c> task, linked from here.
/// </summary>
public sealed class FatturaModel(IDocumentStore store, FileContents files, TimeProvider clock) : WorkspacePage
{
    public CaseSummary Case { get; private set; } = null!;
    public FatturaPaDocument? Document { get; private set; }
    public InvoiceBody? Body { get; private set; }
    public InvoiceSignature? Signature { get; private set; }
    public ReceivedInvoiceFile? Received { get; private set; }
    public LegalClock? Outcome { get; private set; }
    public LegalClock? Payment { get; private set; }
    public IReadOnlyList<string> Problems { get; private set; } = [];
    public DateTimeOffset Now { get; private set; }

    public async Task<IActionResult> OnGetAsync(string caseId, CancellationToken ct)
    {
        var access = Caller.On(caseId, Permission.ReadCases);
        if (!access.Allowed) return Refuse(access);
        Tenant = access.Tenant;
        await using var session = store.QuerySession(access.Tenant);
        if (await session.LoadAsync<CaseSummary>(caseId, ct) is not { DefinitionId: InvoiceIngest.DefinitionId } summary) return NotFound();
        Case = summary;
        Now = clock.GetUtcNow();
        Outcome = summary.Clocks.FirstOrDefault(c => c.Name == "outcome");
        Payment = summary.Clocks.FirstOrDefault(c => c.Name == "payment");
        var inputs = summary.State.Inputs;
        if (inputs.GetValueOrDefault("invoice")?["sha256"]?.GetValue<string>() is { } sha256
            && await files.FindAsync(access.Tenant, sha256, ct) is { } content)
        {
            var reading = InvoiceFiles.Read(content, inputs["invoice"]!["name"]!.GetValue<string>());
            Document = reading.Document;
            Signature = reading.Signature;
            var position = (int?)inputs.GetValueOrDefault("position")?.GetValue<decimal>() ?? 1;
            Body = Document?.Bodies.FirstOrDefault(b => b.Position == position);
        }
        Problems = inputs.GetValueOrDefault("checks")?["problems"]?.AsArray().Select(p => p!.GetValue<string>()).ToList() ?? [];
        if (inputs.GetValueOrDefault("fileId")?.GetValue<string>() is { } fileId)
        {
            await using var shared = store.QuerySession();
            Received = await shared.LoadAsync<ReceivedInvoiceFile>(fileId, ct);
        }
        return Page();
    }

    public static string Euro(long cents) => ItalianText.Euro(cents);
}
