using System.Buffers;
using MimeKit;
using SmtpServer.Protocol;
using Sys2.Sandbox.Faults;

namespace Sys2.Sandbox;

/// <summary>
/// The two steps every sandbox SMTP server takes at the end of DATA before its own: the system's fault plan (451 after a
/// delay, as a server that times out, or at once), then the message read by MimeKit. The mail sink and the PEC provider
/// differ only in what they do with the message afterwards.
/// </summary>
public static class SandboxSmtpDelivery
{
    /// <summary>The fault plan's answer for <paramref name="system"/>, or null when the message is to be taken.</summary>
    public static async Task<SmtpResponse?> InjectedFaultAsync(FaultInjector faults, string system, CancellationToken cancellationToken)
    {
        var plan = faults.For(system);
        if (plan.Latency > TimeSpan.Zero) await Task.Delay(plan.Latency, cancellationToken);
        if (faults.Draw(system, plan.Timeouts))
        {
            await Task.Delay(plan.TimeoutDelay, cancellationToken);
            return new SmtpResponse(SmtpReplyCode.Aborted, $"4.4.2 {system} sandbox: injected timeout");
        }
        return faults.Draw(system, plan.ServerErrors)
            ? new SmtpResponse(SmtpReplyCode.Aborted, $"4.3.0 {system} sandbox: injected server error")
            : null;
    }

    /// <summary>The message as MimeKit reads it, or why it cannot (each server words its own refusal).</summary>
    public static async Task<(MimeMessage? Message, string? Malformed)> ReadAsync(ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
    {
        try
        {
            using var stream = new MemoryStream(buffer.ToArray());
            return (await MimeMessage.LoadAsync(stream, cancellationToken), null);
        }
        catch (FormatException e)
        {
            return (null, e.Message);
        }
    }
}
