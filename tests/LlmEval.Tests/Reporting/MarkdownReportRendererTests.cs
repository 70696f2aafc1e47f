using LlmEval.Reporting;

namespace LlmEval.Tests.Reporting;

public sealed class MarkdownReportRendererTests
{
    [Fact]
    public void Render_HostileNames_EscapedSoTheyCannotAddMarkupTablesOrLinks()
    {
        var model = new ReportModel
        {
            Suite = "suite | with pipe",
            RunId = "r1",
            GatePassed = false,
            Breaches = ["Mean groundedness for <script>alert(1)</script> × [click](http://evil.example) is 0.2."],
            Metrics = [new ReportMetric { Name = "groundedness" }],
            Matrix =
            [
                new ReportMatrixRow
                {
                    Target = "evil|target\nnew line",
                    PromptVersion = "v1",
                    Cells = [new ReportMatrixCell { Metric = "groundedness", Mean = "0.2", PassRate = "20%", Counts = "n=5" }],
                },
            ],
        };

        var markdown = MarkdownReportRenderer.Render(model);

        Assert.Contains("❌ Quality gate failed: suite \\| with pipe", markdown, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", markdown, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;", markdown, StringComparison.Ordinal);
        Assert.Contains("\\[click\\](http://evil.example)", markdown, StringComparison.Ordinal);
        Assert.Contains("| evil\\|target new line | v1 |", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_PassingRun_HasVerdictMatrixAndRules()
    {
        var model = new ReportModel
        {
            Suite = "s",
            RunId = "r2",
            GatePassed = true,
            GateRules = ["relevance: mean ≥ 0.5, for every target × every prompt version"],
            Metrics = [new ReportMetric { Name = "relevance" }],
            Matrix = [new ReportMatrixRow { Target = "t", PromptVersion = "v1", Cells = [new ReportMatrixCell { Metric = "relevance", Mean = "0.7", PassRate = "80%", Counts = "n=10" }] }],
        };

        var markdown = MarkdownReportRenderer.Render(model);

        Assert.StartsWith("## ✅ Quality gate passed: s", markdown, StringComparison.Ordinal);
        Assert.Contains("| t | v1 | 0.7 (80% pass, n=10) |", markdown, StringComparison.Ordinal);
        Assert.Contains("relevance: mean ≥ 0.5", markdown, StringComparison.Ordinal);
        Assert.DoesNotContain("Breached rules", markdown, StringComparison.Ordinal);
    }
}
