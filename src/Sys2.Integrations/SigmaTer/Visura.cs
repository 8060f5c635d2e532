using System.Text.Json.Serialization;

namespace Sys2.Integrations.SigmaTer;

/// <summary>
/// A cadastral visura. <see cref="Found"/> false: the cadastre has no such parcel, and every other
/// field but <see cref="Parcel"/> is empty. <see cref="Catasto"/> says which half of the cadastre
/// answered, and so which of <see cref="Fabbricato"/> and <see cref="Terreno"/> is set.
/// </summary>
public sealed record Visura(
    bool Found,
    ParcelKey Parcel,
    string? Comune,
    string? Catasto,
    Fabbricato? Fabbricato,
    Terreno? Terreno,
    IReadOnlyList<Intestatario> Holders)
{
    public const string Fabbricati = "fabbricati";
    public const string Terreni = "terreni";

    public static Visura NotFound(ParcelKey parcel) => new(false, parcel, null, null, null, null, []);
}

/// <summary>
/// A unit in the catasto fabbricati: categoria (A/2, C/1, D/8...), classe, consistenza, rendita
/// catastale in euro cents, address and floor (T ground, S1 first basement).
/// </summary>
public sealed record Fabbricato(string Categoria, string? Classe, Consistenza? Consistenza, long Rendita, string Address, string Floor);

/// <summary>Consistenza of a unit: vani for group A, m³ for group B, m² for group C (group D has none).</summary>
public sealed record Consistenza(decimal Value, string Unit)
{
    public const string Vani = "vani";
    public const string SquareMetres = "m2";
    public const string CubicMetres = "m3";

    public static IReadOnlySet<string> Units { get; } = new HashSet<string> { Vani, SquareMetres, CubicMetres };
}

/// <summary>
/// A parcel in the catasto terreni: qualità di coltura, classe, surface in ettari/are/centiare, and
/// reddito dominicale and agrario in euro cents.
/// </summary>
public sealed record Terreno(string Qualita, string Classe, Superficie Surface, long RedditoDominicale, long RedditoAgrario);

/// <summary>Surface in hectares, ares (0-99) and centiares (0-99): 1 ha = 100 are = 10 000 ca = 10 000 m².</summary>
public sealed record Superficie(int Ha, int Are, int Ca)
{
    public long SquareMetres => Ha * 10_000L + Are * 100L + Ca;
}

/// <summary>A holder (intestatario): codice fiscale, name, the right held (proprietà, usufrutto, nuda proprietà...) and its share.</summary>
public sealed record Intestatario(string FiscalCode, string Name, string Right, Quota Share);

/// <summary>A share of a right, as the visura writes it: <c>1/2</c>.</summary>
[JsonConverter(typeof(QuotaJsonConverter))]
public readonly record struct Quota(int Numerator, int Denominator)
{
    public static bool TryParse(string? text, out Quota quota)
    {
        quota = default;
        var parts = text?.Split('/');
        if (parts is not { Length: 2 } || !int.TryParse(parts[0], out var n) || !int.TryParse(parts[1], out var d)) return false;
        if (n <= 0 || d <= 0 || n > d) return false;
        quota = new Quota(n, d);
        return true;
    }

    /// <exception cref="FormatException">Not a fraction of positive numbers at most 1.</exception>
    public static Quota Parse(string text) => TryParse(text, out var quota) ? quota : throw new FormatException($"'{text}' is not a share such as 1/2");

    public override string ToString() => $"{Numerator}/{Denominator}";
}
