using Sys2.Integrations.Http;

namespace Sys2.Integrations.Notifications;

/// <summary>Configuration of the SMS gateway adapter (suggested section <c>Integrations:Sms</c>).</summary>
public sealed class SmsAdapterOptions : HttpAdapterOptions
{
    /// <summary>The alphanumeric sender shown on the phone (at most 11 characters by GSM rules).</summary>
    public string Sender { get; set; } = "SYS2";
}
