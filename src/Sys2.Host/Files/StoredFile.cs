namespace Sys2.Host.Files;

/// <summary>
/// The bytes of a document, stored once per entity under their SHA-256: the case events keep
/// only the digest, and preservation (DigiP) fetches the bytes by it.
/// </summary>
public sealed class StoredFile
{
    public string Id { get; set; } = "";
    public string Name { get; set; } = "";
    public string MediaType { get; set; } = "";
    public long Size { get; set; }
    public byte[] Content { get; set; } = [];
    public DateTimeOffset StoredAt { get; set; }
}
