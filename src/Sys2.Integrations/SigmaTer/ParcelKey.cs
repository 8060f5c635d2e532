namespace Sys2.Integrations.SigmaTer;

/// <summary>
/// Identifies a parcel (DOMAIN.md §5): the comune's Belfiore code, the cadastral sezione (often
/// none), foglio, particella (mappale), for a unit of a building the subalterno, and the
/// <see cref="Catasto"/> it is registered in: <c>fabbricati</c> (buildings, with or without a
/// subalterno: a building of one unit may have none) or <c>terreni</c> (land, never a subalterno).
/// The catasto is asked for, never guessed from the subalterno: the two registers are distinct and
/// the same foglio and particella can name a plot in one and a building in the other.
/// </summary>
public sealed record ParcelKey(string Belfiore, string? Sezione, string Foglio, string Particella, string? Subalterno, string Catasto)
{
    public override string ToString() =>
        $"{Belfiore}{(string.IsNullOrEmpty(Sezione) ? string.Empty : " sez. " + Sezione)} fg. {Foglio} part. {Particella}" +
        (string.IsNullOrEmpty(Subalterno) ? string.Empty : " sub. " + Subalterno) + $" (catasto {Catasto})";
}
