using Sys2.Host.Engine;

namespace Sys2.Host.Invoices;

/// <summary>
/// A case started waiting for SdI's messages: the DTs kept with its received file are handed to it. A DT that is not
/// the wait's (an NE/SE wait) is refused by the decider and stays kept; a conflict is decided again (<see cref="CaseMovedOn"/>).
/// </summary>
public static class ForwardKeptSdiMessagesHandler
{
    public static Task Handle(ForwardKeptSdiMessages message, SdiMessageIntake intake, CancellationToken ct) =>
        intake.ForwardKeptAsync(message.Tenant, message.CaseId, ct);
}
