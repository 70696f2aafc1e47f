using System.Text;

namespace LlmEval.Reporting;

/// <summary>
/// Renders the report model as JUnit XML, one test case per case result, for CI systems that show test results.
/// Every <c>{{ }}</c> value is XML-escaped, and characters XML 1.0 cannot hold (control characters a model may
/// emit) are dropped, so the file always parses.
/// </summary>
public static class JUnitReportRenderer
{
    private static readonly ReportTemplate Template = new("junit.xml.scriban", Escape);

    public static string Render(ReportModel model) => Template.Render(model);

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
                case '"':
                    builder.Append("&quot;");
                    break;
                case '\'':
                    builder.Append("&apos;");
                    break;
                case '\t' or '\n' or '\r':
                    builder.Append(c);
                    break;
                case < ' ' or '\uFFFE' or '\uFFFF':
                    break;
                default:
                    builder.Append(c);
                    break;
            }
        }

        return builder.ToString();
    }
}
