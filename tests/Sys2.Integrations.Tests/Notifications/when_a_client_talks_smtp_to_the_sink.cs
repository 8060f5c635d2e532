using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Sys2.Integrations.Tests.Harness;
using Sys2.Sandbox.Notifications;

namespace Sys2.Integrations.Tests.Notifications;

public sealed class when_a_client_talks_smtp_to_the_sink
{
    private sealed class Conversation(TcpClient client) : IDisposable
    {
        private readonly StreamReader _reader = new(client.GetStream(), Encoding.ASCII);
        private readonly Stream _stream = client.GetStream();

        public static async Task<Conversation> OpenAsync(SmtpSink sink)
        {
            var client = new TcpClient();
            await client.ConnectAsync(sink.Host, sink.Port);
            return new Conversation(client);
        }

        /// <summary>The last line of the next reply (multi-line replies use "250-" until "250 ").</summary>
        public async Task<string> ReplyAsync()
        {
            while (true)
            {
                var line = await _reader.ReadLineAsync() ?? throw new IOException("the sink closed the connection");
                if (line.Length < 4 || line[3] != '-') return line;
            }
        }

        public async Task<string> SayAsync(string line)
        {
            await _stream.WriteAsync(Encoding.ASCII.GetBytes(line + "\r\n"));
            return await ReplyAsync();
        }

        public void Dispose() => client.Dispose();
    }

    [Fact]
    public async Task it_greets_and_keeps_the_order_of_the_transaction()
    {
        await using var sandbox = await SandboxServer.StartAsync();
        var sink = sandbox.Services.GetRequiredService<SmtpSink>();
        using var smtp = await Conversation.OpenAsync(sink);

        // The SmtpServer package refuses a command out of sequence with 501 and the commands it expects.
        (await smtp.ReplyAsync()).ShouldStartWith("220 ");
        (await smtp.SayAsync("MAIL FROM:<a@b.it>")).ShouldStartWith("501 expected");
        (await smtp.SayAsync("EHLO client.test")).ShouldStartWith("250 ");
        (await smtp.SayAsync("RCPT TO:<c@d.it>")).ShouldStartWith("501 expected");
        (await smtp.SayAsync("MAIL FROM:<a@b.it> SIZE=100")).ShouldStartWith("250 ");
        (await smtp.SayAsync("DATA")).ShouldStartWith("501 expected");
        (await smtp.SayAsync("RCPT TO:<c@d.it>")).ShouldStartWith("250 ");
        (await smtp.SayAsync("NOOP")).ShouldStartWith("250 ");
        (await smtp.SayAsync("RSET")).ShouldStartWith("250 ");
        (await smtp.SayAsync("DATA")).ShouldStartWith("501 expected"); // RSET forgot the recipients
        (await smtp.SayAsync("TURN")).ShouldStartWith("502 ");
        (await smtp.SayAsync("QUIT")).ShouldStartWith("221 ");
    }

    [Fact]
    public async Task a_message_sent_by_hand_is_unstuffed_parsed_and_kept_once()
    {
        await using var sandbox = await SandboxServer.StartAsync();
        var sink = sandbox.Services.GetRequiredService<SmtpSink>();
        var inbox = sandbox.Services.GetRequiredService<MailInbox>();

        for (var delivery = 0; delivery < 2; delivery++)
        {
            using var smtp = await Conversation.OpenAsync(sink);
            await smtp.ReplyAsync();
            await smtp.SayAsync("HELO client.test");
            await smtp.SayAsync("MAIL FROM:<protocollo@comune.it>");
            await smtp.SayAsync("RCPT TO:<mario.rossi@pec.it>");
            (await smtp.SayAsync("DATA")).ShouldStartWith("354 ");
            var reply = await smtp.SayAsync(
                "Message-ID: <fixed@sys2.test>\r\nFrom: protocollo@comune.it\r\nTo: mario.rossi@pec.it\r\nSubject: prova\r\n\r\n..riga con punto\r\nfine\r\n.");
            reply.ShouldStartWith("250 ");
            reply.ShouldContain(delivery == 0 ? "queued" : "duplicate");
        }

        var mail = inbox.To("mario.rossi@pec.it").ShouldHaveSingleItem();
        mail.Subject.ShouldBe("prova");
        mail.Text.ReplaceLineEndings("\n").ShouldStartWith(".riga con punto\nfine");
        mail.EnvelopeFrom.ShouldBe("protocollo@comune.it");
    }
}
