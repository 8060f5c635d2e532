using System.CommandLine;
using Sys2.Host.Cases.Dossiers;

namespace Sys2.Host.Cli;

/// <summary>
/// <c>verify-dossier &lt;file&gt; [--public-key &lt;file|fingerprint&gt;]</c>: checks a case's dossier offline, for an auditor
/// outside the entity: the chain recomputed from the stored events, each anchor line, each document's digest, the
/// manifest's signature, and, with <c>--public-key</c>, that the signature is the installation's. Needs no database
/// and no configuration. Exit 0 verified, 1 altered (the first bad event, document or entry named), 2 not a dossier.
/// </summary>
public static class VerifyDossierCommand
{
    public const string Verb = "verify-dossier";

    public static Command Create()
    {
        var file = new Argument<string>("file") { Description = "The dossier, pratica-<case-id>.sys2dossier.zip" };
        var publicKey = new Option<string?>("--public-key")
        {
            Description = "The installation's public key (a PEM file, as GET /.well-known/sys2-dossier-key gives it) or its fingerprint sha256:<hex>",
        };
        var command = new Command(Verb, "Checks a case's dossier offline: the chain, the anchors, the documents, the signature. Needs no database.")
        {
            file, publicKey,
        };
        command.SetAction((parsed, ct) =>
        {
            // The dossier and the key file are named relative to where the auditor typed the command.
            HostCommandLine.UseCallersDirectory();
            return RunAsync(new FileInfo(parsed.GetRequiredValue(file)), parsed.GetValue(publicKey),
                parsed.InvocationConfiguration.Output, parsed.InvocationConfiguration.Error, ct);
        });
        return command;
    }

    public static async Task<int> RunAsync(FileInfo file, string? publicKey, TextWriter output, TextWriter error, CancellationToken ct = default)
    {
        if (!file.Exists)
        {
            await error.WriteLineAsync($"verify-dossier: {file.FullName} does not exist");
            return DossierReport.NotADossier("missing").ExitCode;
        }
        // A path to a PEM file, or the fingerprint typed as it was read out.
        var expected = publicKey is { Length: > 0 } && File.Exists(publicKey) ? await File.ReadAllTextAsync(publicKey, ct) : publicKey;
        var report = DossierVerifier.Verify(await File.ReadAllBytesAsync(file.FullName, ct), expected);
        await output.WriteLineAsync($"{file.Name}:");
        foreach (var line in report.Lines()) await output.WriteLineAsync("  " + line);
        return report.ExitCode;
    }
}
