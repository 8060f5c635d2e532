using Sys2.Integrations.Protocol;
using Sys2.Workflows.Formats.Records;

namespace Sys2.Integrations.DigiP;

/// <summary>
/// One document of a SIP with its Allegato 5 metadata (AgID guidelines 2021, DOMAIN.md §6).
/// <see cref="Formation"/> is the ModalitaDiFormazione code: <c>a</c> created with software,
/// <c>b</c> received (acquired by electronic means), <c>c</c> registration of forms,
/// <c>d</c> generated from data. <see cref="Classification"/> is its class in the entity's titolario
/// (<see cref="Titolario"/> names the plan), <see cref="Fascicolo"/> the case it belongs to (Agg).
/// </summary>
public sealed record SipFile(
    string Name,
    string MediaType,
    byte[] Content,
    string Identifier,
    string Formation,
    string DocumentType,
    Registration Registration,
    string Subject,
    Classification? Classification = null,
    string? Titolario = null,
    string? Fascicolo = null,
    bool Riservato = false);

/// <summary>
/// DatiDiRegistrazione: the flow (<c>E</c> incoming, <c>U</c> outgoing, <c>I</c> internal), the kind of register
/// (<see cref="Allegato5Metadata.ProtocolRegisterType"/>…), the entry's number and date and the register's code.
/// </summary>
public sealed record Registration(string Flow, string RegisterType, string Number, DateOnly? Date, string Register = ProtocolRegisterHandler.GeneralRegister);

/// <summary>The entity that holds the documents and submits them (Process/Holder and Submitter; Soggetti as PAI by its IPA codes).</summary>
public sealed record SipAgent(string Name, string? FiscalCode, string? CodiceIpa = null, string? CodiceAoo = null)
{
    public static SipAgent For(string tenant)
    {
        var entity = Workflows.Tenants.EntityCatalogue.Load().ByTenantId(tenant);
        if (entity is null) return new SipAgent(tenant, null);
        var codes = AooCodes.For(entity);
        return new SipAgent(entity.Name, entity.CodiceFiscale?.Value, codes.CodiceAmministrazione, codes.CodiceAoo);
    }
}
