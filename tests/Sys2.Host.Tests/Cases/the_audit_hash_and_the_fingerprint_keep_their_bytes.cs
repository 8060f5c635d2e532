using System.Text.Json;
using System.Text.Json.Nodes;
using Sys2.Host.Cases;
using Sys2.Workflows.Definitions.Versions;
using Sys2.Workflows.Formats;
using Sys2.Workflows.Runtime;
using Xunit;

namespace Sys2.Host.Tests.Cases;

/// <summary>
/// The audit chain's hash and the command fingerprint are written straight from the JSON text now, without a node
/// tree: every stored event's hash and every recorded command's fingerprint must come out the same as before, byte for
/// byte, or the chains of existing cases would break and a retried command would be refused as an id reused. The
/// reference here is the former computation (parse into <see cref="JsonNode"/>, <see cref="CanonicalJson.Write"/>,
/// concatenate, SHA-256).
/// </summary>
public sealed class the_audit_hash_and_the_fingerprint_keep_their_bytes
{
    public static TheoryData<string> Events =>
    [
        """{"step":"formal-check","outcome":"approve","form":{"note":"ok"}}""",
        """{"z":1,"a":{"y":[3,2,{"b":null,"a":true}],"x":false},"M":"maiuscola","_":"","é":"accentata"}""",
        """{"text":"Attività è già \"citata\" \\ a capo\n\ttab <b>&amp;</b> 'apici' € 😀 中文","esc":"\u00e8\u0000\u001f\ud83d\ude00"}""",
        """{"numbers":[0,-0,1.0,1.50,-2.5e-3,1E10,12345678901234567890,3.141592653589793238462643]}""",
        """{"empty":{},"list":[],"nested":[[[]],[{}]],"s":"\/slash"}""",
        """{"Name":"maiuscole","name":"minuscole","nAme":"miste","name2":"cifra","name-":"trattino"}""",
        """   {  "spazi" :  [ 1 , 2 ] , "a" : { } }   """,
        """[{"b":1,"a":2},"testo",null,true]""",
        "\"solo una stringa\"",
        "42",
    ];

    [Theory]
    [MemberData(nameof(Events))]
    public void the_chain_hash_of_an_event_is_the_one_it_always_was(string eventJson)
    {
        var withName = Metadata("Chiara Neri");
        var withoutName = Metadata(null);
        var withNulls = new Dictionary<string, string?>(withoutName) { [EventHeaders.Office] = null, [EventHeaders.Causation] = null };
        var missing = new Dictionary<string, string?> { [EventHeaders.Tenant] = "H769" };
        foreach (var metadata in new[] { withName, withoutName, withNulls, missing })
            AuditChain.Hash("ab12", "TaskCompleted", eventJson, metadata).ShouldBe(FormerHash("ab12", "TaskCompleted", eventJson, metadata));
        AuditChain.Hash("", "CaseOpened", eventJson, withName).ShouldBe(FormerHash("", "CaseOpened", eventJson, withName));
    }

    [Fact]
    public void an_event_that_names_a_property_twice_is_hashed_as_the_node_tree_reads_it()
    {
        const string twice = """{"a":1,"b":{"c":1,"c":2}}""";
        string Former() => FormerHash("", "X", twice, Metadata(null));
        string Now() => AuditChain.Hash("", "X", twice, Metadata(null));
        var former = Record.Exception(Former);
        var now = Record.Exception(Now);
        if (former is null) Now().ShouldBe(Former());
        else now.ShouldNotBeNull().GetType().ShouldBe(former.GetType());
    }

    public static TheoryData<string> Triggers => ["complete", "open", "attach", "receive", "timer", "answer"];

    [Theory]
    [MemberData(nameof(Triggers))]
    public void a_command_fingerprint_is_the_one_it_always_was(string name)
    {
        var clerk = new Actor("chiara.neri", "clerk", "SUAP") { Name = "Chiara Neri" };
        Trigger trigger = name switch
        {
            "complete" => new CompleteTask("formal-check", "approve",
                JsonNode.Parse("""{"nota":"Attività \"ok\" <b>€</b> 😀","importo":12.50,"allegati":[{"z":1,"a":2}]}""")!.AsObject(), clerk),
            "open" => new OpenCase("", "H769", 3, JsonNode.Parse("""{"richiedente":{"codiceFiscale":"RSSMRA80A01H769X","nome":"Mario"},"b":[]}""")!.AsObject(), clerk),
            "attach" => new AttachDocument("planimetria è.pdf", new string('a', 64), "application/pdf", 1234, clerk),
            "receive" => new ReceiveEvent("payment-received", JsonNode.Parse("""{"iuv":"01234567890123456","amount":100.0}""")!.AsObject(), "pay"),
            "timer" => new TimerFired(TimerKind.ClockExpiry, "procedimento", 2),
            _ => new IntegrationCompleted("protocol", 1, JsonNode.Parse("""{"numero":"2026/123","by":"not the caller"}""")!.AsObject()),
        };
        foreach (var (target, version) in new (string, long?)[] { ("SUAP-H769-2026-0000001", 7), ("open suap.scia", null), ("", 0) })
            CommandFingerprint.Of(target, version, trigger).ShouldBe(FormerFingerprint(target, version, trigger));
    }

    static Dictionary<string, string?> Metadata(string? userName)
    {
        var metadata = new Dictionary<string, string?>
        {
            [EventHeaders.Tenant] = "H769", [EventHeaders.User] = "chiara.neri", [EventHeaders.Role] = "clerk",
            [EventHeaders.Office] = "SUAP", [EventHeaders.Correlation] = "c0rr", [EventHeaders.Causation] = "caus",
            [EventHeaders.At] = "2026-03-02T10:00:00.0000000+00:00", [EventHeaders.Definition] = "suap.scia@1#abc",
        };
        if (userName is not null) metadata[EventHeaders.UserName] = userName;
        return metadata;
    }

    /// <summary>AuditChain.Hash as it was until 1 December 2026.</summary>
    static string FormerHash(string previousHash, string eventType, string eventJson, IReadOnlyDictionary<string, string?> metadata)
    {
        var meta = new JsonObject();
        foreach (var key in EventHeaders.Covered) meta[key] = metadata.GetValueOrDefault(key);
        foreach (var key in EventHeaders.CoveredWhenPresent)
            if (metadata.TryGetValue(key, out var value) && value is not null) meta[key] = value;
        var canonicalEvent = CanonicalJson.Write(JsonNode.Parse(eventJson));
        return Sha256Hex.Of($"{previousHash}\n{eventType}\n{canonicalEvent}\n{CanonicalJson.Write(meta)}");
    }

    /// <summary>CommandFingerprint.Of as it was until 1 December 2026.</summary>
    static string FormerFingerprint(string target, long? expectedVersion, Trigger trigger)
    {
        var body = JsonSerializer.SerializeToNode(trigger, trigger.GetType(), new JsonSerializerOptions(JsonSerializerDefaults.Web))!.AsObject();
        body.Remove("by");
        var canonical = new JsonObject
        {
            ["target"] = target,
            ["expectedVersion"] = expectedVersion,
            ["trigger"] = trigger.GetType().Name,
            ["body"] = body,
        };
        return Sha256Hex.Of(CanonicalJson.Write(canonical));
    }
}
