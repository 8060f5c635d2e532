using Sys2.Integrations.Http;

namespace Sys2.Integrations.DigiP;

/// <summary>Configuration of the DigiP adapter (suggested section <c>Integrations:DigiP</c>).</summary>
public sealed class DigiPAdapterOptions : HttpAdapterOptions
{
    /// <summary>The register named in DatiDiRegistrazione (AgID's values: "Protocollo Ordinario/Protocollo Emergenza", "Repertorio/Registro", "Nessuno").</summary>
    public string RegisterType { get; set; } = Allegato5Metadata.ProtocolRegisterType;
}
