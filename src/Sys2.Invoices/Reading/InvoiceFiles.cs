using System.Security.Cryptography;
using System.Xml.Linq;

namespace Sys2.Invoices;

/// <summary>
/// Reads one FatturaPA file as it was received (from SdI, through IntermediaMarche, or uploaded by hand):
/// <c>.xml</c> or signed <c>.xml.p7m</c>. Nothing is trusted: the size first, then the signature, then the XML's
/// safety, then the schema, then each field. The first stage that refuses decides the verdict; its problems are all
/// reported.
/// </summary>
public static class InvoiceFiles
{
    public static InvoiceFileReading Read(byte[] content, string fileName, InvoiceReadLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(fileName);
        limits ??= InvoiceReadLimits.Default;
        var sha256 = Convert.ToHexStringLower(SHA256.HashData(content));
        InvoiceFileReading Refused(InvoiceVerdict verdict, IReadOnlyList<InvoiceProblem> problems, InvoiceSignature? signature = null, byte[]? payload = null) =>
            new(fileName, sha256, verdict, problems, signature, null, payload);

        if (content.Length == 0)
            return Refused(InvoiceVerdict.Invalid, [new InvoiceProblem(InvoiceProblemCodes.Empty, "the file is empty", null, null, null)]);
        if (content.Length > limits.MaxFileBytes)
            return Refused(InvoiceVerdict.Unsafe, [new InvoiceProblem(InvoiceProblemCodes.TooLarge,
                $"the file is {content.Length} bytes, over the limit of {limits.MaxFileBytes} (SdI refuses files over 5 MB)", null, null, null)]);

        var payload = content;
        InvoiceSignature? signature = null;
        if (SignedEnvelope.IsSigned(fileName, content))
        {
            var opened = SignedEnvelope.Open(content);
            if (opened.Problem is { } problem) return Refused(InvoiceVerdict.Invalid, [problem]);
            (payload, signature) = (opened.Content!, opened.Signature);
        }

        var (root, refusal) = UntrustedXml.Inspect(payload, limits);
        if (refusal is not null) return Refused(refusal.Verdict, refusal.Problems, signature, refusal.Verdict == InvoiceVerdict.Unsafe ? null : payload);

        var format = InvoiceFormat.Of(root!);
        if (format is null)
            return Refused(InvoiceVerdict.Invalid, [new InvoiceProblem(InvoiceProblemCodes.UnknownFormat,
                $"the root element is {{{root!.Name.NamespaceName}}}{root.Name.LocalName} versione '{root.Version}': not a FatturaPA (FPA12, FPR12 or FSM10)",
                root.Name.LocalName, null, null)], signature, payload);

        var loaded = UntrustedXml.Load(payload, limits, format.Schema);
        if (loaded.Document?.Root is not { } tree) return Refused(loaded.Verdict, loaded.Problems, signature, payload);

        var fields = new FieldReader([.. loaded.Problems]);
        var document = format.Read(tree, fields);
        return fields.Problems.Count == 0 && document is not null
            ? new InvoiceFileReading(fileName, sha256, InvoiceVerdict.Valid, [], signature, document, payload)
            : Refused(InvoiceVerdict.Invalid, fields.Problems, signature, payload);
    }
}
