using Sys2.Integrations.Protocol;
using Sys2.Workflows.Formats;
using Sys2.Workflows.Formats.FiscalCodes;
using Sys2.Workflows.Formats.Records;

namespace Sys2.Sandbox.Protocol;

/// <summary>
/// What the simulated register refuses before drawing a number (so a refused request never
/// consumes one): DPR 445/2000 art. 53 wants the other party, the subject and, for a document,
/// its digest.
/// </summary>
public static class RegistrationRules
{
    public const int MaxSubjectLength = 1000;

    /// <summary>The problems of <paramref name="body"/>, empty when it can be registered.</summary>
    public static IReadOnlyList<string> Check(string tenant, RegistrationBody body)
    {
        var problems = new List<string>();
        switch (body.Direction)
        {
            case "incoming":
                if (body.Sender is null) problems.Add("sender: an incoming registration needs the sender");
                break;
            case "outgoing":
                if (body.Recipients is not { Count: > 0 }) problems.Add("recipients: an outgoing registration needs at least one recipient");
                break;
            default:
                problems.Add($"direction: must be 'incoming' or 'outgoing', got '{body.Direction}'");
                break;
        }

        if (body.Sender is { } sender) CheckParty("sender", sender, problems);
        for (var i = 0; i < (body.Recipients?.Count ?? 0); i++) CheckParty($"recipients[{i}]", body.Recipients![i], problems);
        if (string.IsNullOrWhiteSpace(body.Subject)) problems.Add("subject: the oggetto is required");
        else if (body.Subject.Length > MaxSubjectLength) problems.Add($"subject: at most {MaxSubjectLength} characters");
        if (!Titolario.For(tenant).TryClassify(body.Classification, out _))
            problems.Add($"classification: '{body.Classification}' is not a class of the entity's titolario (DPR 445/2000 art. 56)");
        if (body.Document is { } document)
        {
            if (string.IsNullOrWhiteSpace(document.Name)) problems.Add("document.name: required");
            if (!Sha256Hex.IsDigest(document.Sha256))
                problems.Add($"document.sha256: must be the SHA-256 digest as {Sha256Hex.Length} hex digits, got '{document.Sha256}'");
            if (document.Size < 0) problems.Add("document.size: must not be negative");
        }

        return problems;
    }

    private static void CheckParty(string field, RegisteredParty party, List<string> problems)
    {
        if (string.IsNullOrWhiteSpace(party.Name)) problems.Add($"{field}.name: required");
        if (party.FiscalCode is not null && !CodiceFiscale.TryParse(party.FiscalCode, out _, out var error)) problems.Add($"{field}.fiscalCode: {error}");
    }
}
