using System.Text;
using System.Text.Json;
using System.Xml.Linq;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Sys2.Integrations.MPay;
using Sys2.Integrations.SdI;
using Sys2.Integrations.Wire;
using Sys2.Invoices;
using Sys2.Sandbox.Faults;
using Sys2.Workflows.Formats;

namespace Sys2.Sandbox.IntermediaMarche;

/// <summary>
/// SdI delivering a supplier's file to an entity through IntermediaMarche: the file made from
/// <see cref="SampleInvoices"/> (signed or not, tampered when asked), its MT, and the signed post to the
/// entity's receiving endpoint, whose answer is returned. Used by the sandbox's endpoint and by the demo data.
/// </summary>
public sealed class SdiDeliveries(SimulatedSdi sdi, FaultInjector faults, TimeProvider clock, IHttpClientFactory clients,
    IOptions<IntermediaMarcheSandboxOptions> options)
{
    /// <summary>The delivery and the entity's answer; null when it cannot be made (see <see cref="Refusal"/>).</summary>
    public async Task<IntermediaMarcheSandbox.DeliveryResult?> DeliverAsync(IntermediaMarcheSandbox.DeliveryRequest request, CancellationToken ct)
    {
        if (!OfficeCode.IsValid(request.CodiceDestinatario) || options.Value.DeliveryUrl is not { } url) return null;
        var now = clock.GetUtcNow();
        var progressive = sdi.NextProgressive();
        var random = SeededRandom.For(faults.Seed, IntermediaMarcheSandbox.System, progressive);
        var sample = new SampleInvoiceRequest(request.CodiceDestinatario, request.Invoices, request.Signed, request.SplitPayment, request.TaxableCents,
            request.Supplier, request.Number, request.Date, request.Cig, request.Tamper);
        var (name, xml, supplier) = SampleInvoices.Build(sample, random, progressive, DateOnly.FromDateTime(now.UtcDateTime));
        if (request.Tamper == "schema") xml = DropNumero(xml);
        var content = request.Signed ? SandboxSigner.Sign(xml, now) : xml;
        if (request.Signed) name += ".p7m";
        // A byte changed after signing: the signature no longer matches what it signs.
        if (request.Tamper == "signature") content = Flip(content, content.Length / 2);
        var sha256 = Sha256Hex.Of(content);
        var sdiId = sdi.NextIdentificativo();
        // The MT names the file it travels with; a "metadata" tamper makes it name another.
        var metadata = SdiMessages.Write(new MetadatiInvioFile(sdiId, request.Tamper == "metadata" ? "IT00000000000_ZZZZZ.xml" : name,
            request.CodiceDestinatario, "FPA12", 1, sdiId + "000"));
        var file = new SimulatedSdi.DeliveredFile
        {
            IdentificativoSdI = sdiId, FileName = name, CodiceDestinatario = request.CodiceDestinatario, Sha256 = sha256, DeliveredAt = now,
            Numbers = ReadNumbers(xml), Supplier = supplier.Name,
        };
        sdi.Add(file);

        var body = new DeliveryBody(name, Convert.ToBase64String(content), Convert.ToBase64String(metadata), now);
        var (status, answer) = await DeliverAsync(clients.CreateClient(SdiNotifier.ClientName), options.Value, url, body, ct);
        file.DeliveryStatus = status;
        file.DeliveryAnswer = answer?.GetRawText();
        return new IntermediaMarcheSandbox.DeliveryResult(sdiId, name, sha256, status, answer);
    }

    /// <summary>Why <see cref="DeliverAsync"/> made no delivery.</summary>
    public IResult Refusal(IntermediaMarcheSandbox.DeliveryRequest request) =>
        !OfficeCode.IsValid(request.CodiceDestinatario)
            ? Results.Problem($"codiceDestinatario '{request.CodiceDestinatario}' is not an office code of 6 letters or digits", statusCode: StatusCodes.Status400BadRequest)
            : Results.Problem($"{IntermediaMarcheSandboxOptions.Section}:DeliveryUrl is not set: nowhere to deliver", statusCode: StatusCodes.Status409Conflict);

    private static async Task<(int Status, JsonElement? Answer)> DeliverAsync(HttpClient http, IntermediaMarcheSandboxOptions settings, Uri url, DeliveryBody body, CancellationToken ct)
    {
        var (status, text) = await SignedPost.SendAsync(http, settings, url, body, ct);
        JsonElement? answer = null;
        try { if (text.Length > 0) answer = JsonDocument.Parse(text).RootElement.Clone(); }
        catch (JsonException) { }
        return ((int)status, answer);
    }

    private static IReadOnlyList<string> ReadNumbers(byte[] xml) =>
        XDocument.Parse(Encoding.UTF8.GetString(xml)).Descendants("Numero")
            .Where(n => n.Parent?.Name.LocalName == "DatiGeneraliDocumento").Select(n => n.Value).ToList();

    private static byte[] DropNumero(byte[] xml)
    {
        var document = XDocument.Parse(Encoding.UTF8.GetString(xml));
        foreach (var number in document.Descendants("Numero").Where(n => n.Parent?.Name.LocalName == "DatiGeneraliDocumento").ToList()) number.Remove();
        return Encoding.UTF8.GetBytes(document.Declaration + "\n" + document.Root!.ToString(SaveOptions.DisableFormatting));
    }

    private static byte[] Flip(byte[] content, int at)
    {
        var copy = (byte[])content.Clone();
        copy[at] ^= 0x20;
        return copy;
    }
}

