using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Sys2.Integrations.Wire;

/// <summary>
/// How the wire records of every regional system are written and read, by the adapters and by the
/// sandbox's simulators alike: camelCase, and strict on reading, so a field the record does not
/// mark optional (nullable) must be there and not null.
/// </summary>
public static class WireJson
{
    /// <summary>Bodies exchanged with a regional system, requests and answers.</summary>
    public static JsonSerializerOptions Options { get; } = Strict(new JsonSerializerOptions(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    });

    /// <summary>
    /// A call's inputs, which a definition's <c>with:</c> mapping composed from forms and
    /// expressions: strings are trimmed and a blank one counts as absent, and a date may be given as
    /// a date-time, whose date is taken.
    /// </summary>
    public static JsonSerializerOptions Inputs { get; } = Strict(new JsonSerializerOptions(JsonSerializerDefaults.Web)
    {
        Converters = { new TrimmedStringConverter(), new InputDateConverter() },
    });

    private static JsonSerializerOptions Strict(JsonSerializerOptions options)
    {
        // The web defaults read "2026" as a number; a system that quotes its numbers is malformed.
        options.NumberHandling = JsonNumberHandling.Strict;
        options.RespectNullableAnnotations = true;
        options.RespectRequiredConstructorParameters = true;
        options.TypeInfoResolver = new DefaultJsonTypeInfoResolver { Modifiers = { NullableMeansOptional } };
        options.MakeReadOnly();
        return options;
    }

    // A record's nullable parameter (string? Email) is a field the body may leave out, as it may
    // write it null: only the non-nullable ones are required.
    private static void NullableMeansOptional(JsonTypeInfo type)
    {
        foreach (var property in type.Properties)
            if (property.IsRequired && property.AssociatedParameter is { IsNullable: true })
                property.IsRequired = false;
    }
}
