using System.Security.Cryptography;
using System.Text;

namespace Sys2.Host.Definitions;

/// <summary>
/// What the last start published from <c>workflows/</c>: a stamp of the folder's files and of the code that
/// reads them, and the version each definition was published at. A start that finds the same stamp and every
/// one of those versions still the published one has nothing to publish, and skips loading and validating the
/// YAML (the expressions compiled by Jint) altogether.
/// </summary>
public sealed class ShippedDefinitions
{
    public const string FolderId = "workflows";

    public string Id { get; set; } = FolderId;
    public string Stamp { get; set; } = "";
    public List<ShippedVersion> Published { get; set; } = [];
    public DateTimeOffset PublishedAt { get; set; }

    /// <summary>
    /// SHA-256 over every YAML file under the folder (definitions and scenarios: path and bytes) and the builds of
    /// the engine and of the host, so that a new engine, whose loader or validator may read the same files otherwise,
    /// publishes again once.
    /// </summary>
    public static string StampOf(string folder)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        void Add(string text) => hash.AppendData(Encoding.UTF8.GetBytes(text + "\0"));
        Add(typeof(Sys2.Workflows.Definitions.WorkflowDefinition).Assembly.ManifestModule.ModuleVersionId.ToString());
        Add(typeof(ShippedDefinitions).Assembly.ManifestModule.ModuleVersionId.ToString());
        if (Directory.Exists(folder))
            foreach (var file in Directory.EnumerateFiles(folder, "*.*", SearchOption.AllDirectories)
                         .Where(f => f.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".yml", StringComparison.OrdinalIgnoreCase))
                         .Order(StringComparer.Ordinal))
            {
                Add(Path.GetRelativePath(folder, file).Replace('\\', '/'));
                hash.AppendData(File.ReadAllBytes(file));
                Add("");
            }
        else Add(folder);
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}

public sealed record ShippedVersion(string Id, int Version, string ContentHash);
