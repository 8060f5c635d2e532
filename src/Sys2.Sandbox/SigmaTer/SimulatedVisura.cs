namespace Sys2.Sandbox.SigmaTer;

/// <summary>A visura as SigmaTER serves it (its own wire shape, independent of the adapter's types).</summary>
public sealed record SimulatedVisura(
    SimulatedParcel Parcel,
    string Comune,
    string Catasto,
    SimulatedFabbricato? Fabbricato,
    SimulatedTerreno? Terreno,
    IReadOnlyList<SimulatedHolder> Holders);

public sealed record SimulatedParcel(string Belfiore, string? Sezione, string Foglio, string Particella, string? Subalterno);

public sealed record SimulatedFabbricato(string Categoria, string? Classe, SimulatedConsistenza? Consistenza, long Rendita, string Address, string Floor);

public sealed record SimulatedConsistenza(decimal Value, string Unit);

public sealed record SimulatedTerreno(string Qualita, string Classe, SimulatedSurface Surface, long RedditoDominicale, long RedditoAgrario);

public sealed record SimulatedSurface(int Ha, int Are, int Ca);

public sealed record SimulatedHolder(string FiscalCode, string Name, string Right, string Share);
