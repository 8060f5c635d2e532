using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace Sys2.Host.Tests.Harness;

/// <summary>What the front office does with the sandbox: upload a signed file, pay an avviso, read the mail sent.</summary>
public static class Sportello
{
    /// <summary>Uploads a document's bytes and returns the <c>document</c> value to name it by in a case.</summary>
    public static async Task<JsonObject> UploadAsync(this ClerkClient clerk, string name, string text)
    {
        var response = await clerk.PostRawAsync("/api/files", name, new ByteArrayContent(Encoding.UTF8.GetBytes(text))
        {
            Headers = { ContentType = new MediaTypeHeaderValue("application/pdf") },
        });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    /// <summary>
    /// The applicant pays the avviso at a PSP; MPay sends the receipt to the host by callback. A
    /// payer whose PSP answers 503 (injected faults) simply tries again.
    /// </summary>
    public static async Task PayAsync(this CaseHost host, string noticeNumber)
    {
        for (var attempt = 1; ; attempt++)
        {
            // In the sandbox the operator plays the payer's PSP.
            var paid = await host.Operator.PostAsync($"/sandbox/mpay/avvisi/{noticeNumber}/pay", null);
            if (paid.IsSuccessStatusCode || (int)paid.StatusCode < 500 || attempt == 20)
            {
                paid.EnsureSuccessStatusCode();
                return;
            }
            await Task.Delay(50);
        }
    }

    /// <summary>The mail the entity sent to an address, as its operator reads it in the sandbox's mailbox.</summary>
    public static Task<JsonArray> MailToAsync(this CaseHost host, string address, string entity = "H769") =>
        host.Operator.GetJsonAsync<JsonArray>($"/sandbox/mail/messages?to={Uri.EscapeDataString(address)}&entity={entity}");
}
