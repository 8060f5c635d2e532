using System.Text;

namespace Sys2.Integrations.Notifications;

/// <summary>
/// SMS text in the GSM 03.38 default alphabet, where one message holds 160 septets. Characters
/// of the extension table take two septets; typographic dashes, quotes and capitals with a grave
/// accent are spelt the way Italian texts do without them; anything else becomes '?', because a
/// single character outside the alphabet would switch the gateway to UCS-2 and 70 characters.
/// </summary>
public static class GsmText
{
    public const int SingleMessageSeptets = 160;

    /// <summary>Three dots, not '…': the ellipsis character is not in the GSM alphabet.</summary>
    public const string Ellipsis = "...";

    private const string Basic =
        "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";

    private const string Extension = "^{}\\[~]|€\f";

    private static readonly Dictionary<char, string> Spelt = new()
    {
        ['–'] = "-", ['—'] = "-", ['‘'] = "'", ['’'] = "'", ['‚'] = "'", ['“'] = "\"", ['”'] = "\"", ['„'] = "\"",
        ['«'] = "\"", ['»'] = "\"", ['…'] = Ellipsis, ['\u00A0'] = " ", ['\t'] = " ",
        ['À'] = "A'", ['È'] = "E'", ['Ì'] = "I'", ['Ò'] = "O'", ['Ù'] = "U'",
        ['á'] = "a", ['í'] = "i", ['ó'] = "o", ['ú'] = "u", ['ç'] = "Ç",
    };

    public static int Septets(char c) => Basic.Contains(c) ? 1 : Extension.Contains(c) ? 2 : -1;

    /// <summary>Septets of a text already in the alphabet; -1 if any character is outside it.</summary>
    public static int Septets(string text)
    {
        var total = 0;
        foreach (var c in text)
        {
            var n = Septets(c);
            if (n < 0) return -1;
            total += n;
        }
        return total;
    }

    /// <summary>The text in the GSM alphabet, cut with <see cref="Ellipsis"/> to fit <paramref name="maxSeptets"/>.</summary>
    public static string Fit(string text, int maxSeptets = SingleMessageSeptets)
    {
        var gsm = new StringBuilder(text.Length);
        foreach (var c in text)
            gsm.Append(Septets(c) > 0 ? c.ToString() : Spelt.GetValueOrDefault(c, "?"));
        var full = gsm.ToString();
        if (Septets(full) <= maxSeptets) return full;

        var cut = new StringBuilder();
        var used = 0;
        foreach (var c in full)
        {
            var n = Septets(c);
            if (used + n > maxSeptets - Ellipsis.Length) break;
            cut.Append(c);
            used += n;
        }
        return cut.ToString().TrimEnd() + Ellipsis;
    }
}
