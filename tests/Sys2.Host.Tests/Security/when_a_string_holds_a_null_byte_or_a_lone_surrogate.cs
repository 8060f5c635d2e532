using System.Net.Http.Headers;
using System.Text;
using Sys2.Host.Tests.Harness;

namespace Sys2.Host.Tests.Security;

/// <summary>
/// Text PostgreSQL cannot store (NUL) or that is not Unicode (a lone surrogate, bytes that are not
/// UTF-8), anywhere in a JSON body: a 400 naming the field, before anything is written.
/// </summary>
public sealed class when_a_string_holds_a_null_byte_or_a_lone_surrogate : IAsyncLifetime
{
    private CaseHost _host = null!;
    private ClerkClient _clerk = null!;

    public async Task InitializeAsync()
    {
        _host = await CaseHost.StartAsync(nameof(when_a_string_holds_a_null_byte_or_a_lone_surrogate));
        _clerk = new ClerkClient(_host.Address, TestAccounts.ChiaraNeri);
    }

    public async Task DisposeAsync()
    {
        _clerk.Dispose();
        await _host.DisposeAsync();
    }

    /// <summary>A SCIA opening whose JSON has <paramref name="placeholder"/> replaced by raw JSON text (escapes as written).</summary>
    private Task<HttpResponseMessage> OpenWith(string field, string rawJsonString) =>
        Post(Encoding.UTF8.GetBytes(OpeningJson(field, rawJsonString)));

    private static string OpeningJson(string field, string rawJsonString)
    {
        var inputs = Scia.Inputs();
        var json = $"{{\"commandId\": \"{Guid.NewGuid()}\", \"inputs\": {inputs.ToJsonString()}}}";
        return field switch
        {
            "activity" => json.Replace("\"Apertura di un esercizio di vicinato\"", rawJsonString),
            _ => json.Replace("\"Mario Rossi\"", rawJsonString),
        };
    }

    private Task<HttpResponseMessage> Post(byte[] body) =>
        _clerk.PostRawAsync("/api/definitions/suap.scia/cases", "-", new ByteArrayContent(body)
        {
            Headers = { ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" } },
        });

    [Fact]
    public async Task an_escaped_null_is_refused_naming_the_field()
    {
        var before = await DatabaseCounts.OfAsync(_host);

        var errors = await (await OpenWith("activity", "\"bar\\u0000; drop table\"")).ShouldBeFieldErrorsAsync();

        errors["inputs.activity"].ShouldHaveSingleItem().ShouldStartWith("holds a NUL character");
        (await DatabaseCounts.OfAsync(_host)).ShouldBe(before);
    }

    [Fact]
    public async Task an_escaped_lone_surrogate_is_refused_naming_the_field()
    {
        var before = await DatabaseCounts.OfAsync(_host);

        var errors = await (await OpenWith("name", "\"Mario \\ud800Rossi\"")).ShouldBeFieldErrorsAsync();

        errors["inputs.applicant.name"].ShouldHaveSingleItem().ShouldContain("lone surrogate");
        (await DatabaseCounts.OfAsync(_host)).ShouldBe(before);
    }

    [Fact]
    public async Task a_low_surrogate_without_its_high_half_is_refused_too()
    {
        var errors = await (await OpenWith("name", "\"Mario \\udc00\"")).ShouldBeFieldErrorsAsync();

        errors.Keys.ShouldBe(["inputs.applicant.name"]);
    }

    [Fact]
    public async Task a_surrogate_encoded_as_raw_bytes_is_not_utf8_and_is_refused()
    {
        var before = await DatabaseCounts.OfAsync(_host);
        var json = OpeningJson("activity", "\"bar@\"");
        var bytes = Encoding.UTF8.GetBytes(json).ToList();
        var at = bytes.IndexOf((byte)'@');
        bytes.RemoveAt(at);
        bytes.InsertRange(at, [0xED, 0xA0, 0x80]); // U+D800 written as UTF-8 (CESU-8): not valid UTF-8

        var response = await Post([.. bytes]);

        await response.ShouldBeProblemAsync(System.Net.HttpStatusCode.BadRequest);
        (await DatabaseCounts.OfAsync(_host)).ShouldBe(before);
    }

    [Fact]
    public async Task a_null_in_a_property_name_is_refused()
    {
        var json = OpeningJson("activity", "\"bar\"").Replace("\"activity\"", "\"activ\\u0000ity\"");

        var errors = await (await Post(Encoding.UTF8.GetBytes(json))).ShouldBeFieldErrorsAsync();

        errors.Keys.ShouldBe(["inputs.activ?ity"]);
    }

    [Fact]
    public async Task a_pair_of_surrogates_is_an_ordinary_character_and_accepted()
    {
        (await OpenWith("activity", "\"Gelateria \\ud83c\\udf66\"")).StatusCode.ShouldBe(System.Net.HttpStatusCode.OK);
    }
}
