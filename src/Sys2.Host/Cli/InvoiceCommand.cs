using System.CommandLine;
using System.Globalization;
using Sys2.Invoices;

namespace Sys2.Host.Cli;

/// <summary>
/// <c>invoice check &lt;file&gt;...</c>: reads each FatturaPA file (<c>.xml</c> or <c>.xml.p7m</c>) as the product
/// would on receipt, with no database, and prints what it found: supplier, the customer's office code, each body's
/// number, date, type, totals, lines, CIG/CUP, split payment, and the signature; or every reason for refusal.
/// Exit 0 when every file is valid, 1 when one is invalid, 2 when one is refused as unsafe: the worst of them.
/// </summary>
public static class InvoiceCommand
{
    public const string Verb = "invoice";

    public const int Valid = 0;
    public const int Invalid = 1;

    /// <summary>The same number as a usage error: a hostile file is refused as firmly as a bad command line.</summary>
    public const int Unsafe = 2;

    public static Command Create()
    {
        var files = new Argument<string[]>("file")
        {
            Description = "FatturaPA files: .xml, or signed .xml.p7m (DER or base64)",
            Arity = ArgumentArity.OneOrMore,
        };
        var check = new Command("check", "Reads FatturaPA files as on receipt: prints what each says or every reason it is refused; exit 0 valid, 1 invalid, 2 unsafe (the worst).") { files };
        check.SetAction(parsed =>
        {
            HostCommandLine.UseCallersDirectory();
            return Check(parsed.GetRequiredValue(files), parsed.InvocationConfiguration.Output);
        });
        return new Command(Verb, "E-invoices (FatturaPA): check received files (no database); the payment timeliness indicator of an entity.")
        {
            check, InvoiceTimelinessCommand.Create(),
        };
    }

    public static int Check(IReadOnlyList<string> paths, TextWriter output)
    {
        var worst = Valid;
        foreach (var path in paths)
        {
            var exit = CheckOne(path, output);
            worst = Math.Max(worst, exit);
        }
        return worst;
    }

    private static int CheckOne(string path, TextWriter output)
    {
        byte[] content;
        try
        {
            content = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            output.WriteLine($"{path}: cannot be read: {e.Message}");
            return Invalid;
        }

        var reading = InvoiceFiles.Read(content, Path.GetFileName(path));
        switch (reading.Verdict)
        {
            case InvoiceVerdict.Valid:
                Print(path, reading, output);
                return Valid;
            case InvoiceVerdict.Unsafe:
                output.WriteLine($"{path}: refused as unsafe (sha256 {reading.Sha256})");
                Problems(reading, output);
                return Unsafe;
            default:
                output.WriteLine($"{path}: invalid (sha256 {reading.Sha256})");
                if (reading.Signature is { } signature) output.WriteLine($"  signature: {Describe(signature)}");
                Problems(reading, output);
                return Invalid;
        }
    }

    private static void Problems(InvoiceFileReading reading, TextWriter output)
    {
        foreach (var problem in reading.Problems) output.WriteLine($"  {problem.Message}");
    }

    private static void Print(string path, InvoiceFileReading reading, TextWriter output)
    {
        var document = reading.Document!;
        output.WriteLine($"{path}: valid {document.Version}, progressivo {document.ProgressivoInvio} (sha256 {reading.Sha256})");
        output.WriteLine($"  supplier: {document.Supplier.Name}, {Party(document.Supplier)}");
        output.WriteLine($"  customer: {document.Customer.Name}, {Party(document.Customer)}; office {document.CodiceDestinatario}"
            + (document.PecDestinatario is { } pec ? $", PEC {pec}" : ""));
        output.WriteLine($"  signature: {(reading.Signature is { } signature ? Describe(signature) : "none (plain .xml)")}");
        foreach (var body in document.Bodies)
        {
            var assessment = LiquidationChecks.Assess(body, LiquidationRules.Default);
            output.WriteLine($"  invoice {body.Position} of {document.Bodies.Count}: {body.DocumentType} no. {body.Number} of {Date(body.Date)}, {body.Currency}");
            output.WriteLine($"    total {Amounts.Euro(assessment.TotalCents)}{(body.TotalCents is null ? " (computed: no ImportoTotaleDocumento)" : "")}, "
                + $"taxable {Amounts.Euro(body.VatSummaries.Sum(s => s.TaxableCents))}, VAT {Amounts.Euro(body.VatSummaries.Sum(s => s.TaxCents))}, "
                + $"to the supplier {Amounts.Euro(assessment.AmountToSupplierCents)}");
            output.WriteLine($"    CIG {List(body.Cig)}; CUP {List(body.Cup)}; split payment {(body.SplitPayment ? $"yes, {Amounts.Euro(assessment.VatToStateCents)} VAT to the State" : "no")}"
                + (body.WithholdingCents is { } withholding ? $"; withholding {Amounts.Euro(withholding)}" : "")
                + (body.StampDutyCents is { } stamp ? $"; stamp duty {Amounts.Euro(stamp)}" : ""));
            foreach (var summary in body.VatSummaries)
                output.WriteLine($"    VAT {Percent(summary.VatRate)}{(summary.Natura is { } n ? $" {n}" : "")}: taxable {Amounts.Euro(summary.TaxableCents)}, tax {Amounts.Euro(summary.TaxCents)}, esigibilità {summary.Esigibilita ?? "-"}");
            foreach (var line in body.Lines)
                output.WriteLine($"    line {line.Number}: {line.Description} — {(line.Quantity is { } q ? $"{Number(q)} × " : "")}{Number(line.UnitPrice)} = {Number(line.TotalPrice)} at {Percent(line.VatRate)}");
            foreach (var payment in body.Payments)
                output.WriteLine($"    payment {payment.Method}: {Amounts.Euro(payment.AmountCents)}{(payment.DueDate is { } due ? $" due {Date(due)}" : "")}{(payment.Iban is { } iban ? $" to {iban}" : "")}");
            foreach (var problem in assessment.Problems)
                output.WriteLine($"    liquidation: {problem.Message}");
        }
    }

    private static string Describe(InvoiceSignature signature) =>
        $"{signature.Signer}, {(signature.SigningTime is { } at ? $"signed {at.UtcDateTime:yyyy-MM-dd HH:mm:ss}Z" : "no signing time")}, "
        + $"{signature.DigestAlgorithm}; integrity verified, {signature.Note}";

    private static string Party(InvoiceParty party) =>
        string.Join(", ", new[] { party.VatNumber is { } vat ? $"VAT {party.CountryCode}{vat}" : null, party.TaxCode is { } cf ? $"CF {cf}" : null }.OfType<string>());

    private static string List(IReadOnlyList<string> codes) => codes.Count == 0 ? "none" : string.Join(", ", codes);

    private static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Number(decimal value) => value.ToString("0.00######", CultureInfo.InvariantCulture);

    private static string Percent(decimal rate) => rate.ToString("0.00", CultureInfo.InvariantCulture) + "%";
}
