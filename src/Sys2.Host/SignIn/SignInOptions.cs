namespace Sys2.Host.SignIn;

/// <summary>
/// <c>Sys2:SignIn</c>: which OpenID Connect authority vouches for callers and in which claims it
/// says who they are. With no <see cref="Authority"/> the host is its own authority (the embedded
/// provider, <see cref="Embedded.EmbeddedProvider"/>); the code that reads tokens is the same in both cases.
/// </summary>
public sealed class SignInOptions
{
    public const string Section = "Sys2:SignIn";

    /// <summary>An external authority (Keycloak realm, Entra tenant, a SPID/CIE gateway): its issuer URL. Empty: the embedded provider.</summary>
    public string? Authority { get; set; }

    /// <summary>The audience the API's tokens must carry.</summary>
    public string Audience { get; set; } = "sys2-api";

    /// <summary>The embedded provider's issuer: the public URL of this host. Required outside Development.</summary>
    public string? Issuer { get; set; }

    /// <summary>Whether the authority's metadata and the embedded endpoints need HTTPS. Off only in Development and tests.</summary>
    public bool? RequireHttps { get; set; }

    /// <summary>Where the embedded provider keeps its signing and encryption keys (default: <c>.sys2/signin</c> of the repository or the content root).</summary>
    public string? KeyFolder { get; set; }

    public ClaimNames Claims { get; set; } = new();

    /// <summary>The client the browser's sign-in uses at the authority (public, PKCE; a secret only if the authority wants one).</summary>
    public string WebClientId { get; set; } = "sys2-web";
    public string? WebClientSecret { get; set; }

    /// <summary>Clients of the embedded provider: the browser application and machine callers.</summary>
    public List<ClientOptions> Clients { get; set; } = [];

    /// <summary>Local accounts the embedded provider creates or updates at start (the demo accounts; tests' accounts).</summary>
    public List<AccountOptions> Accounts { get; set; } = [];
}

/// <summary>
/// The claims that carry who the caller is. An identity provider of one entity usually sends a
/// tenant, an office and roles; the embedded provider sends memberships (<c>H769/clerk/SUAP</c>),
/// since one person of an Unione may work for several comuni. Both are read.
/// </summary>
public sealed class ClaimNames
{
    public string Subject { get; set; } = "sub";
    public string Name { get; set; } = "name";
    public string Tenant { get; set; } = "sys2_tenant";
    public string Office { get; set; } = "sys2_office";
    public string Roles { get; set; } = "sys2_role";
    public string Membership { get; set; } = "sys2_membership";
}

public sealed class ClientOptions
{
    public string ClientId { get; set; } = "";
    public string? DisplayName { get; set; }
    /// <summary>Machine callers (client credentials) authenticate with a secret; the browser application is a public client with PKCE.</summary>
    public string? ClientSecret { get; set; }
    public List<string> RedirectUris { get; set; } = [];
    /// <summary>What a machine caller may do, as memberships (<c>H769/operator</c>).</summary>
    public List<string> Memberships { get; set; } = [];
}

public sealed class AccountOptions
{
    public string UserName { get; set; } = "";
    public string DisplayName { get; set; } = "";
    /// <summary>The password, for demo accounts; hashed before it is stored.</summary>
    public string? Password { get; set; }
    /// <summary>Or its hash (ASP.NET Core Identity v3, <see cref="Embedded.LocalAccounts.Hash"/>), so configuration need not hold the password.</summary>
    public string? PasswordHash { get; set; }
    public List<string> Memberships { get; set; } = [];
}
