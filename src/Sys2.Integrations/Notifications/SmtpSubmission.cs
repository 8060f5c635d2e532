using System.Net.Sockets;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;

namespace Sys2.Integrations.Notifications;

/// <summary>The SMTP server a channel submits to, and how patiently.</summary>
public sealed record SmtpServerSettings(
    string Host, int Port, SecureSocketOptions Security, string? Username, string? Password,
    TimeSpan AttemptTimeout, int MaxRetries, TimeSpan RetryDelay, TimeSpan BreakDuration);

/// <summary>
/// Submitting one message over SMTP with MailKit, one connection per message, for every channel that speaks SMTP
/// (email, PEC). 4xx replies, broken connections and timeouts are retried with jittered backoff behind a circuit
/// breaker; 5xx replies are final. Every failure is an <see cref="IntegrationException"/> of <paramref name="system"/>
/// naming what was sent and why, transient or not.
/// </summary>
/// <param name="server">What the channel calls the other side in its messages ("the server", "the provider").</param>
public sealed class SmtpSubmission(string system, string server, SmtpServerSettings settings)
{
    private readonly ResiliencePipeline _pipeline = Pipeline(settings);

    /// <summary>Sends <paramref name="message"/> and answers the server's final reply to it.</summary>
    /// <param name="what">The message as failures name it, e.g. "email {id} to {address}".</param>
    public async Task<string> SendAsync(MimeMessage message, string what, CancellationToken ct)
    {
        try
        {
            return await _pipeline.ExecuteAsync(async token =>
            {
                using var client = new SmtpClient { Timeout = (int)settings.AttemptTimeout.TotalMilliseconds };
                await client.ConnectAsync(settings.Host, settings.Port, settings.Security, token);
                if (settings.Username is not null) await client.AuthenticateAsync(settings.Username, settings.Password ?? "", token);
                var reply = await client.SendAsync(message, token);
                await client.DisconnectAsync(quit: true, token);
                return reply;
            }, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            throw new IntegrationException(system, $"{what}: {Describe(e)}", IsTransient(e) || e is BrokenCircuitException, e);
        }
    }

    private static ResiliencePipeline Pipeline(SmtpServerSettings settings)
    {
        var transient = new PredicateBuilder().Handle<Exception>(IsTransient);
        return new ResiliencePipelineBuilder()
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = transient,
                MaxRetryAttempts = Math.Max(1, settings.MaxRetries),
                Delay = settings.RetryDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
            })
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions
            {
                ShouldHandle = transient,
                FailureRatio = 0.5,
                MinimumThroughput = 20,
                SamplingDuration = TimeSpan.FromSeconds(60),
                BreakDuration = settings.BreakDuration,
            })
            .AddTimeout(settings.AttemptTimeout)
            .Build();
    }

    private static bool IsTransient(Exception e) => e switch
    {
        SmtpCommandException command => (int)command.StatusCode is >= 400 and < 500,
        SmtpProtocolException or ServiceNotConnectedException or IOException or SocketException or TimeoutException or TimeoutRejectedException => true,
        OperationCanceledException => true,
        _ => false,
    };

    private string Describe(Exception e) => e switch
    {
        TimeoutException => $"no answer within {settings.AttemptTimeout.TotalMilliseconds:0} ms",
        SmtpCommandException command => $"{server} answered {(int)command.StatusCode} {command.Message}",
        TimeoutRejectedException timeout => $"no answer within {timeout.Timeout.TotalMilliseconds:0} ms",
        BrokenCircuitException => "the circuit is open after repeated failures",
        _ => e.Message,
    };
}
