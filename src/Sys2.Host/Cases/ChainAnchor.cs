using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Sys2.Workflows.Formats;

namespace Sys2.Host.Cases;

/// <summary>One case's chain head as anchored: its last event of the day and that event's <c>hash</c> header.</summary>
public sealed record AnchoredHead(string Tenant, string CaseId, long Version, string Hash);

/// <summary>
/// The daily anchor of the audit chains: the head of every case changed on <see cref="Day"/> (a calendar day
/// in Italy, on the engine's clock), signed with HMAC-SHA256 under a key kept out of the database
/// (<see cref="AnchorKey"/>). It is to the chains what the registro giornaliero di protocollo is to the
/// protocol register (DPR 445/2000 art. 53; AgID, Linee guida sul documento informatico 2021, §3.1.6): a
/// record of the day, closed and sent to preservation by the next working day, after which the day cannot
/// be rewritten unseen. Deleting a case's last events, or rewriting them and recomputing every SHA-256,
/// then no longer matches the anchored head.
/// </summary>
/// <remarks>
/// A plain text file, one line per case, so an auditor can read it and check it with
/// <c>openssl dgst -sha256 -hmac</c> without Sys2:
/// <code>
/// sys2-chain-anchor 1
/// day 2026-03-02
/// [tenant H769]          (only in a tenant's extract, the copy sent to its preservation)
/// H769 SUAP-H769-2026-0000001 7 &lt;sha-256 hex&gt;
/// hmac-sha256 &lt;hex of HMAC-SHA256(key, every byte above this line)&gt;
/// </code>
/// </remarks>
public sealed record ChainAnchor(DateOnly Day, string? Tenant, IReadOnlyList<AnchoredHead> Heads)
{
    public const string Magic = "sys2-chain-anchor 1";
    const string HmacPrefix = "hmac-sha256 ";

    /// <summary><c>chain-anchor-2026-03-02.txt</c>, or <c>chain-anchor-2026-03-02-H769.txt</c> for a tenant's extract.</summary>
    public string FileName => $"chain-anchor-{DayText(Day)}{(Tenant is null ? "" : "-" + Tenant)}.txt";

    /// <summary>The heads of one tenant, signed on their own: what that entity's preservation receives.</summary>
    public ChainAnchor Of(string tenant) => new(Day, tenant, Heads.Where(h => h.Tenant == tenant).ToList());

    public byte[] Sign(byte[] key)
    {
        var body = new StringBuilder().Append(Magic).Append('\n').Append("day ").Append(DayText(Day)).Append('\n');
        if (Tenant is not null) body.Append("tenant ").Append(Tenant).Append('\n');
        foreach (var head in Heads.OrderBy(h => h.Tenant, StringComparer.Ordinal).ThenBy(h => h.CaseId, StringComparer.Ordinal))
            body.Append(CultureInfo.InvariantCulture, $"{head.Tenant} {head.CaseId} {head.Version} {head.Hash}\n");
        var bytes = Encoding.UTF8.GetBytes(body.ToString());
        return [.. bytes, .. Encoding.UTF8.GetBytes(HmacPrefix + Convert.ToHexStringLower(HMACSHA256.HashData(key, bytes)) + "\n")];
    }

    /// <summary>The anchor in <paramref name="file"/>'s bytes, or why it cannot be trusted: unreadable, or signed with another key or edited since.</summary>
    public static (ChainAnchor? Anchor, string? Problem) Read(byte[] file, byte[] key)
    {
        var text = Encoding.UTF8.GetString(file);
        var signatureAt = text.LastIndexOf(HmacPrefix, StringComparison.Ordinal);
        if (!text.StartsWith(Magic + "\n", StringComparison.Ordinal) || signatureAt < 0 || (signatureAt > 0 && text[signatureAt - 1] != '\n'))
            return (null, $"not a chain anchor (a '{Magic}' file ending with its '{HmacPrefix.Trim()}' line)");
        var signed = Encoding.UTF8.GetBytes(text[..signatureAt]);
        var claimed = text[(signatureAt + HmacPrefix.Length)..].Trim();
        var expected = HMACSHA256.HashData(key, signed);
        if (!IsHex(claimed) || !CryptographicOperations.FixedTimeEquals(Convert.FromHexString(claimed), expected))
            return (null, "FORGED: its HMAC does not match: it was edited after it was made, or not made with this installation's anchor key");

        // Signed by us: whatever it says was written by DailyAnchor, so a malformed line is a bug, not an attack.
        var lines = text[..signatureAt].Split('\n', StringSplitOptions.RemoveEmptyEntries);
        DateOnly? day = null;
        string? tenant = null;
        var heads = new List<AnchoredHead>();
        foreach (var line in lines.Skip(1))
        {
            var fields = line.Split(' ');
            switch (fields)
            {
                case ["day", var d] when DateOnly.TryParseExact(d, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed):
                    day = parsed;
                    break;
                case ["tenant", var t]:
                    tenant = t;
                    break;
                case [var t, var caseId, var v, var hash] when long.TryParse(v, CultureInfo.InvariantCulture, out var version) && Sha256Hex.IsDigest(hash):
                    heads.Add(new AnchoredHead(t, caseId, version, hash));
                    break;
                default:
                    return (null, $"signed, but its line '{line}' is not an anchor line");
            }
        }
        return day is { } anchored ? (new ChainAnchor(anchored, tenant, heads), null) : (null, "signed, but names no day");
    }

    public static string DayText(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    static bool IsHex(string text) => text.Length == 64 && text.All(char.IsAsciiHexDigit);
}
