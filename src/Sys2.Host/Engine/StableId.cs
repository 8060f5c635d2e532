using System.Security.Cryptography;
using System.Text;

namespace Sys2.Host.Engine;

/// <summary>
/// A command id derived from what the engine is answering (an idempotency key, a timer), so a
/// message delivered twice produces the same command and the second one appends nothing.
/// </summary>
public static class StableId
{
    public static Guid For(string text)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(text), hash);
        return new Guid(hash[..16]);
    }
}
