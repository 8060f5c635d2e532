namespace Sys2.Integrations.DigiP;

/// <summary>
/// One document of a SIP with its Allegato 5 metadata (AgID guidelines 2021, DOMAIN.md §6).
/// <see cref="Formation"/> is the ModalitaDiFormazione code: <c>a</c> created with software,
/// <c>b</c> received (acquired by electronic means), <c>c</c> registration of forms,
/// <c>d</c> generated from data.
/// </summary>
public sealed record SipFile(
    string Name,
    string MediaType,
    byte[] Content,
    string Identifier,
    string Formation,
    string DocumentType,
    Registration Registration,
    string Subject);

/// <summary>DatiDiRegistrazione: the flow (<c>E</c> incoming, <c>U</c> outgoing, <c>I</c> internal) and the protocol entry.</summary>
public sealed record Registration(string Flow, string RegisterType, string Number, DateOnly? Date);

/// <summary>The entity that holds the documents and submits them (Process/Holder and Submitter; Soggetti).</summary>
public sealed record SipAgent(string Name, string? FiscalCode);
