using System.Security.Cryptography;
using System.Text;

namespace Sys2.Sandbox;

/// <summary>
/// A random source fixed by the sandbox seed and a key (a parcel, an entity and a procedure):
/// the same key always draws the same values, whatever else was asked before, so a simulator
/// can answer from a registry it never stores.
/// </summary>
public static class SeededRandom
{
    public static Random For(int seed, params string[] key)
    {
        // string.GetHashCode is randomised per process; SHA-256 of the key is stable everywhere.
        var digest = SHA256.HashData(Encoding.UTF8.GetBytes(seed + "|" + string.Join('|', key).ToUpperInvariant()));
        return new Random(BitConverter.ToInt32(digest, 0));
    }

    public static T Pick<T>(this Random random, IReadOnlyList<T> items) => items[random.Next(items.Count)];
}
