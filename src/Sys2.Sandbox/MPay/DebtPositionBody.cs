using System.Globalization;
using System.Text.Json.Nodes;
using Sys2.Integrations.MPay;

namespace Sys2.Sandbox.MPay;

/// <summary>Reads a GPD creation body as a client might send it, wrong types included, into a request plus its problems.</summary>
internal static class DebtPositionBody
{
    public static DebtPositionRequest? Read(JsonObject? body, List<string> problems)
    {
        if (body is null)
        {
            problems.Add("body: a JSON object is required");
            return null;
        }
        var typeText = Text(body, "type");
        PayerType type = PayerType.F;
        if (typeText is not ("F" or "G")) problems.Add($"type: expected F (person) or G (legal person), got '{typeText}'");
        else type = Enum.Parse<PayerType>(typeText);

        if (body["paymentOption"] is not JsonArray { Count: 1 } options || options[0] is not JsonObject option)
        {
            problems.Add("paymentOption: exactly one payment option is supported");
            return null;
        }
        var transfers = new List<Transfer>();
        if (option["transfer"] is JsonArray items)
            foreach (var item in items.OfType<JsonObject>())
                transfers.Add(new Transfer(Number(item, "amount"), Text(item, "remittanceInformation") ?? "", Text(item, "category") ?? "", Text(item, "iban") ?? ""));
        var dueText = Text(option, "dueDate");
        if (!DateOnly.TryParseExact(dueText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var due))
            problems.Add($"paymentOption.dueDate: '{dueText}' is not a yyyy-MM-dd date");

        var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        if (body["metadata"] is JsonObject meta)
            foreach (var (key, value) in meta)
                if (value is JsonValue v && v.TryGetValue<string>(out var s)) metadata[key] = s;

        var request = new DebtPositionRequest(
            Text(body, "iupd") ?? "",
            new Payer(type, Text(body, "fiscalCode") ?? "", Text(body, "fullName") ?? "", Text(body, "email")),
            new PaymentOption(Number(option, "amount"), Text(option, "description") ?? "", due, transfers),
            metadata);
        problems.AddRange(request.Problems());
        return request;
    }

    private static string? Text(JsonObject json, string name) =>
        json[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    private static long Number(JsonObject json, string name) =>
        json[name] is JsonValue v && v.TryGetValue<long>(out var n) ? n : 0;
}
