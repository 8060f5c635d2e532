using Microsoft.AspNetCore.Identity;
using Marten;
using Sys2.Host.Access;

namespace Sys2.Host.SignIn.Embedded;

/// <summary>
/// A person who signs in to the embedded provider: user name, the name shown in the audit trail,
/// a password hash (ASP.NET Core Identity's PBKDF2 format, never the password) and the memberships.
/// One catalogue for the 64 entities: a person of an Unione has one account for all its comuni.
/// </summary>
public sealed class LocalAccount
{
    /// <summary>The user name, lower case; also the token's subject.</summary>
    public string Id { get; set; } = "";
    public string DisplayName { get; set; } = "";
    public string PasswordHash { get; set; } = "";
    public List<string> Memberships { get; set; } = [];
    public bool Disabled { get; set; }

    public IEnumerable<Membership> Parsed() => Memberships.Select(Membership.Parse).OfType<Membership>();
}

/// <summary>Finding an account and checking its password.</summary>
public sealed class LocalAccounts(IDocumentStore store)
{
    private static readonly PasswordHasher<LocalAccount> Hasher = new();

    public static string Key(string userName) => userName.Trim().ToLowerInvariant();

    public async Task<LocalAccount?> FindAsync(string userName, CancellationToken ct)
    {
        await using var session = store.QuerySession();
        return await session.LoadAsync<LocalAccount>(Key(userName), ct) is { Disabled: false } account ? account : null;
    }

    /// <summary>The account, when the password is right; null otherwise, whichever of the two was wrong.</summary>
    public async Task<LocalAccount?> SignInAsync(string userName, string password, CancellationToken ct)
    {
        var account = await FindAsync(userName, ct);
        if (account is null)
        {
            // Spend the same time as a wrong password, so timing does not tell which user names exist.
            Hasher.VerifyHashedPassword(new LocalAccount(), DummyHash, password);
            return null;
        }
        return Hasher.VerifyHashedPassword(account, account.PasswordHash, password) == PasswordVerificationResult.Failed ? null : account;
    }

    /// <summary>A password hash in the format this provider stores (ASP.NET Core Identity v3: PBKDF2), for configuration that should not hold the password.</summary>
    public static string Hash(string password) => Hasher.HashPassword(new LocalAccount(), password);

    /// <summary>Creates or updates an account (the seeded demo and test accounts) from its password or from its hash.</summary>
    public async Task SaveAsync(string userName, string displayName, string? password, string? passwordHash, IEnumerable<string> memberships, CancellationToken ct)
    {
        if (passwordHash is not null && !IsV3Hash(passwordHash))
            throw new InvalidOperationException($"account '{userName}': PasswordHash is not an ASP.NET Core Identity v3 hash (base64, first byte 0x01)");
        var parsed = memberships.Select(m => Membership.Parse(m) ?? throw new InvalidOperationException(
            $"account '{userName}': membership '{m}' is not tenant/role[/office], e.g. H769/clerk/SUAP")).ToList();
        if (parsed.FirstOrDefault(m => !AccessRoles.All.Contains(m.Role)) is { } unknown)
            throw new InvalidOperationException($"account '{userName}': role '{unknown.Role}' is not one of {string.Join(", ", AccessRoles.All)}");
        await using var session = store.LightweightSession();
        var account = await session.LoadAsync<LocalAccount>(Key(userName), ct) ?? new LocalAccount { Id = Key(userName) };
        account.DisplayName = displayName.Length > 0 ? displayName : userName;
        if (passwordHash is not null) account.PasswordHash = passwordHash;
        else if (account.PasswordHash.Length == 0 || Hasher.VerifyHashedPassword(account, account.PasswordHash, password!) == PasswordVerificationResult.Failed)
            account.PasswordHash = Hasher.HashPassword(account, password!);
        account.Memberships = parsed.Select(m => m.ToString()).ToList();
        session.Store(account);
        await session.SaveChangesAsync(ct);
    }

    private static readonly string DummyHash = Hasher.HashPassword(new LocalAccount(), Guid.NewGuid().ToString());

    private static bool IsV3Hash(string hash)
    {
        var bytes = new byte[hash.Length];
        return Convert.TryFromBase64String(hash, bytes, out var length) && length > 13 && bytes[0] == 0x01;
    }
}

/// <summary>At start, the accounts of <c>Sys2:SignIn:Accounts</c> are created or brought up to date.</summary>
public sealed class AccountSeeder(LocalAccounts accounts, Microsoft.Extensions.Options.IOptions<SignInOptions> options, ILogger<AccountSeeder> log) : IHostedService
{
    public async Task StartAsync(CancellationToken ct)
    {
        foreach (var a in options.Value.Accounts)
        {
            if (a.UserName.Length == 0 || (a.Password is not { Length: > 0 } && a.PasswordHash is not { Length: > 0 }))
                throw new InvalidOperationException($"{SignInOptions.Section}:Accounts: every account needs a UserName and a Password or a PasswordHash");
            await accounts.SaveAsync(a.UserName, a.DisplayName, a.Password, a.PasswordHash, a.Memberships, ct);
        }
        if (options.Value.Accounts.Count > 0)
            log.LogInformation("Local accounts ready: {Accounts}", string.Join(", ", options.Value.Accounts.Select(a => a.UserName)));
    }

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;
}
