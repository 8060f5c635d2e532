using System.Text.Json.Nodes;
using Sys2.Workflows.Definitions.Inputs;
using Sys2.Workflows.Tests.Support;

namespace Sys2.Workflows.Tests.Definitions.Inputs;

public class when_the_inputs_of_a_new_case_are_checked
{
    private static readonly Sys2.Workflows.Definitions.WorkflowDefinition Scia = TestDefinitions.Shipped("suap/scia.yaml");
    private static readonly Sys2.Workflows.Definitions.WorkflowDefinition Fattura = TestDefinitions.Shipped("fatture/fattura-passiva.yaml");
    private static readonly string Sha = new('5', 64);

    private static JsonObject SciaInputs() => new()
    {
        ["applicant"] = new JsonObject { ["fiscalCode"] = "RSSMRA45D25F205N", ["name"] = "Mario Rossi", ["email"] = "mario.rossi@pec.it", ["phone"] = "+39 0735 581234" },
        ["activity"] = "Apertura di un esercizio di vicinato",
        ["segnalazione"] = new JsonObject { ["name"] = "scia.pdf.p7m", ["sha256"] = Sha, ["mediaType"] = "application/pkcs7-mime", ["size"] = 48213 },
        ["parcel"] = new JsonObject { ["belfiore"] = "H769", ["sezione"] = "", ["foglio"] = "12", ["particella"] = "345", ["subalterno"] = "3" },
    };

    private static IReadOnlyDictionary<string, string[]> ErrorsOf(JsonObject inputs) => InputCheck.Check(Scia, inputs).Errors;

    [Fact]
    public void well_typed_inputs_pass_and_hand_back_the_documents_they_name()
    {
        var result = InputCheck.Check(Scia, SciaInputs());

        result.Errors.ShouldBeEmpty();
        result.Documents.ShouldHaveSingleItem().ShouldBe(new DocumentInput("inputs.segnalazione", "scia.pdf.p7m", Sha, "application/pkcs7-mime"));
    }

    [Fact]
    public void unknown_missing_and_mistyped_inputs_are_reported_all_at_once()
    {
        var inputs = SciaInputs();
        inputs.Remove("activity");
        inputs["applicant"]!["fiscalCode"] = "RSSMRA80A01H501X";
        inputs["parcel"]!["foglio"] = "dodici";
        inputs["segnalazione"]!["sha256"] = "abc";
        inputs["colour"] = "blue";

        var errors = ErrorsOf(inputs);

        errors.Keys.Order().ShouldBe(["inputs.activity", "inputs.applicant.fiscalCode", "inputs.colour", "inputs.parcel.foglio", "inputs.segnalazione.sha256"]);
        errors["inputs.activity"].ShouldHaveSingleItem().ShouldStartWith("missing: suap.scia needs text");
        errors["inputs.colour"].ShouldHaveSingleItem().ShouldStartWith("'colour' is not an input of suap.scia (inputs: applicant, activity, segnalazione, parcel, catasto)");
        errors["inputs.parcel.foglio"].ShouldHaveSingleItem().ShouldStartWith("'dodici' is not a foglio: expected 1 to 4 digits");
        errors["inputs.segnalazione.sha256"].ShouldHaveSingleItem().ShouldStartWith("'abc' is not a SHA-256 digest");
    }

    [Fact]
    public void a_codice_fiscale_with_a_wrong_check_character_names_the_value_and_the_right_one()
    {
        var inputs = SciaInputs();
        inputs["applicant"]!["fiscalCode"] = "RSSMRA80A01H501X";

        ErrorsOf(inputs)["inputs.applicant.fiscalCode"].ShouldHaveSingleItem()
            .ShouldBe("Codice fiscale 'RSSMRA80A01H501X': wrong check character: expected U got X (expected a codice fiscale of 16 characters or a partita IVA of 11 digits)");
    }

    [Theory]
    [InlineData("RSSMRA80A01H501U")] // a person
    [InlineData("RSSMRA45D25F20RI")] // omocodia: the 5 of position 15 written R
    [InlineData("rssmra45d25f205n")] // lower case, as typed
    [InlineData("00360140446")] // partita IVA of the lead partner
    public void a_valid_codice_fiscale_or_partita_iva_passes(string code)
    {
        var inputs = SciaInputs();
        inputs["applicant"]!["fiscalCode"] = code;

        ErrorsOf(inputs).ShouldBeEmpty();
    }

    [Fact]
    public void a_partita_iva_with_a_wrong_check_digit_is_refused()
    {
        var inputs = SciaInputs();
        inputs["applicant"]!["fiscalCode"] = "00360140447";

        ErrorsOf(inputs)["inputs.applicant.fiscalCode"].ShouldHaveSingleItem().ShouldStartWith("Partita IVA '00360140447': wrong check digit: expected 6 got 7");
    }

    [Fact]
    public void a_party_needs_a_name_and_has_no_fields_of_its_own_invention()
    {
        var inputs = SciaInputs();
        inputs["applicant"] = new JsonObject { ["fiscalCode"] = "RSSMRA45D25F205N", ["nome"] = "Mario", ["email"] = "mario" };

        var errors = ErrorsOf(inputs);

        errors.Keys.Order().ShouldBe(["inputs.applicant.email", "inputs.applicant.name", "inputs.applicant.nome"]);
        errors["inputs.applicant.email"].ShouldHaveSingleItem().ShouldStartWith("'mario' is not an e-mail address");
    }

    [Fact]
    public void text_longer_than_its_limit_is_refused_with_the_limit()
    {
        var inputs = SciaInputs();
        inputs["activity"] = new string('x', TextLimits.FreeText + 1);
        inputs["applicant"]!["name"] = new string('x', TextLimits.Name + 1);

        var errors = ErrorsOf(inputs);

        errors["inputs.activity"].ShouldHaveSingleItem().ShouldBe($"text of {TextLimits.FreeText + 1} characters is too long: expected at most {TextLimits.FreeText}");
        errors["inputs.applicant.name"].ShouldHaveSingleItem().ShouldBe($"text of {TextLimits.Name + 1} characters is too long: expected at most {TextLimits.Name}");
    }

    [Fact]
    public void a_value_of_the_wrong_json_kind_is_named_with_what_was_expected()
    {
        var inputs = SciaInputs();
        inputs["activity"] = 42;
        inputs["applicant"] = "Mario Rossi";

        var errors = ErrorsOf(inputs);

        errors["inputs.activity"].ShouldHaveSingleItem().ShouldStartWith("42 is not text");
        errors["inputs.applicant"].ShouldHaveSingleItem().ShouldStartWith("'Mario Rossi' is not a party: expected an object with fiscalCode, name");
    }

    private static JsonObject FatturaInputs() => new()
    {
        ["supplier"] = new JsonObject { ["fiscalCode"] = "02123450443", ["name"] = "Edil Marche S.r.l." },
        ["invoiceNumber"] = "FPR 27/26", ["invoiceDate"] = "2026-02-26", ["amount"] = 1_220_000,
        ["codiceDestinatario"] = "UFQ2HK", ["identificativoSdI"] = "1234567",
        ["invoice"] = new JsonObject { ["name"] = "IT02123450443_00027.xml", ["sha256"] = Sha },
        ["receivedAt"] = "2026-03-02T09:15:00+01:00", ["splitPayment"] = true,
    };

    [Fact]
    public void money_dates_and_booleans_are_checked_for_what_they_are()
    {
        InputCheck.Check(Fattura, FatturaInputs()).Errors.ShouldBeEmpty();
        var inputs = FatturaInputs();
        inputs["amount"] = 12.5;
        inputs["invoiceDate"] = "26/02/2026";
        inputs["receivedAt"] = "2026-02-30";
        inputs["splitPayment"] = "S";

        var errors = InputCheck.Check(Fattura, inputs).Errors;

        errors["inputs.amount"].ShouldHaveSingleItem().ShouldStartWith("12.5 is not an amount in euro cents: expected a whole number of cents");
        errors["inputs.invoiceDate"].ShouldHaveSingleItem().ShouldStartWith("'26/02/2026' is not a date: expected yyyy-MM-dd");
        errors["inputs.receivedAt"].ShouldHaveSingleItem().ShouldStartWith("'2026-02-30' is not a date");
        errors["inputs.splitPayment"].ShouldHaveSingleItem().ShouldBe("'S' is not a boolean: expected true or false");
    }

    [Fact]
    public void a_negative_amount_is_refused()
    {
        var inputs = FatturaInputs();
        inputs["amount"] = -1;

        InputCheck.Check(Fattura, inputs).Errors.Keys.ShouldBe(["inputs.amount"]);
    }

    [Fact]
    public void optional_inputs_may_be_left_out_or_null()
    {
        var inputs = SciaInputs();
        inputs.Remove("parcel");
        inputs["applicant"]!.AsObject().Remove("phone");

        ErrorsOf(inputs).ShouldBeEmpty();
        inputs["parcel"] = null;
        ErrorsOf(inputs).ShouldBeEmpty();
    }
}
