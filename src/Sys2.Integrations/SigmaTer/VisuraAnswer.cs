namespace Sys2.Integrations.SigmaTer;

/// <summary>
/// A visura as SigmaTER serves it, for a parcel it knows (an unknown one is a 404 problem with the
/// code <c>parcel-not-found</c>): the parcel echoed, the comune, which catasto answered and its
/// unit or land, and the holders.
/// </summary>
public sealed record VisuraAnswer(
    ParcelKey Parcel,
    string Comune,
    string Catasto,
    Fabbricato? Fabbricato,
    Terreno? Terreno,
    IReadOnlyList<Intestatario> Holders);
