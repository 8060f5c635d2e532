using System.Text.Json;

namespace Sys2.Workflows.Tests.Support;

/// <summary>
/// Events as one line of text each (<c>TypeName {json}</c>), so a test can assert the exact
/// events and a failure shows which one differs.
/// </summary>
public static class EventText
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string Of(object @event) => $"{@event.GetType().Name} {JsonSerializer.Serialize(@event, @event.GetType(), Options)}";

    public static string[] Of(IEnumerable<object> events) => events.Select(Of).ToArray();

    /// <summary>Just the event type names, for asserting the shape of a long path.</summary>
    public static string[] Types(IEnumerable<object> events) => events.Select(e => e.GetType().Name).ToArray();

    public static void ShouldBeEvents(this IEnumerable<object> actual, params object[] expected) =>
        Of(actual).ShouldBe(Of(expected));
}
