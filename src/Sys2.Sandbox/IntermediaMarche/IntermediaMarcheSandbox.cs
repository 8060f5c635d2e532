using System.Globalization;
using System.Text;
using System.Xml.Linq;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Sys2.Integrations.MPay;
using Sys2.Integrations.SdI;
using Sys2.Integrations.Wire;
using Sys2.Invoices;
using Sys2.Sandbox.Faults;
using Sys2.Workflows.Formats;

namespace Sys2.Sandbox.IntermediaMarche;

/// <summary>
/// IntermediaMarche and SdI behind it, under <c>/sandbox/intermediamarche</c>:
/// <list type="bullet">
/// <item><c>POST deliveries</c>: a supplier's FatturaPA file (made from <see cref="SampleInvoices"/>, plain or signed,
/// one invoice or a lotto) delivered to the entity with its metadata (MT), as SdI delivers;</item>
/// <item><c>POST entities/{tenant}/outcomes</c>: the entity's outcome (EC01/EC02), checked against the SdI schema;
/// SdI's answer follows on its own: the NE forwarded to the supplier (copied to the entity), or an SE when the 15 days had run out;</item>
/// <item><c>POST decorrenza</c>: SdI's DT for every file whose 15 days have run out with an invoice still without outcome (on the host's clock);</item>
/// <item><c>GET files</c>: what was delivered and every message sent back.</item>
/// </list>
/// </summary>
public static class IntermediaMarcheSandbox
{
    public const string System = "intermediamarche";
    private const string IdempotencyKeyHeader = "Idempotency-Key";

    public static IServiceCollection AddIntermediaMarcheSandbox(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.Configure<IntermediaMarcheSandboxOptions>(configuration.GetSection(IntermediaMarcheSandboxOptions.Section));
        services.AddSingleton<SimulatedSdi>();
        services.AddSingleton<SdiDeliveries>();
        services.AddHttpClient(SdiNotifier.ClientName, c => c.Timeout = TimeSpan.FromSeconds(30));
        services.AddSingleton<SdiNotifier>();
        services.AddHostedService(sp => sp.GetRequiredService<SdiNotifier>());
        return services;
    }

    /// <summary>A delivery as the sandbox's user asks for it.</summary>
    public sealed record DeliveryRequest(string CodiceDestinatario, int Invoices = 1, bool Signed = false, bool SplitPayment = false,
        long? TaxableCents = null, int? Supplier = null, string? Number = null, DateOnly? Date = null, string? Cig = null, string? Tamper = null);

    public sealed record DeliveryResult(string IdentificativoSdI, string FileName, string Sha256, int Status, JsonElement? Answer);

    public static RouteGroupBuilder MapIntermediaMarche(this IEndpointRouteBuilder sandbox)
    {
        var group = sandbox.MapGroup("/" + System);

        group.MapPost("/deliveries", async (DeliveryRequest request, SdiDeliveries deliveries, CancellationToken ct) =>
            await deliveries.DeliverAsync(request, ct) is { } result ? Results.Ok(result) : deliveries.Refusal(request))
            .AsSandboxControl();

        var outcomes = group.MapGroup("/entities/{tenant}/outcomes").WithFaults(System);
        outcomes.MapPost("", (string tenant, OutcomeBody body, HttpRequest http, SimulatedSdi sdi, SdiNotifier notifier, TimeProvider clock) =>
        {
            if (!http.Headers.TryGetValue(IdempotencyKeyHeader, out var key) || string.IsNullOrWhiteSpace(key))
                return Results.Problem($"the {IdempotencyKeyHeader} header is required", statusCode: StatusCodes.Status400BadRequest);
            byte[] xml;
            try { xml = Convert.FromBase64String(body.ContentBase64); }
            catch (FormatException) { return Results.Problem("content: not base64", statusCode: StatusCodes.Status400BadRequest); }
            var reading = SdiMessages.Read(xml);
            if (reading.Message is not NotificaEsitoCommittente outcome)
                return Results.Problem($"the message is not a valid NotificaEsitoCommittente (MessaggiTypes v1.1): {string.Join("; ", reading.Problems.Select(p => p.Message))}",
                    statusCode: StatusCodes.Status400BadRequest, title: "outcome refused");
            if (sdi.Find(outcome.IdentificativoSdI) is not { } file)
                return Results.Problem($"no file with IdentificativoSdI {outcome.IdentificativoSdI} was delivered", statusCode: StatusCodes.Status404NotFound);

            var now = clock.GetUtcNow();
            var (messageId, at, first) = sdi.AcceptOutcome(key.ToString(), () => ($"IM-{outcome.IdentificativoSdI}-{outcome.MessageIdCommittente ?? "0"}", now));
            if (first)
            {
                // SdI takes an outcome within 15 days of the delivery; a later one is discarded (SE) and the DT stands.
                var late = now - file.DeliveredAt > SimulatedSdi.OutcomeWindow;
                var position = outcome.RiferimentoFattura?.PosizioneFattura ?? 1;
                if (!late) file.Outcomes[position] = outcome.Esito.ToString();
                var answer = late ? SdiAnswers.Discarded(outcome, file) : SdiAnswers.Forwarded(outcome, file);
                notifier.Enqueue(file, answer.Type, answer.FileName, answer.Xml);
            }
            return Results.Accepted(value: new OutcomeAnswer(messageId, at));
        });

        group.MapPost("/decorrenza", (SimulatedSdi sdi, SdiNotifier notifier, TimeProvider clock) =>
        {
            var now = clock.GetUtcNow();
            var due = sdi.DueForDecorrenza(now);
            foreach (var file in due)
            {
                file.DecorrenzaSent = true;
                var dt = SdiAnswers.Decorrenza(file);
                notifier.Enqueue(file, dt.Type, dt.FileName, dt.Xml);
            }
            return Results.Ok(due.Select(f => f.IdentificativoSdI).ToList());
        }).AsSandboxControl();

        group.MapGet("/files", (SimulatedSdi sdi) => Results.Ok(sdi.All.Select(f => new
        {
            f.IdentificativoSdI, f.FileName, f.CodiceDestinatario, f.Sha256, f.DeliveredAt, f.Numbers, f.Supplier,
            outcomes = f.Outcomes.ToDictionary(o => o.Key.ToString(CultureInfo.InvariantCulture), o => o.Value),
            f.Messages, f.DeliveryStatus, f.DecorrenzaSent,
        }))).AsSandboxControl();
        return group;
    }
}
