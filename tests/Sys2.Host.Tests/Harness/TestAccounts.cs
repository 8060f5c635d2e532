using Sys2.Host.SignIn;

namespace Sys2.Host.Tests.Harness;

/// <summary>A person the test hosts know, with the roles she holds (<c>tenant/role[/office]</c>).</summary>
public sealed record TestAccount(string UserName, string DisplayName, params string[] Memberships)
{
    public const string Password = "Prova-2026!";
}

/// <summary>
/// The people of the test hosts: created in every host's embedded provider at start
/// (<c>Sys2:SignIn:Accounts</c>), exactly as the demo accounts of a default run.
/// </summary>
public static class TestAccounts
{
    /// <summary>San Benedetto del Tronto, SUAP front office.</summary>
    public static readonly TestAccount ChiaraNeri = new("chiara.neri", "Chiara Neri", "H769/clerk/SUAP");
    /// <summary>San Benedetto del Tronto, SUE.</summary>
    public static readonly TestAccount MarcoGalli = new("marco.galli", "Marco Galli", "H769/clerk/SUE");
    /// <summary>Acquasanta Terme, SUAP.</summary>
    public static readonly TestAccount LucaVerdi = new("luca.verdi", "Luca Verdi", "A044/clerk/SUAP");
    /// <summary>Fermo, SUAP.</summary>
    public static readonly TestAccount AnnaConti = new("anna.conti", "Anna Conti", "D542/clerk/SUAP");
    public static readonly TestAccount PaoloRicci = new("paolo.ricci", "Paolo Ricci", "H769/manager");
    public static readonly TestAccount AnnaBianchi = new("anna.bianchi", "Anna Bianchi", "H769/auditor");
    public static readonly TestAccount LucaMoretti = new("luca.moretti", "Luca Moretti", "H769/operator");
    public static readonly TestAccount ElenaSarti = new("elena.sarti", "Elena Sarti", "H769/designer");
    /// <summary>The lead partner's PMO: reads every entity, changes nothing.</summary>
    public static readonly TestAccount SaraPmo = new("sara.pmo", "Sara Valori", "*/pmo");
    /// <summary>Staff of a union: SUAP clerk for two comuni.</summary>
    public static readonly TestAccount FrancoVitali = new("franco.vitali", "Franco Vitali", "H769/clerk/SUAP", "D542/clerk/SUAP");

    /// <summary>San Benedetto del Tronto, Ragioneria: receives the suppliers' invoices.</summary>
    public static readonly TestAccount MartaFerri = new("marta.ferri", "Marta Ferri", "H769/clerk/Ragioneria");
    /// <summary>The aggregation's operator: sees what reached no entity (unroutable or refused invoice files).</summary>
    public static readonly TestAccount GiuliaRossetti = new("giulia.rossetti", "Giulia Rossetti", "*/operator");

    public static readonly IReadOnlyList<TestAccount> All =
        [ChiaraNeri, MarcoGalli, LucaVerdi, AnnaConti, PaoloRicci, AnnaBianchi, LucaMoretti, ElenaSarti, SaraPmo, FrancoVitali, MartaFerri, GiuliaRossetti];

    /// <summary>The issuer the test hosts' embedded provider names in its tokens.</summary>
    public const string Issuer = "http://sys2.test/";

    private static readonly Lazy<string> PasswordHash = new(() => Sys2.Host.SignIn.Embedded.LocalAccounts.Hash(TestAccount.Password));

    /// <summary>The settings that give a test host its embedded provider and these accounts.</summary>
    public static IReadOnlyDictionary<string, string?> Settings()
    {
        var settings = new Dictionary<string, string?>
        {
            [$"{SignInOptions.Section}:Issuer"] = Issuer,
            [$"{SignInOptions.Section}:RequireHttps"] = "false",
        };
        for (var i = 0; i < All.Count; i++)
        {
            var a = All[i];
            var key = $"{SignInOptions.Section}:Accounts:{i}";
            settings[$"{key}:UserName"] = a.UserName;
            settings[$"{key}:DisplayName"] = a.DisplayName;
            // The hash, made once per test run: PBKDF2 for eleven accounts at every host start was
            // most of what sign-in added to the suite's time.
            settings[$"{key}:PasswordHash"] = PasswordHash.Value;
            for (var m = 0; m < a.Memberships.Length; m++) settings[$"{key}:Memberships:{m}"] = a.Memberships[m];
        }
        return settings;
    }
}
