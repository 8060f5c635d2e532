using System.Text;
using Sys2.Integrations.DigiP;

namespace Sys2.Integrations.Tests.DigiP;

public sealed class when_a_sip_does_not_match_its_index
{
    private static readonly byte[] Planimetria = Encoding.UTF8.GetBytes("%PDF-1.7 planimetria");

    [Fact]
    public async Task a_tampered_file_is_rejected_naming_the_file_and_both_digests()
    {
        await using var digip = await DigiPFixture.StartAsync();
        var sip = DigiPFixture.Sip(("planimetria.pdf", Planimetria));
        var tampered = DigiPFixture.Rewrite(sip, "documenti/01-planimetria.pdf", Encoding.UTF8.GetBytes("%PDF-1.7 altra planimetria"));

        var outcome = await digip.Port.SubmitAsync("H769", tampered, "k-1", CancellationToken.None);

        var reason = outcome.ShouldBeOfType<SipRejected>().Reasons.ShouldHaveSingleItem();
        reason.File.ShouldBe("documenti/01-planimetria.pdf");
        reason.Problem.ShouldContain("SHA-256 does not match");
        reason.Expected.ShouldBe(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Planimetria)));
        reason.Actual.ShouldNotBe(reason.Expected);
    }

    [Fact]
    public async Task the_corrected_sip_is_then_accepted_even_under_the_same_key()
    {
        await using var digip = await DigiPFixture.StartAsync();
        var sip = DigiPFixture.Sip(("planimetria.pdf", Planimetria));
        await digip.Port.SubmitAsync("H769", DigiPFixture.Rewrite(sip, "documenti/01-planimetria.pdf", [1, 2, 3]), "k-1", CancellationToken.None);

        var outcome = await digip.Port.SubmitAsync("H769", sip, "k-1", CancellationToken.None);

        outcome.ShouldBeOfType<RapportoDiVersamento>().SipDigest.ShouldBe(sip.Sha256);
    }

    [Fact]
    public async Task a_file_the_index_does_not_list_is_rejected()
    {
        await using var digip = await DigiPFixture.StartAsync();
        var sip = DigiPFixture.Rewrite(DigiPFixture.Sip(("planimetria.pdf", Planimetria)), "documenti/extra.pdf", [1]);

        var outcome = await digip.Port.SubmitAsync("H769", sip, "k-1", CancellationToken.None);

        outcome.ShouldBeOfType<SipRejected>().Reasons.ShouldContain(r => r.File == "documenti/extra.pdf" && r.Problem.Contains("not listed"));
    }

    [Fact]
    public async Task an_index_with_a_dtd_is_refused_unread()
    {
        await using var digip = await DigiPFixture.StartAsync();
        const string withEntity = """<?xml version="1.0"?><!DOCTYPE PIndex [<!ENTITY x SYSTEM "file:///etc/passwd">]><PIndex xmlns="http://www.uni.com/U3011/sincro-v2/">&x;</PIndex>""";
        var sip = DigiPFixture.Rewrite(DigiPFixture.Sip(("planimetria.pdf", Planimetria)), "PIndex.xml", Encoding.UTF8.GetBytes(withEntity));

        var outcome = await digip.Port.SubmitAsync("H769", sip, "k-1", CancellationToken.None);

        var reason = outcome.ShouldBeOfType<SipRejected>().Reasons.ShouldHaveSingleItem();
        reason.File.ShouldBe("PIndex.xml");
        reason.Problem.ShouldContain("DTD");
    }

    [Fact]
    public async Task a_body_that_is_not_a_zip_is_rejected()
    {
        await using var digip = await DigiPFixture.StartAsync();

        var outcome = await digip.Port.SubmitAsync("H769", new SubmissionPackage("x", [1, 2, 3], "00"), "k-1", CancellationToken.None);

        outcome.ShouldBeOfType<SipRejected>().Reasons.ShouldHaveSingleItem().Problem.ShouldContain("not a zip");
    }
}
