using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using Microsoft.Extensions.DependencyInjection;
using Sys2.Integrations;
using Sys2.Integrations.Protocol;
using Sys2.Integrations.Tests.Harness;
using Sys2.Sandbox.Faults;
using Sys2.Workflows.Formats.Protocol;

namespace Sys2.Integrations.Tests.Protocol;

public sealed class when_a_document_is_registered_in_the_protocol : IAsyncLifetime
{
    private const string Digest = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
    private static readonly XNamespace Ns = Segnatura.Namespace;

    // 10:00 in Italy (CET, UTC+1).
    private readonly SettableClock _clock = new(new DateTimeOffset(2026, 3, 10, 9, 0, 0, TimeSpan.Zero));
    private readonly SandboxTap _tap = new();
    private SandboxServer _sandbox = null!;
    private ServiceProvider _services = null!;

    public async Task InitializeAsync()
    {
        _sandbox = await SandboxServer.StartAsync(configure: builder =>
        {
            _tap.Attach(builder);
            builder.Services.AddSingleton<TimeProvider>(_clock);
        });
        _services = Adapters.Provider(s => s.AddProtocolAdapter(_sandbox.For("protocol"), Adapters.Fast));
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        await _sandbox.DisposeAsync();
    }

    private IProtocolPort Register => _services.GetRequiredService<IProtocolPort>();

    private static JsonObject Applicant(string fiscalCode = "RSSMRA45D25F205N") =>
        new() { ["fiscalCode"] = fiscalCode, ["name"] = "Mario Rossi", ["email"] = "mario.rossi@pec.it", ["phone"] = "+39 0735 581234" };

    private static JsonObject Incoming(string subject = "SCIA – apertura di un esercizio di vicinato", JsonObject? sender = null) => new()
    {
        ["direction"] = "incoming",
        ["sender"] = sender ?? Applicant(),
        ["subject"] = subject,
        ["classification"] = "VIII.4",
        ["document"] = new JsonObject { ["name"] = "scia.pdf.p7m", ["sha256"] = Digest, ["mediaType"] = "application/pkcs7-mime", ["size"] = 48213 },
    };

    private Task<JsonObject> Protocol(JsonObject input, string tenant = "H769", string? key = null) =>
        _services.GetRequiredService<IActivityPort>().InvokeAsync(Adapters.Call("protocol.register", tenant, input, key), CancellationToken.None);

    [Fact]
    public async Task an_incoming_document_gets_a_seven_digit_number_the_italian_date_and_a_segnatura()
    {
        var result = await Protocol(Incoming());

        result["number"]!.GetValue<string>().ShouldBe("0000001");
        result["date"]!.GetValue<string>().ShouldBe("2026-03-10");
        result["year"]!.GetValue<int>().ShouldBe(2026);
        result["classification"]!.GetValue<string>().ShouldBe("VIII.4");
        var segnatura = XDocument.Parse(result["segnatura"]!.GetValue<string>()).Root!;
        segnatura.Name.ShouldBe(Ns + "SegnaturaInformatica");
        segnatura.Attribute(Ns + "versione")!.Value.ShouldBe("3.0.0");
        var id = segnatura.Element(Ns + "Intestazione")!.Element(Ns + "Identificatore")!;
        id.Element(Ns + "CodiceAmministrazione")!.Value.ShouldBe("c_h769");
        id.Element(Ns + "CodiceAOO")!.Value.ShouldNotBeNullOrWhiteSpace();
        id.Element(Ns + "CodiceRegistro")!.Value.ShouldBe("PG");
        id.Element(Ns + "NumeroRegistrazione")!.Value.ShouldBe("0000001");
        id.Element(Ns + "DataRegistrazione")!.Value.ShouldBe("2026-03-10");
        id.Element(Ns + "OraRegistrazione")!.Value.ShouldBe("10:00:00");
        var intestazione = segnatura.Element(Ns + "Intestazione")!;
        intestazione.Element(Ns + "Oggetto")!.Value.ShouldBe("SCIA – apertura di un esercizio di vicinato");
        var classifica = intestazione.Element(Ns + "Classifica")!;
        classifica.Element(Ns + "Denominazione")!.Value.ShouldBe("VIII.4 Commercio");
        classifica.Element(Ns + "CodicePath")!.Element(Ns + "Livello")!.Value.ShouldBe("VIII");
        intestazione.Element(Ns + "Fascicolo")!.Element(Ns + "CodiceFascicolo")!.Value.ShouldBe("case-1");
        var descrizione = segnatura.Element(Ns + "Descrizione")!;
        var mittente = descrizione.Element(Ns + "Mittente")!.Element(Ns + "PersonaFisica")!;
        mittente.Element(Ns + "CodiceFiscale")!.Value.ShouldBe("RSSMRA45D25F205N");
        mittente.Element(Ns + "Cognome")!.Value.ShouldBe("Rossi");
        var destinatario = descrizione.Element(Ns + "Destinatario")!.Element(Ns + "Amministrazione")!;
        destinatario.Element(Ns + "DenominazioneAmministrazione")!.Value.ShouldBe("Comune di San Benedetto del Tronto");
        destinatario.Element(Ns + "CFAmministrazione")!.Value.ShouldBe("00360140446");
        var primario = descrizione.Element(Ns + "DocumentoPrimario")!;
        primario.Attribute(Ns + "nomeFile")!.Value.ShouldBe("scia.pdf.p7m");
        primario.Attribute(Ns + "mimeType")!.Value.ShouldBe("application/pkcs7-mime");
        primario.Element(Ns + "firmatoDigitalmente")!.Element(Ns + "UnDetached")!.Value.ShouldBe("true");
        var impronta = primario.Element(Ns + "Impronta")!;
        impronta.Attribute(Ns + "algoritmo")!.Value.ShouldBe("SHA-256");
        Convert.ToHexStringLower(Convert.FromBase64String(impronta.Value)).ShouldBe(Digest);
        segnatura.Elements().Last().Name.ShouldBe(XNamespace.Get("http://www.w3.org/2000/09/xmldsig#") + "Signature");
    }

    [Fact]
    public async Task the_segnatura_is_valid_against_agids_official_allegato_6_schema_and_its_seal_checks_out()
    {
        var company = await Protocol(Incoming(sender: new JsonObject { ["fiscalCode"] = "02123450443", ["name"] = "Edil Marche S.r.l.", ["email"] = "edilmarche@pec.it" }));
        var person = await Protocol(Incoming());

        foreach (var xml in new[] { company, person }.Select(r => r["segnatura"]!.GetValue<string>()))
        {
            OfficialSchemas.SegnaturaProblems(xml).ShouldBeEmpty();
            SegnaturaSeal.Verify(Segnatura.Load(xml)).Subject.ShouldContain("Sigillo");
            xml.ShouldContain("SigningCertificateV2");
        }
    }

    [Fact]
    public async Task a_registration_must_be_classified_under_the_entitys_titolario()
    {
        var missing = Incoming();
        missing.Remove("classification");
        var unknown = Incoming();
        unknown["classification"] = "XXI.9";

        var withoutClass = await Should.ThrowAsync<IntegrationException>(() => Protocol(missing));
        var withUnknownClass = await Should.ThrowAsync<IntegrationException>(() => Protocol(unknown));

        withoutClass.Message.ShouldContain("'classification'");
        withUnknownClass.Message.ShouldContain("XXI.9");
        _tap.Hits("protocol").ShouldBe(0);
    }

    [Fact]
    public async Task fifty_concurrent_registrations_get_the_numbers_one_to_fifty()
    {
        // Another AOO's register first: the run's first registration makes the simulator's seal key and loads the
        // XML-signature code, which fifty requests at once should not all wait for.
        await Protocol(Incoming(), tenant: "A044");

        var registrations = await Task.WhenAll(Enumerable.Range(1, 50).Select(i =>
            Protocol(Incoming($"Istanza n. {i}"))));

        registrations.Select(r => r["number"]!.GetValue<string>()).Order()
            .ShouldBe(Enumerable.Range(1, 50).Select(ProtocolNumber.Format));
    }

    [Fact]
    public async Task the_numbering_restarts_at_one_when_the_year_turns_in_italy_not_in_utc()
    {
        _clock.Now = new DateTimeOffset(2026, 12, 31, 22, 59, 59, TimeSpan.Zero); // 23:59:59 in Italy
        await Protocol(Incoming());
        var lastOfTheYear = await Protocol(Incoming());

        _clock.Now = new DateTimeOffset(2026, 12, 31, 23, 0, 0, TimeSpan.Zero); // midnight in Italy, still 2026 in UTC
        var firstOfTheYear = await Protocol(Incoming());

        lastOfTheYear["number"]!.GetValue<string>().ShouldBe("0000002");
        lastOfTheYear["date"]!.GetValue<string>().ShouldBe("2026-12-31");
        firstOfTheYear["number"]!.GetValue<string>().ShouldBe("0000001");
        firstOfTheYear["year"]!.GetValue<int>().ShouldBe(2027);
        firstOfTheYear["date"]!.GetValue<string>().ShouldBe("2027-01-01");
    }

    [Fact]
    public async Task each_entity_numbers_its_own_register()
    {
        (await Protocol(Incoming(), tenant: "H769"))["number"]!.GetValue<string>().ShouldBe("0000001");
        (await Protocol(Incoming(), tenant: "A044"))["number"]!.GetValue<string>().ShouldBe("0000001");
        (await Protocol(Incoming(), tenant: "unione-dei-comuni-piceni"))["number"]!.GetValue<string>().ShouldBe("0000001");
        (await Protocol(Incoming(), tenant: "H769"))["number"]!.GetValue<string>().ShouldBe("0000002");
    }

    [Fact]
    public async Task the_same_idempotency_key_gives_back_the_same_registration_and_uses_no_number()
    {
        var first = await Protocol(Incoming(), key: "case-7/protocol/1/1");
        var again = await Protocol(Incoming(), key: "case-7/protocol/1/1");
        var next = await Protocol(Incoming(), key: "case-8/protocol/1/1");

        again.ToJsonString().ShouldBe(first.ToJsonString());
        next["number"]!.GetValue<string>().ShouldBe("0000002");
    }

    [Fact]
    public async Task a_key_reused_for_a_different_document_is_refused()
    {
        await Protocol(Incoming("Prima istanza"), key: "case-7/protocol/1/1");

        var failure = await Should.ThrowAsync<IntegrationException>(() => Protocol(Incoming("Seconda istanza"), key: "case-7/protocol/1/1"));

        failure.Transient.ShouldBeFalse();
        failure.Message.ShouldContain("Idempotency-Key");
    }

    [Fact]
    public async Task a_cancelled_registration_stays_readable_with_its_reason_and_its_number_is_never_given_again()
    {
        var made = await Protocol(Incoming());
        var id = new RegistrationId("H769", "PG", 2026, 1);

        var cancelled = await Register.CancelAsync(id, "documento protocollato due volte", "cancel-1", CancellationToken.None);
        var replayed = await Register.CancelAsync(id, "documento protocollato due volte", "cancel-1", CancellationToken.None);
        var read = await Register.GetAsync(id, "read-1", CancellationToken.None);
        var next = await Protocol(Incoming());

        cancelled.Cancellation.ShouldNotBeNull().Reason.ShouldBe("documento protocollato due volte");
        replayed.ShouldBeEquivalentTo(cancelled);
        read.Cancelled.ShouldBeTrue();
        read.Number.ShouldBe("0000001");
        read.Subject.ShouldBe("SCIA – apertura di un esercizio di vicinato");
        read.Segnatura.ShouldBe(made["segnatura"]!.GetValue<string>());
        next["number"]!.GetValue<string>().ShouldBe("0000002");
    }

    [Fact]
    public async Task a_registration_cannot_be_cancelled_twice()
    {
        await Protocol(Incoming());
        var id = new RegistrationId("H769", "PG", 2026, 1);
        await Register.CancelAsync(id, "errore materiale", "cancel-1", CancellationToken.None);

        var failure = await Should.ThrowAsync<IntegrationException>(() => Register.CancelAsync(id, "ancora", "cancel-2", CancellationToken.None));

        failure.Transient.ShouldBeFalse();
        failure.Message.ShouldContain("already cancelled");
    }

    [Fact]
    public async Task reading_a_number_never_given_is_a_permanent_failure()
    {
        var failure = await Should.ThrowAsync<IntegrationException>(() =>
            Register.GetAsync(new RegistrationId("H769", "PG", 2026, 99), "read-1", CancellationToken.None));

        failure.Transient.ShouldBeFalse();
        failure.Message.ShouldContain("0000099/2026");
    }

    [Fact]
    public async Task an_outgoing_act_goes_from_the_entity_to_the_recipient_and_may_come_without_a_document()
    {
        var withoutDocument = await Protocol(new JsonObject
        {
            ["direction"] = "outgoing",
            ["recipient"] = Applicant(),
            ["subject"] = "Diniego – istanza prot. 0000001",
            ["classification"] = "VIII.4",
            ["reasons"] = "requisiti non posseduti",
        });
        var act = await Protocol(new JsonObject
        {
            ["direction"] = "outgoing",
            ["recipient"] = Applicant(),
            ["subject"] = "Diniego – istanza prot. 0000001",
            ["classification"] = "VIII.4",
            ["document"] = new JsonObject { ["name"] = "diniego.pdf", ["sha256"] = Digest, ["mediaType"] = "application/pdf" },
        });

        // Allegato 6: a segnatura describes a protocol message, whose DocumentoPrimario is required.
        withoutDocument["segnatura"].ShouldBeNull();
        var descrizione = XDocument.Parse(act["segnatura"]!.GetValue<string>()).Root!.Element(Ns + "Descrizione")!;
        descrizione.Element(Ns + "Mittente")!.Element(Ns + "Amministrazione")!
            .Element(Ns + "CodiceIPAAmministrazione")!.Value.ShouldBe("c_h769");
        descrizione.Element(Ns + "Destinatario")!.Element(Ns + "PersonaFisica")!
            .Element(Ns + "CodiceFiscale")!.Value.ShouldBe("RSSMRA45D25F205N");
        descrizione.Element(Ns + "DocumentoPrimario")!.Element(Ns + "firmatoDigitalmente").ShouldBeNull();
        OfficialSchemas.SegnaturaProblems(act["segnatura"]!.GetValue<string>()).ShouldBeEmpty();
        var stored = await Register.GetAsync(new RegistrationId("H769", "PG", 2026, 1), "read", CancellationToken.None);
        stored.Direction.ShouldBe(ProtocolDirection.Outgoing);
        stored.Notes.ShouldBe("requisiti non posseduti");
        stored.Document.ShouldBeNull();
    }

    [Fact]
    public async Task a_company_sender_is_registered_with_its_numeric_fiscal_code()
    {
        var result = await Protocol(Incoming(sender: new JsonObject { ["fiscalCode"] = "02123450443", ["name"] = "Edil Marche S.r.l." }));

        XDocument.Parse(result["segnatura"]!.GetValue<string>()).Descendants(Ns + "PersonaGiuridica").Single()
            .Element(Ns + "PIVAoCF")!.Value.ShouldBe("02123450443");
    }

    [Fact]
    public async Task a_subject_with_markup_characters_survives_the_segnatura_intact()
    {
        var subject = "Lavori <urgenti> & \"straordinari\" – via D'Annunzio";

        var result = await Protocol(Incoming(subject));

        XDocument.Parse(result["segnatura"]!.GetValue<string>()).Descendants(Ns + "Oggetto").Single().Value.ShouldBe(subject);
    }

    [Fact]
    public async Task a_sender_with_an_invalid_fiscal_code_is_refused_naming_the_value()
    {
        var failure = await Should.ThrowAsync<IntegrationException>(() => Protocol(Incoming(sender: Applicant("RSSMRA45D25F205X"))));

        failure.Transient.ShouldBeFalse();
        failure.Message.ShouldContain("'sender.fiscalCode'");
        failure.Message.ShouldContain("RSSMRA45D25F205X");
        _tap.Hits("protocol").ShouldBe(0);
    }

    [Fact]
    public async Task an_incoming_registration_without_a_sender_is_refused_naming_the_field()
    {
        var input = Incoming();
        input.Remove("sender");

        var failure = await Should.ThrowAsync<IntegrationException>(() => Protocol(input));

        failure.Transient.ShouldBeFalse();
        failure.Message.ShouldContain("'sender'");
    }

    [Fact]
    public async Task a_digest_that_is_not_sha256_is_refused_naming_the_field()
    {
        var input = Incoming();
        input["document"]!["sha256"] = "d41d8cd98f00b204e9800998ecf8427e"; // an MD5

        var failure = await Should.ThrowAsync<IntegrationException>(() => Protocol(input));

        failure.Transient.ShouldBeFalse();
        failure.Message.ShouldContain("'document.sha256'");
    }

    [Fact]
    public async Task the_register_itself_refuses_an_invalid_fiscal_code_and_the_refusal_uses_no_number()
    {
        using var raw = new HttpClient { BaseAddress = _sandbox.For("protocol") };
        using var refused = new HttpRequestMessage(HttpMethod.Post, "aoo/H769/registers/PG/registrations")
        {
            Content = JsonContent.Create(new { direction = "incoming", sender = new { fiscalCode = "RSSMRA45D25F205X", name = "Mario Rossi" }, subject = "x" }),
        };
        refused.Headers.Add("Idempotency-Key", "raw-1");

        var answer = await raw.SendAsync(refused);
        var next = await Protocol(Incoming());

        answer.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await answer.Content.ReadAsStringAsync()).ShouldContain("RSSMRA45D25F205X");
        next["number"]!.GetValue<string>().ShouldBe("0000001");
    }

    [Fact]
    public async Task the_register_refuses_a_registration_without_an_idempotency_key()
    {
        using var raw = new HttpClient { BaseAddress = _sandbox.For("protocol") };

        var answer = await raw.PostAsJsonAsync("aoo/H769/registers/PG/registrations",
            new { direction = "incoming", sender = new { name = "Mario Rossi" }, subject = "x" });

        answer.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await answer.Content.ReadAsStringAsync()).ShouldContain("Idempotency-Key");
    }

    [Fact]
    public async Task occasional_server_errors_are_retried_without_skipping_numbers()
    {
        // Six retries: a registration fails only if seven draws in a row fail (0.3^7, about 2 in 10 000).
        await using var patient = Adapters.Provider(s => s.AddProtocolAdapter(_sandbox.For("protocol"), o => { Adapters.Fast(o); o.MaxRetries = 6; }));
        _sandbox.Faults.Set("protocol", new FaultSettings { ServerErrors = 0.3 });

        var numbers = new List<string>();
        for (var i = 0; i < 10; i++)
        {
            var result = await patient.GetRequiredService<IActivityPort>().InvokeAsync(
                Adapters.Call("protocol.register", "H769", Incoming($"Istanza {i}")), CancellationToken.None);
            numbers.Add(result["number"]!.GetValue<string>());
        }

        numbers.ShouldBe(Enumerable.Range(1, 10).Select(ProtocolNumber.Format));
        _tap.Hits("protocol").ShouldBeGreaterThan(10);
    }

    [Fact]
    public async Task a_register_that_keeps_failing_is_reported_as_transient_after_the_retries()
    {
        _sandbox.Faults.Set("protocol", new FaultSettings { ServerErrors = 1 });

        var failure = await Should.ThrowAsync<IntegrationException>(() => Protocol(Incoming()));

        failure.Transient.ShouldBeTrue();
        failure.System.ShouldBe("protocol");
        _tap.Hits("protocol").ShouldBe(3);
    }

    [Fact]
    public async Task a_register_that_hangs_is_reported_as_a_transient_timeout()
    {
        await using var impatient = Adapters.Provider(s => s.AddProtocolAdapter(_sandbox.For("protocol"), o =>
        {
            Adapters.Fast(o);
            o.AttemptTimeout = TimeSpan.FromMilliseconds(200);
            o.MaxRetries = 1;
        }));
        _sandbox.Faults.Set("protocol", new FaultSettings { Timeouts = 1, TimeoutDelay = TimeSpan.FromSeconds(20) });

        var failure = await Should.ThrowAsync<IntegrationException>(() =>
            impatient.GetRequiredService<IActivityPort>().InvokeAsync(Adapters.Call("protocol.register", "H769", Incoming()), CancellationToken.None));

        failure.Transient.ShouldBeTrue();
        failure.Message.ShouldContain("timed out");
    }

    [Theory]
    [InlineData("number", "\"123\"", "'number'")]
    [InlineData("date", "\"10/03/2026\"", "'date'")]
    [InlineData("year", "\"2026\"", "'year'")]
    [InlineData("segnatura", "\"<Segnatura/>\"", "'segnatura'")]
    [InlineData("segnatura", "null", "'segnatura'")]
    [InlineData("recipients", "null", "'recipients'")]
    public async Task an_answer_with_a_bad_field_is_malformed_and_the_message_names_it(string field, string value, string named)
    {
        var genuine = await GenuineAnswer();
        genuine[field] = JsonNode.Parse(value);
        _tap.Doctor("protocol/aoo/H769/registers/PG/registrations", genuine.ToJsonString(), status: 201);

        var failure = await Should.ThrowAsync<IntegrationException>(() => Protocol(Incoming()));

        failure.Transient.ShouldBeFalse();
        failure.Message.ShouldContain("malformed answer");
        failure.Message.ShouldContain(named);
    }

    [Fact]
    public async Task a_segnatura_that_names_another_number_is_malformed()
    {
        var genuine = await GenuineAnswer();
        genuine["segnatura"] = genuine["segnatura"]!.GetValue<string>().Replace("NumeroRegistrazione>0000001<", "NumeroRegistrazione>0000002<");
        _tap.Doctor("protocol/aoo/H769/registers/PG/registrations", genuine.ToJsonString(), status: 201);

        var failure = await Should.ThrowAsync<IntegrationException>(() => Protocol(Incoming()));

        failure.Transient.ShouldBeFalse();
        failure.Message.ShouldContain("'segnatura'");
        failure.Message.ShouldContain("signature does not match");
    }

    [Fact]
    public async Task a_segnatura_that_the_schema_refuses_is_malformed_even_when_signed()
    {
        var genuine = await GenuineAnswer();
        genuine["segnatura"] = genuine["segnatura"]!.GetValue<string>().Replace("prot:versione=\"3.0.0\"", "prot:versione=\"2.0.0\"");
        _tap.Doctor("protocol/aoo/H769/registers/PG/registrations", genuine.ToJsonString(), status: 201);

        var failure = await Should.ThrowAsync<IntegrationException>(() => Protocol(Incoming()));

        failure.Message.ShouldContain("not valid against Allegato 6");
    }

    private async Task<JsonObject> GenuineAnswer()
    {
        using var raw = new HttpClient { BaseAddress = _sandbox.For("protocol") };
        using var request = new HttpRequestMessage(HttpMethod.Post, "aoo/H769/registers/PG/registrations")
        {
            Content = JsonContent.Create(new
            {
                direction = "incoming",
                sender = new { fiscalCode = "RSSMRA45D25F205N", name = "Mario Rossi" },
                subject = "SCIA",
                classification = "VIII.4",
                document = new { name = "scia.pdf.p7m", sha256 = Digest },
            }),
        };
        request.Headers.Add("Idempotency-Key", "genuine");
        var answer = await raw.SendAsync(request);
        answer.StatusCode.ShouldBe(HttpStatusCode.Created);
        return JsonNode.Parse(await answer.Content.ReadAsStringAsync())!.AsObject();
    }
}
