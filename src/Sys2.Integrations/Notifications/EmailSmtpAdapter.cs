using System.Net.Sockets;
using MailKit;
using MailKit.Net.Smtp;
using Microsoft.Extensions.Options;
using MimeKit;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;

namespace Sys2.Integrations.Notifications;

/// <summary>
/// Email over SMTP with MailKit, one connection per message. 4xx replies, broken connections and
/// timeouts are retried with jittered backoff behind a circuit breaker; 5xx replies are final.
/// </summary>
public sealed class EmailSmtpAdapter : IEmailPort
{
    public const string System = "smtp";

    private readonly SmtpOptions _options;
    private readonly ResiliencePipeline _pipeline;

    public EmailSmtpAdapter(IOptions<SmtpOptions> options)
    {
        _options = options.Value;
        var transient = new PredicateBuilder().Handle<Exception>(IsTransient);
        _pipeline = new ResiliencePipelineBuilder()
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = transient,
                MaxRetryAttempts = Math.Max(1, _options.MaxRetries),
                Delay = _options.RetryDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
            })
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions
            {
                ShouldHandle = transient,
                FailureRatio = 0.5,
                MinimumThroughput = 20,
                SamplingDuration = TimeSpan.FromSeconds(60),
                BreakDuration = _options.BreakDuration,
            })
            .AddTimeout(_options.AttemptTimeout)
            .Build();
    }

    public async Task<string> SendAsync(EmailNotification email, CancellationToken ct)
    {
        var message = Compose(email);
        try
        {
            await _pipeline.ExecuteAsync(async token =>
            {
                using var client = new SmtpClient { Timeout = (int)_options.AttemptTimeout.TotalMilliseconds };
                await client.ConnectAsync(_options.Host, _options.Port, _options.Security, token);
                if (_options.Username is not null) await client.AuthenticateAsync(_options.Username, _options.Password ?? "", token);
                await client.SendAsync(message, token);
                await client.DisconnectAsync(quit: true, token);
            }, ct);
            return email.MessageId;
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            throw new IntegrationException(System, $"email {email.MessageId} to {email.ToAddress}: {Describe(e)}", IsTransient(e) || e is BrokenCircuitException, e);
        }    }

    private MimeMessage Compose(EmailNotification email)
    {
        var message = new MimeMessage { Subject = email.Subject, MessageId = email.MessageId };
        message.From.Add(MailboxAddress.Parse(_options.FromAddress));
        message.To.Add(new MailboxAddress(email.ToName ?? "", email.ToAddress));
        message.Headers.Add("X-Sys2-Template", email.Template);
        if (email.Entity is not null) message.Headers.Add(EmailNotification.EntityHeader, email.Entity);
        message.Body = new TextPart("plain") { Text = email.Body };
        return message;
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
        TimeoutException => $"no answer within {_options.AttemptTimeout.TotalMilliseconds:0} ms",
        SmtpCommandException command => $"the server answered {(int)command.StatusCode} {command.Message}",
        TimeoutRejectedException timeout => $"no answer within {timeout.Timeout.TotalMilliseconds:0} ms",
        BrokenCircuitException => "the circuit is open after repeated failures",
        _ => e.Message,
    };
}
