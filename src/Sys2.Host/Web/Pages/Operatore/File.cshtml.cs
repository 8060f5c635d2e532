using Microsoft.AspNetCore.Mvc;
using Sys2.Host.Invoices;

namespace Sys2.Host.Web.Pages.Operatore;

/// <summary>
/// One received file with every reason it was refused, its invoices and SdI's messages, and what an operator may do
/// with an unrouted one: receive it again once its office code has a route, or reject it (EC02 with her reason).
/// The same <see cref="ReceivedFiles"/> and <see cref="UnroutedRejection"/> as the API's endpoints.
/// </summary>
public sealed class FileModel(ReceivedFiles files, UnroutedRejection rejection) : WorkspacePage
{
    public ReceivedInvoiceFile Received { get; private set; } = null!;
    public string? Message { get; private set; }
    public bool Failed { get; private set; }

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken ct) =>
        await LoadAsync(id, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostRiceviAsync(string id, CancellationToken ct)
    {
        if (await files.FindAsync(id, Caller, ct) is not { } found) return NotFound();
        var result = await files.ReceiveAgainAsync(found.File, found.Access.Actor!.User, ct);
        (Message, Failed) = result.Value is { } again
            ? again.Status == ReceivedFileStatus.Received ? ("Il file è stato ricevuto di nuovo ed è diventato pratica.", false)
              : ($"Ricevuto di nuovo, ma: {ReceivedFileText.Status(again.Status)}.", true)
            : ($"Non ricevuto di nuovo: {result.Refusal}", true);
        await LoadAsync(id, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostRifiutaAsync(string id, string? motivo, CancellationToken ct)
    {
        if (await files.FindAsync(id, Caller, ct) is not { } found) return NotFound();
        var result = await rejection.RejectAsync(found.File, motivo ?? "", found.Access.Actor!.User, ct);
        (Message, Failed) = result.File is not null
            ? ("Rifiutato: l'esito EC02 con il motivo è stato inviato a SdI per ogni fattura del file.", false)
            : ($"Non rifiutato: {result.Refusal}", true);
        await LoadAsync(id, ct);
        return Page();
    }

    private async Task<bool> LoadAsync(string id, CancellationToken ct)
    {
        if (await files.FindAsync(id, Caller, ct) is not { } found) return false;
        Received = found.File;
        Tenant = found.File.Tenant ?? "";
        return true;
    }
}
