using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Sys2.Integrations;
using Sys2.Integrations.DigiP;
using Sys2.Integrations.Tests.Harness;

namespace Sys2.Integrations.Tests.DigiP;

/// <summary>The DigiP simulator, the adapter pointed at it, and an in-memory document store holding one SCIA.</summary>
public sealed class DigiPFixture : IAsyncDisposable
{
    public static readonly byte[] Segnalazione = Encoding.UTF8.GetBytes("%PDF-1.7 modulo SCIA firmato – esercizio di vicinato, via Roma 1");

    private readonly ServiceProvider _adapter;

    private DigiPFixture(SandboxServer sandbox, ServiceProvider adapter, AttemptCounter counter, InMemoryDocumentContent documents)
    {
        Sandbox = sandbox;
        _adapter = adapter;
        Counter = counter;
        Documents = documents;
    }

    public SandboxServer Sandbox { get; }
    public AttemptCounter Counter { get; }
    public InMemoryDocumentContent Documents { get; }
    public IActivityPort Activities => _adapter.Activities();
    public IDigiPPort Port => _adapter.GetRequiredService<IDigiPPort>();

    public static async Task<DigiPFixture> StartAsync(
        AttemptCounter? counter = null, Action<DigiPAdapterOptions>? tune = null, Dictionary<string, string?>? sandboxSettings = null,
        TimeProvider? clock = null)
    {
        var sandbox = await SandboxServer.StartAsync(configure: builder => builder.Configuration.AddInMemoryCollection(sandboxSettings ?? []));
        counter ??= new AttemptCounter();
        var documents = new InMemoryDocumentContent();
        var adapter = Adapters.Build(services =>
        {
            services.AddSingleton<IDocumentContent>(documents);
            if (clock is not null) services.AddSingleton(clock);
            services.AddDigiPAdapter(sandbox.For("digip"), o => { Adapters.Fast(o); tune?.Invoke(o); });
            services.AddHttpClient(DigiPHttpAdapter.System).AddHttpMessageHandler(() => counter);
        });
        return new DigiPFixture(sandbox, adapter, counter, documents);
    }

    public static JsonObject Archive(string sha256, string name = "scia.pdf.p7m") => new()
    {
        ["protocolNumber"] = "0000123",
        ["protocolDate"] = "2026-11-02",
        ["classification"] = "VIII.4",
        ["documentType"] = "SCIA",
        ["document"] = new JsonObject { ["name"] = name, ["sha256"] = sha256, ["mediaType"] = "application/pkcs7-mime", ["size"] = Segnalazione.Length },
    };

    public Task<JsonObject> ArchiveAsync(JsonObject input, int attempt = 1) =>
        Activities.InvokeAsync(Adapters.Call(DigiPArchiveHandler.Activity, input, step: "archive", attempt: attempt), CancellationToken.None);

    public static SubmissionPackage Sip(params (string Name, byte[] Content)[] documents) =>
        SipBuilder.Build("SIP-H769-test", documents.Select(d => new SipFile(d.Name, "application/pdf", d.Content, "H769-" + d.Name, "b", "SCIA",
            new Registration("E", "Protocollo Ordinario/Protocollo Emergenza", "0000123", new DateOnly(2026, 11, 2)), "SCIA – prot. 0000123")).ToList(),
            new SipAgent("San Benedetto del Tronto", "00360140446"), new DateTimeOffset(2026, 11, 26, 10, 0, 0, TimeSpan.Zero));

    /// <summary>The same zip with one entry's bytes replaced (or added), the PIndex left as it was.</summary>
    public static SubmissionPackage Rewrite(SubmissionPackage sip, string path, byte[] content)
    {
        using var output = new MemoryStream();
        using (var source = new ZipArchive(new MemoryStream(sip.Zip), ZipArchiveMode.Read))
        using (var target = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var entry in source.Entries.Where(e => e.FullName != path))
            {
                using var from = entry.Open();
                using var to = target.CreateEntry(entry.FullName).Open();
                from.CopyTo(to);
            }
            using var replaced = target.CreateEntry(path).Open();
            replaced.Write(content);
        }
        var zip = output.ToArray();
        return sip with { Zip = zip, Sha256 = Convert.ToHexStringLower(SHA256.HashData(zip)) };
    }

    public async ValueTask DisposeAsync()
    {
        await _adapter.DisposeAsync();
        await Sandbox.DisposeAsync();
    }
}
