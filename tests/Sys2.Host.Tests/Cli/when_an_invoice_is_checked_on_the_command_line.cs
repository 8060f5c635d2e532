using System.Text;
using Sys2.Host.Cli;

namespace Sys2.Host.Tests.Cli;

/// <summary><c>invoice check</c>, in process: no database, no cluster, the official samples of shared/fixtures.</summary>
public class when_an_invoice_is_checked_on_the_command_line : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("sys2-invoice-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task a_valid_invoice_is_printed_and_exits_0()
    {
        var (exit, output, error) = await Run("invoice", "check", Sample("IT01234567890_FPA01.xml"));

        exit.ShouldBe(0, output + error);
        output.ShouldContain("IT01234567890_FPA01.xml: valid FPA12, progressivo 00001");
        output.ShouldContain("  supplier: ALPHA SRL, VAT IT01234567890");
        output.ShouldContain("  customer: AMMINISTRAZIONE BETA, CF 09876543210; office AAAAAA");
        output.ShouldContain("  signature: none (plain .xml)");
        output.ShouldContain("  invoice 1 of 1: TD01 no. 123 of 2017-01-18, EUR");
        output.ShouldContain("    total 6.10 (computed: no ImportoTotaleDocumento), taxable 5.00, VAT 1.10, to the supplier 6.10");
        output.ShouldContain("    CIG 456def; CUP 123abc; split payment no");
        output.ShouldContain("    line 1: DESCRIZIONE DELLA FORNITURA — 5.00 × 1.00 = 5.00 at 22.00%");
        output.ShouldContain("    payment MP01: 6.10 due 2017-02-18");
    }

    [Fact]
    public async Task a_lotto_prints_each_body()
    {
        var (exit, output, _) = await Run("invoice", "check", Sample("IT01234567890_FPA03.xml"));

        exit.ShouldBe(0);
        output.ShouldContain("  invoice 1 of 2: TD01 no. 12 of 2017-01-18, EUR");
        output.ShouldContain("  invoice 2 of 2: TD01 no. 456 of 2017-01-20, EUR");
    }

    [Fact]
    public async Task an_invalid_invoice_prints_every_reason_and_exits_1()
    {
        var (exit, output, _) = await Run("invoice", "check", Invalid("missing_CodiceDestinatario.xml"));

        exit.ShouldBe(1);
        output.ShouldContain("missing_CodiceDestinatario.xml: invalid");
        output.ShouldContain("  line 4: DatiTrasmissione/CodiceDestinatario is missing");
        output.ShouldContain("  line 11, column 8: FatturaElettronicaHeader/DatiTrasmissione/ContattiTrasmittente:");
    }

    [Fact]
    public async Task of_several_files_the_worst_decides_and_an_unsafe_one_exits_2()
    {
        var attack = Path.Combine(_folder, "attack.xml");
        await File.WriteAllTextAsync(attack, """
            <?xml version="1.0"?>
            <!DOCTYPE x [ <!ENTITY xxe SYSTEM "file:///etc/passwd"> ]>
            <x>&xxe;</x>
            """);

        var (exit, output, _) = await Run("invoice", "check", Sample("IT01234567890_FPA01.xml"), Invalid("malformed.xml"), attack);

        exit.ShouldBe(2);
        output.ShouldContain("IT01234567890_FPA01.xml: valid FPA12");
        output.ShouldContain("malformed.xml: invalid");
        output.ShouldContain($"{attack}: refused as unsafe");
        output.ShouldContain("  the file declares a DOCTYPE: DTDs and entities are refused unread");
        output.ShouldNotContain("root:");
    }

    [Fact]
    public async Task a_file_that_does_not_exist_is_invalid()
    {
        var (exit, output, _) = await Run("invoice", "check", Path.Combine(_folder, "nowhere.xml"));

        exit.ShouldBe(1);
        output.ShouldContain("nowhere.xml: cannot be read");
    }

    private static async Task<(int Exit, string Output, string Error)> Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = await HostCommandLine.RunAsync(args, output, error);
        return (exit, output.ToString(), error.ToString());
    }

    private static string Sample(string name) => Path.Combine(FatturaPa.Value, "samples", name);

    private static string Invalid(string name) => Path.Combine(FatturaPa.Value, "invalid", name);

    /// <summary>shared/fixtures/fatturapa beside the checkout, or beside a folder above it (a worktree), or under SYS2_SHARED.</summary>
    private static readonly Lazy<string> FatturaPa = new(() =>
    {
        if (Environment.GetEnvironmentVariable("SYS2_SHARED") is { Length: > 0 } configured) return Path.Combine(configured, "fixtures", "fatturapa");
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (Directory.Exists(Path.Combine(dir.FullName, "shared", "fixtures", "fatturapa")))
                return Path.Combine(dir.FullName, "shared", "fixtures", "fatturapa");
        throw new InvalidOperationException($"no shared/fixtures/fatturapa above {AppContext.BaseDirectory}");
    });
}
