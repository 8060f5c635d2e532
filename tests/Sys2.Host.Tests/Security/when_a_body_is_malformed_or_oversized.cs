using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Sys2.Host.Requests;
using Sys2.Host.Tests.Harness;
using Sys2.Workflows.Definitions.Inputs;

namespace Sys2.Host.Tests.Security;

/// <summary>Bodies that are not JSON, not of the expected shape, or larger than the endpoint accepts.</summary>
public sealed class when_a_body_is_malformed_or_oversized : IAsyncLifetime
{
    private CaseHost _host = null!;
    private ClerkClient _clerk = null!;

    public async Task InitializeAsync()
    {
        _host = await CaseHost.StartAsync(nameof(when_a_body_is_malformed_or_oversized));
        _host.Activities.Pause(); // only the test moves the cases
        _clerk = new ClerkClient(_host.Address, TestAccounts.ChiaraNeri);
    }

    public async Task DisposeAsync()
    {
        _clerk.Dispose();
        await _host.DisposeAsync();
    }

    private Task<HttpResponseMessage> PostJson(string path, string json) =>
        _clerk.PostRawAsync(path, "-", new StringContent(json, Encoding.UTF8, "application/json"));

    [Theory]
    [InlineData("{\"commandId\": ")]
    [InlineData("{\"commandId\": \"8d1f0c52-8f0e-4c53-9a57-0c8f3a3c1e01\", \"inputs\": {]}")]
    [InlineData("not json at all")]
    public async Task malformed_json_is_a_problem_and_appends_nothing(string json)
    {
        var before = await DatabaseCounts.OfAsync(_host);

        var problem = await (await PostJson("/api/definitions/suap.scia/cases", json)).ShouldBeProblemAsync(HttpStatusCode.BadRequest);

        problem["title"]!.GetValue<string>().ShouldBe("Malformed JSON");
        (await DatabaseCounts.OfAsync(_host)).ShouldBe(before);
    }

    [Fact]
    public async Task a_field_of_the_wrong_type_is_named()
    {
        var before = await DatabaseCounts.OfAsync(_host);

        var errors = await (await PostJson("/api/definitions/suap.scia/cases", "{\"commandId\": \"not-a-guid\", \"inputs\": {}}")).ShouldBeFieldErrorsAsync();

        errors.Keys.ShouldBe(["commandId"]);
        (await DatabaseCounts.OfAsync(_host)).ShouldBe(before);
    }

    [Fact]
    public async Task a_command_larger_than_its_limit_is_refused_before_it_is_read()
    {
        var before = await DatabaseCounts.OfAsync(_host);
        var inputs = Scia.Inputs();
        inputs["activity"] = new string('x', (int)RequestLimits.CommandBody);

        var problem = await (await _clerk.PostAsync("/api/definitions/suap.scia/cases", new { commandId = Guid.NewGuid(), inputs }))
            .ShouldBeProblemAsync(HttpStatusCode.RequestEntityTooLarge);

        problem["detail"]!.GetValue<string>().ShouldContain($"{RequestLimits.CommandBody} bytes at most");
        (await DatabaseCounts.OfAsync(_host)).ShouldBe(before);
    }

    [Fact]
    public async Task a_chunked_body_that_grows_past_the_limit_is_stopped_by_kestrel_with_a_problem()
    {
        var before = await DatabaseCounts.OfAsync(_host);
        var json = $"{{\"commandId\": \"{Guid.NewGuid()}\", \"inputs\": {{\"activity\": \"{new string('x', (int)RequestLimits.CommandBody)}\"}}}}";

        var problem = await (await _clerk.PostRawAsync("/api/definitions/suap.scia/cases", "-", new UnsizedContent(Encoding.UTF8.GetBytes(json), "application/json")))
            .ShouldBeProblemAsync(HttpStatusCode.RequestEntityTooLarge);

        problem["title"]!.GetValue<string>().ShouldBe("Request body too large");
        (await DatabaseCounts.OfAsync(_host)).ShouldBe(before);
    }

    [Fact]
    public async Task an_upload_over_the_quota_is_refused_and_nothing_is_stored()
    {
        var before = await DatabaseCounts.OfAsync(_host);

        // Expect: 100-continue, as a careful client sends a large body: the refusal comes before the
        // 50 MiB are sent (a caller without a token is refused even sooner, with 401).
        using var http = new HttpClient { BaseAddress = _host.Address };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/files")
        {
            Content = new ByteArrayContent(new byte[RequestLimits.DocumentBytes + 1]) { Headers = { ContentType = new MediaTypeHeaderValue("application/pdf") } },
        };
        request.Headers.ExpectContinue = true;
        request.Headers.Authorization = new("Bearer", await _clerk.TokenAsync());
        var response = await http.SendAsync(request);

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.RequestEntityTooLarge);
        problem["detail"]!.GetValue<string>().ShouldContain($"{RequestLimits.DocumentBytes} bytes at most");
        (await DatabaseCounts.OfAsync(_host)).ShouldBe(before);
    }

    [Fact]
    public async Task an_upload_within_the_quota_is_larger_than_a_command_and_accepted()
    {
        var response = await _clerk.PostRawAsync("/api/files", "planimetria.pdf", new ByteArrayContent(new byte[2 * RequestLimits.CommandBody])
        {
            Headers = { ContentType = new MediaTypeHeaderValue("application/pdf") },
        });

        (await response.JsonAsync())["size"]!.GetValue<long>().ShouldBe(2 * RequestLimits.CommandBody);
    }

    [Fact]
    public async Task free_text_longer_than_its_limit_names_the_field()
    {
        var caseId = await _host.FileAsync();
        var version = (await _host.EventsOf(caseId)).Count;
        var before = await DatabaseCounts.OfAsync(_host);

        var errors = await (await _clerk.PostAsync($"/api/cases/{caseId}/withdraw",
            new { commandId = Guid.NewGuid(), expectedVersion = version, reason = new string('r', TextLimits.FreeText + 1) })).ShouldBeFieldErrorsAsync();

        errors["reason"].ShouldHaveSingleItem().ShouldBe($"text of {TextLimits.FreeText + 1} characters is too long: expected at most {TextLimits.FreeText}");
        (await DatabaseCounts.OfAsync(_host)).Events.ShouldBe(before.Events);
    }

    /// <summary>A body sent in chunks, its length not announced: only Kestrel's count of the bytes read can stop it.</summary>
    private sealed class UnsizedContent : HttpContent
    {
        private readonly byte[] _bytes;

        public UnsizedContent(byte[] bytes, string mediaType)
        {
            _bytes = bytes;
            Headers.ContentType = new MediaTypeHeaderValue(mediaType);
        }

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            for (var offset = 0; offset < _bytes.Length; offset += 64 * 1024)
                await stream.WriteAsync(_bytes.AsMemory(offset, Math.Min(64 * 1024, _bytes.Length - offset)));
        }

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}
