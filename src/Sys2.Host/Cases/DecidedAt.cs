using System.Globalization;
using JasperFx.Events;

namespace Sys2.Host.Cases;

/// <summary>
/// The <c>at</c> header: when the engine decided an event, on the engine's clock (the one the
/// legal terms are computed with), written by <see cref="CaseService"/> and covered by the audit chain.
/// </summary>
public static class DecidedAt
{
    public static string Format(DateTimeOffset at) => at.ToString("O", CultureInfo.InvariantCulture);

    /// <summary>The decision time of <paramref name="e"/>, or null for an event written without it.</summary>
    public static DateTimeOffset? Of(IEvent e) =>
        e.GetHeader(EventHeaders.At)?.ToString() is { } text
        && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var at)
            ? at
            : null;
}
