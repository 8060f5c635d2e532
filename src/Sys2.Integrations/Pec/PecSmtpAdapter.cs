using System.Net.Sockets;
using MailKit;
using MailKit.Net.Smtp;
using Microsoft.Extensions.Options;
using MimeKit;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;

namespace Sys2.Integrations.Pec;

/// <summary>
/// PEC submission to the entity's provider over SMTP with MailKit (DM 2/11/2005: the sender's
/// provider is reached by SMTP over TLS), one connection per message. The act travels as an
/// attachment; the provider's final reply is its ricevuta di accettazione. 4xx replies, broken
/// connections and timeouts are retried (the same Message-Id: the provider takes the message once)
/// behind a circuit breaker; 5xx replies and a reply without the accettazione are final.
/// </summary>
public sealed class PecSmtpAdapter : IPecPort
{
    public const string System = "pec";

    private readonly PecOptions _options;
    private readonly ResiliencePipeline _pipeline;

    public PecSmtpAdapter(IOptions<PecOptions> options)
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

    public async Task<PecAcceptance> SendAsync(PecMessage pec, CancellationToken ct)
    {
        var message = Compose(pec);
        string reply;
        try
        {
            reply = await _pipeline.ExecuteAsync(async token =>
            {
                using var client = new SmtpClient { Timeout = (int)_options.AttemptTimeout.TotalMilliseconds };
                await client.ConnectAsync(_options.Host, _options.Port, _options.Security, token);
                if (_options.Username is not null) await client.AuthenticateAsync(_options.Username, _options.Password ?? "", token);
                var answer = await client.SendAsync(message, token);
                await client.DisconnectAsync(quit: true, token);
                return answer;
            }, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            throw new IntegrationException(System, $"PEC {pec.MessageId} to {pec.ToAddress}: {Describe(e)}", IsTransient(e) || e is BrokenCircuitException, e);
        }

        return PecAcceptanceReply.TryParse(reply, out var acceptance)
            ? acceptance
            : throw new IntegrationException(System, $"PEC {pec.MessageId} to {pec.ToAddress}: the provider's reply '{reply}' carries no ricevuta di accettazione", transient: false);
    }

    private MimeMessage Compose(PecMessage pec)
    {
        var message = new MimeMessage { Subject = pec.Subject, MessageId = pec.MessageId };
        message.From.Add(MailboxAddress.Parse(_options.FromAddress));
        message.To.Add(new MailboxAddress(pec.ToName ?? "", pec.ToAddress));
        message.Headers.Add("X-Sys2-Template", pec.Template);
        message.Headers.Add(PecMessage.EntityHeader, pec.Entity);
        message.Headers.Add(PecMessage.CaseHeader, pec.CaseId);
        var body = new BodyBuilder { TextBody = pec.Body };
        // Base64 whatever the type: a text act sent as quoted-printable would reach the recipient with its line
        // ends rewritten, and its digest would no longer be the registered act's.
        if (body.Attachments.Add(pec.Act.Name, pec.Act.Content, ContentType.Parse(pec.Act.MediaType)) is MimePart part)
            part.ContentTransferEncoding = ContentEncoding.Base64;
        message.Body = body.ToMessageBody();
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
        SmtpCommandException command => $"the provider answered {(int)command.StatusCode} {command.Message}",
        TimeoutRejectedException timeout => $"no answer within {timeout.Timeout.TotalMilliseconds:0} ms",
        BrokenCircuitException => "the circuit is open after repeated failures",
        _ => e.Message,
    };
}
