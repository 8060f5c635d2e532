using System.Net;
using System.Net.Http.Headers;
using Sys2.Integrations.Http;
using Sys2.Integrations.Wire;
using Sys2.Workflows.Formats;

namespace Sys2.Integrations.DigiP;

/// <summary>DigiP over HTTP: <c>POST enti/{tenant}/sip</c> with the zip; 201 rapporto, 422 rejection.</summary>
public sealed class DigiPHttpAdapter(HttpClient http) : IDigiPPort
{
    public const string System = "digip";

    /// <summary>Set by the hub when the idempotency key had already been accepted: the rapporto is the earlier one.</summary>
    public const string ReplayedHeader = "Idempotent-Replayed";

    public async Task<VersamentoOutcome> SubmitAsync(string tenant, SubmissionPackage sip, string idempotencyKey, CancellationToken ct)
    {
        var content = new ByteArrayContent(sip.Zip);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/zip");
        using var message = new HttpRequestMessage(HttpMethod.Post, $"enti/{Uri.EscapeDataString(tenant)}/sip") { Content = content };
        using var response = await http.SendAsync(System, message, idempotencyKey, ct);

        var wire = WireBody.Answer(System);
        if (response.StatusCode == HttpStatusCode.UnprocessableEntity)
        {
            var rejection = await response.ReadAsync<RejectionAnswer>(System, ct);
            if (rejection.Reasons.Count == 0) throw wire.Invalid("reasons", "is empty: a rejection must say why");
            return new SipRejected(rejection.Reasons);
        }

        await response.EnsureSuccessAsync(System, ct);
        var answer = await response.ReadAsync<RapportoAnswer>(System, ct);
        var digest = answer.SipDigest;
        if (!Sha256Hex.IsDigest(digest))
            throw wire.Invalid("sipDigest", $"'{digest}' is not a SHA-256 digest");
        // The rapporto is evidence of what was preserved: it must be about the bytes we sent,
        // unless it is the hub's earlier answer to this very attempt (same key, SIP rebuilt since).
        var replayed = response.Headers.TryGetValues(ReplayedHeader, out var flags) && flags.Contains("true");
        if (!replayed && !digest.Equals(sip.Sha256, StringComparison.OrdinalIgnoreCase))
            throw wire.Invalid("sipDigest", $"'{digest}' is not the digest of the SIP sent ({sip.Sha256})");
        return new RapportoDiVersamento(answer.Id, answer.ReceivedAt, digest.ToLowerInvariant());
    }
}
