using System.Text;

namespace Sys2.Workflows.Tenants;

/// <summary>One CSV record: the line it starts on, its fields as written, or why it could not be read.</summary>
internal sealed record CsvRecord(int Line, IReadOnlyList<string> Fields, string? Error);

/// <summary>
/// CSV as RFC 4180 has it: commas between fields, a line break (CRLF or LF) between records, and a field in double
/// quotes may hold commas, line breaks and <c>""</c> for a quote; a quote anywhere else is an error. Written here
/// rather than taken from CsvHelper because the engine's only packages are YamlDotNet, JsonSchema.Net and Jint, and
/// every project that reads the catalogue (the integrations, the sandbox, the host) stands on the engine.
/// </summary>
internal static class CsvRecords
{
    /// <param name="firstLine">The line number of the reader's next character, for file:line messages.</param>
    public static IEnumerable<CsvRecord> Read(TextReader reader, int firstLine)
    {
        var line = firstLine;
        while (reader.Peek() >= 0)
        {
            var start = line;
            var fields = new List<string>();
            var field = new StringBuilder();
            string? error = null;
            var inQuotes = false;
            var closedQuotes = false;
            while (reader.Read() is var next and >= 0)
            {
                var c = (char)next;
                if (c == '\n') line++;
                if (inQuotes)
                {
                    if (c != '"') field.Append(c);
                    else if (reader.Peek() == '"') field.Append((char)reader.Read());
                    else (inQuotes, closedQuotes) = (false, true);
                }
                else if (c == ',')
                {
                    fields.Add(field.ToString());
                    field.Clear();
                    closedQuotes = false;
                }
                else if (c == '\n' || (c == '\r' && reader.Peek() == '\n'))
                {
                    if (c == '\r')
                    {
                        reader.Read();
                        line++;
                    }
                    break;
                }
                // Blanks around a quoted field are tolerated: the catalogue trims every field anyway.
                else if (c == '"' && !closedQuotes && string.IsNullOrWhiteSpace(field.ToString())) inQuotes = true;
                else if (c == '"') error ??= "a quote inside a field that does not start with one (quote the whole field and double the quote)";
                else if (closedQuotes && !char.IsWhiteSpace(c)) error ??= "text after the closing quote of a field";
                else field.Append(c);
            }
            if (inQuotes) error ??= "unterminated quoted field";
            fields.Add(field.ToString());
            yield return new CsvRecord(start, fields, error);
        }
    }
}
