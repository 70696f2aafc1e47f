using System.Text;

namespace LlmEval.Reporting;

/// <summary>
/// Renders the same report model as a short Markdown summary, for a CI job summary or a pull-request comment.
/// Every <c>{{ }}</c> value is escaped so that data and model output cannot add tables, links, HTML or headings.
/// </summary>
public static class MarkdownReportRenderer
{
    private static readonly ReportTemplate Template = new("summary.md.scriban", Escape);

    public static string Render(ReportModel model)
    {
        // Blank lines left by template control lines are folded so that tables and lists stay intact.
        var text = Template.Render(model);
        return System.Text.RegularExpressions.Regex.Replace(text, @"\n{3,}", "\n\n");
    }

    /// <summary>Backslash-escapes Markdown punctuation, turns angle brackets into entities and line breaks into spaces.</summary>
    public static string Escape(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            switch (c)
            {
                case '<':
                    builder.Append("&lt;");
                    break;
                case '>':
                    builder.Append("&gt;");
                    break;
                case '&':
                    builder.Append("&amp;");
                    break;
                case '\r':
                    break;
                case '\n':
                    builder.Append(' ');
                    break;
                case '\\' or '`' or '*' or '_' or '[' or ']' or '|' or '#' or '!' or '~':
                    builder.Append('\\').Append(c);
                    break;
                default:
                    builder.Append(c);
                    break;
            }
        }

        return builder.ToString();
    }
}
