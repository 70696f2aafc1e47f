using System.Net;

namespace LlmEval.Reporting;

/// <summary>Renders the report model as one self-contained HTML page; every value is HTML-encoded.</summary>
public static class HtmlReportRenderer
{
    private static readonly ReportTemplate Template = new("report.html.scriban", WebUtility.HtmlEncode);

    public static string Render(ReportModel model) => Template.Render(model);
}
