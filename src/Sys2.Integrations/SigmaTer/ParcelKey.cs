namespace Sys2.Integrations.SigmaTer;

/// <summary>
/// Identifies a parcel (DOMAIN.md §5): the comune's Belfiore code, the cadastral sezione (often
/// none), foglio, particella (mappale) and, for a unit of a building, the subalterno. With a
/// subalterno the parcel is looked up in the catasto fabbricati, without one in the catasto terreni.
/// </summary>
public sealed record ParcelKey(string Belfiore, string? Sezione, string Foglio, string Particella, string? Subalterno)
{
    public override string ToString() =>
        $"{Belfiore}{(string.IsNullOrEmpty(Sezione) ? string.Empty : " sez. " + Sezione)} fg. {Foglio} part. {Particella}" +
        (string.IsNullOrEmpty(Subalterno) ? string.Empty : " sub. " + Subalterno);
}
