using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using MimeKit;
using Sys2.Integrations.Wire;
using Sys2.Workflows.Tenants;

namespace Sys2.Integrations.Notifications;

/// <summary>
/// <c>notify.applicant</c> and <c>notify.supplier</c>: inputs <c>to</c> (party), <c>template</c>,
/// <c>subject</c> and optional free texts (<c>notes</c>, <c>measures</c>, <c>reasons</c>…); result
/// <c>{ channel: "email"|"sms", messageId, to }</c>. Email when the party has an address, else SMS
/// when it has a phone; with neither there is nobody to tell, which no retry can change.
/// </summary>
public sealed class NotificationsNotifyHandler(IEmailPort email, ISmsPort sms, IOptions<SmtpOptions> smtp) : IActivityHandler
{
    public const string System = "notify";
    public const string Applicant = "notify.applicant";
    public const string Supplier = "notify.supplier";

    public IReadOnlyCollection<string> Activities { get; } = [Applicant, Supplier];

    public async Task<JsonObject> InvokeAsync(ActivityCall call, CancellationToken ct)
    {
        var wire = WireBody.Input(System, call);
        var (party, template, subject) = WireBody.ReadInput<NotifyInput>(System, call);
        var details = NotificationText.Details(call.Input);
        var sender = EntityCatalogue.Load().ByTenantId(call.Tenant)?.Name ?? call.Tenant;

        if (party.Email is not null)
        {
            if (!MailboxAddress.TryParse(party.Email, out var mailbox) || !mailbox.Address.Contains('@'))
                throw wire.Invalid("to.email", $"'{party.Email}' of {party.Label} is not an email address");
            var messageId = await email.SendAsync(new EmailNotification(
                mailbox.Address, party.Name, subject, NotificationText.EmailBody(party.Name, subject, details, sender, template), template,
                MessageIds.For(call.IdempotencyKey, smtp.Value.MessageIdDomain)) { Entity = call.Tenant }, ct);
            return Result("email", messageId, mailbox.Address);
        }

        if (party.Phone is not null)
        {
            if (!PhoneNumbers.TryNormalize(party.Phone, out var number))
                throw wire.Invalid("to.phone", $"'{party.Phone}' of {party.Label} is not a phone number");
            var messageId = await sms.SendAsync(new SmsNotification(number, NotificationText.Sms(sender, subject, details)) { Entity = call.Tenant }, call.IdempotencyKey, ct);
            return Result("sms", messageId, number);
        }

        throw wire.Invalid("to", $"{party.Label} has neither an email address nor a phone number: nobody can be notified");
    }

    /// <summary>Whom to tell and what; the free texts are read by <see cref="NotificationText.Details"/>.</summary>
    private sealed record NotifyInput(Party To, string Template, string Subject);

    private static JsonObject Result(string channel, string messageId, string to) =>
        new() { ["channel"] = channel, ["messageId"] = messageId, ["to"] = to };
}
