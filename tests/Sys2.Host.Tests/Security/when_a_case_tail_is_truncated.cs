using System.IO.Compression;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Sys2.Host.Cases;
using Sys2.Host.Cli;
using Sys2.Host.Tests.Harness;
using Sys2.Integrations.DigiP;

namespace Sys2.Host.Tests.Security;

// The attack of issue 9: with a superuser session, delete a case's last events and set mt_streams.version to
// match. Every remaining hash still chains, so the chain alone says "intact"; the anchor, signed with a key
// the database does not hold, does not.
public class when_a_case_tail_is_truncated : IAsyncLifetime
{
    private static readonly DateOnly Day = DateOnly.FromDateTime(CaseHost.Start.UtcDateTime);
    private readonly PreservationHub _digip = new();
    private CaseHost _host = null!;
    private string _caseId = "";
    private long _head;

    public async Task InitializeAsync()
    {
        _host = await CaseHost.StartAsync(nameof(when_a_case_tail_is_truncated),
            builder => builder.Services.AddSingleton<IDigiPPort>(_digip));
        (_caseId, _head) = await OrdinarioCase.AtReviewAsync(_host);
        // The day is over (and its grace with it): its anchor can be made.
        _host.Clock.Advance(TimeSpan.FromDays(1));
        var made = await _host.Anchors.MakeAsync(Day, _digip);
        made.Status.ShouldBe(AnchorStatus.Made);
        made.NotPreserved.ShouldBeEmpty();
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task verify_names_the_first_missing_version()
    {
        var kept = _head - 2;
        await TruncateAsync(kept);

        // What the chain alone can tell: nothing is wrong.
        (await new AuditVerifier(_host.ConnectionString).VerifyAsync("H769", _caseId)).Intact.ShouldBeTrue();

        var report = await _host.Verifier.VerifyAsync("H769", _caseId);
        report.FirstBrokenVersion.ShouldBe(kept + 1);
        report.Problem!.ShouldContain($"events {kept + 1}..{_head} are missing");
        var output = new StringWriter();
        (await VerifyCommand.RunAsync(_host.Verifier, _caseId, _host.AnchorSettings.Folder, output)).ShouldBe(1);
        output.ToString().ShouldContain($"ALTERED at version {kept + 1}");
    }

    [Fact]
    public async Task an_untouched_case_is_vouched_for_up_to_its_anchored_head()
    {
        var report = await _host.Verifier.VerifyAsync("H769", _caseId);

        report.Intact.ShouldBeTrue(report.ToString());
        report.Anchored!.Version.ShouldBe(_head);
        (await VerifyCommand.RunAsync(_host.Verifier, _caseId, _host.AnchorSettings.Folder, new StringWriter())).ShouldBe(0);
    }

    [Fact]
    public async Task an_anchor_edited_to_match_the_truncated_case_is_reported_as_forged()
    {
        var kept = _head - 2;
        await TruncateAsync(kept);
        var newHead = await StoredHashAsync(kept);
        var file = Path.Combine(_host.AnchorSettings.Folder, $"chain-anchor-{ChainAnchor.DayText(Day)}.txt");
        var lines = (await File.ReadAllTextAsync(file)).Split('\n');
        var edited = lines.Select(line => line.StartsWith($"H769 {_caseId} ", StringComparison.Ordinal) ? $"H769 {_caseId} {kept} {newHead}" : line);
        await File.WriteAllTextAsync(file, string.Join('\n', edited));

        var verifier = _host.Verifier;
        var output = new StringWriter();

        verifier.AnchorProblems.ShouldHaveSingleItem().Problem.ShouldStartWith("FORGED");
        (await VerifyCommand.RunAsync(verifier, _caseId, _host.AnchorSettings.Folder, output)).ShouldBe(1);
        output.ToString().ShouldContain($"anchor chain-anchor-{ChainAnchor.DayText(Day)}.txt: FORGED");
    }

    [Fact]
    public async Task a_chain_rewritten_with_fresh_hashes_does_not_match_its_anchor()
    {
        // Change the payload of event 4 and recompute every hash after it, as someone with the code and a superuser session could.
        await SqlAsync("""update sys2.mt_events set data = data || '{"tampered": true}' where stream_id = @s and version = 4""");
        var previous = await StoredHashAsync(3);
        await using (var connection = new NpgsqlConnection(_host.ConnectionString))
        {
            await connection.OpenAsync();
            for (var version = 4L; version <= _head; version++)
            {
                await using var read = new NpgsqlCommand(
                    "select mt_dotnet_type, data::text, headers::text from sys2.mt_events where stream_id = @s and version = @v", connection);
                read.Parameters.AddWithValue("s", _caseId);
                read.Parameters.AddWithValue("v", version);
                string type, data, headers;
                await using (var reader = await read.ExecuteReaderAsync())
                {
                    (await reader.ReadAsync()).ShouldBeTrue();
                    (type, data, headers) = (reader.GetString(0).Split(',')[0].Split('.')[^1], reader.GetString(1), reader.GetString(2));
                }
                var metadata = System.Text.Json.JsonSerializer.Deserialize<Dictionary<string, System.Text.Json.JsonElement>>(headers)!;
                var hash = AuditChain.Hash(previous, type, data,
                    EventHeaders.Covered.ToDictionary(k => k, k => metadata.TryGetValue(k, out var v) ? v.GetString() : null));
                await using var write = new NpgsqlCommand(
                    "update sys2.mt_events set headers = jsonb_set(headers, '{hash}', to_jsonb(@h::text)) where stream_id = @s and version = @v", connection);
                write.Parameters.AddWithValue("h", hash);
                write.Parameters.AddWithValue("s", _caseId);
                write.Parameters.AddWithValue("v", version);
                await write.ExecuteNonQueryAsync();
                previous = hash;
            }
        }
        (await new AuditVerifier(_host.ConnectionString).VerifyAsync("H769", _caseId)).Intact.ShouldBeTrue();

        var report = await _host.Verifier.VerifyAsync("H769", _caseId);

        report.FirstBrokenVersion.ShouldBe(1); // one anchor, at the head: it vouches for no earlier version
        report.Problem!.ShouldContain($"the chain was rewritten: at version {_head}");
    }

    [Fact]
    public async Task each_entity_gets_its_extract_as_a_daily_register_versamento()
    {
        var sip = _digip.Received.ShouldHaveSingleItem();
        sip.Tenant.ShouldBe("H769");
        sip.IdempotencyKey.ShouldBe($"H769/{DailyAnchor.RegisterName}/{ChainAnchor.DayText(Day)}");
        using var zip = new ZipArchive(new MemoryStream(sip.Package.Zip));
        var register = zip.Entries.Single(e => e.FullName.StartsWith(SipBuilder.DocumentsFolder, StringComparison.Ordinal));
        using var reader = new StreamReader(register.Open(), Encoding.UTF8);
        var text = await reader.ReadToEndAsync();
        text.ShouldContain("tenant H769\n");
        text.ShouldContain($"H769 {_caseId} {_head} ");
        var key = AnchorKey.TryLoad(_host.AnchorSettings.KeyFile)!;
        ChainAnchor.Read(Encoding.UTF8.GetBytes(text), key).Problem.ShouldBeNull();
        File.Exists(Path.Combine(_host.AnchorSettings.Folder, $"chain-anchor-{ChainAnchor.DayText(Day)}-H769.rapporto.json")).ShouldBeTrue();

        // A second round sends nothing again, and the day's file is what the database still says.
        (await _host.Anchors.MakeAsync(Day, _digip)).Status.ShouldBe(AnchorStatus.Unchanged);
        _digip.Received.Count.ShouldBe(1);
    }

    private async Task TruncateAsync(long kept)
    {
        await SqlAsync($"delete from sys2.mt_events where stream_id = @s and version > {kept}");
        await SqlAsync($"update sys2.mt_streams set version = {kept} where id = @s");
    }

    private async Task<string> StoredHashAsync(long version)
    {
        await using var connection = new NpgsqlConnection(_host.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"select headers->>'hash' from sys2.mt_events where stream_id = @s and version = {version}", connection);
        command.Parameters.AddWithValue("s", _caseId);
        return (string)(await command.ExecuteScalarAsync())!;
    }

    private async Task SqlAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(_host.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("s", _caseId);
        (await command.ExecuteNonQueryAsync()).ShouldBeGreaterThan(0);
    }

    /// <summary>DigiP as far as the anchor cares: it takes every SIP and answers a rapporto about its bytes.</summary>
    private sealed class PreservationHub : IDigiPPort
    {
        public List<(string Tenant, SubmissionPackage Package, string IdempotencyKey)> Received { get; } = [];

        public Task<VersamentoOutcome> SubmitAsync(string tenant, SubmissionPackage sip, string idempotencyKey, CancellationToken ct)
        {
            lock (Received) Received.Add((tenant, sip, idempotencyKey));
            return Task.FromResult<VersamentoOutcome>(new RapportoDiVersamento($"R-{Received.Count}", DateTimeOffset.UtcNow, sip.Sha256));
        }
    }
}
