using LlmEval.Evaluation;
using LlmEval.Reporting;
using LlmEval.Storage;

namespace LlmEval.Tests.Cases;

/// <summary>C10: model output and dataset text land in the HTML report as text, escaped once, never as markup.</summary>
public sealed class C10HostileOutputTests
{
    private const string HostileResponse = "Use <b>bold</b> & \"quotes\" <script>alert('x')</script>\na > b";

    [Fact]
    public void Render_BenignModel_TemplateHasNoScriptTag()
    {
        // The hostile-data tests below rely on this: any <script in a report can only come from data.
        var html = HtmlReportRenderer.Render(Build([Result("benign", "Fine answer.", ["tag"], ["Some context."])]));

        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("<pre class=\"response\">Fine answer.</pre>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void C10_HostileResponse_EscapedOnceAsText()
    {
        var html = HtmlReportRenderer.Render(Build([Result("c10", HostileResponse, ["tag"], ["Some context."])]));

        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<b>bold", html, StringComparison.Ordinal);
        Assert.Contains(
            "Use &lt;b&gt;bold&lt;/b&gt; &amp; &quot;quotes&quot; &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;",
            html,
            StringComparison.Ordinal);
        Assert.Contains("a &gt; b", html, StringComparison.Ordinal);
        AssertNotDoubleEncoded(html);
    }

    [Fact]
    public void C10_HostileIdTagsContextAndOutcome_EscapedInTextAndAttributes()
    {
        var result = Result(
            "c10\"><img src=x onerror=alert(1)>",
            "ok",
            ["<svg/onload=alert(2)>"],
            ["</pre><script>alert(3)</script>"]);
        result.Target = "t\"><script>alert(4)</script>";
        result.Question = "<iframe src=javascript:alert(5)>";
        result.Metrics[0].Outcome = "pass\" onmouseover=\"alert(6)";
        result.Metrics[0].Reason = "<script>alert(7)</script>";

        var html = HtmlReportRenderer.Render(Build([result]));

        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<iframe", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<svg/onload", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("onmouseover=\"", html, StringComparison.Ordinal);
        Assert.Contains("c10&quot;&gt;&lt;img src=x onerror=alert(1)&gt;", html, StringComparison.Ordinal);
        Assert.Contains("&lt;svg/onload=alert(2)&gt;", html, StringComparison.Ordinal);
        Assert.Contains("&lt;/pre&gt;&lt;script&gt;alert(3)&lt;/script&gt;", html, StringComparison.Ordinal);
        Assert.Contains("t&quot;&gt;&lt;script&gt;alert(4)&lt;/script&gt;", html, StringComparison.Ordinal);
        Assert.Contains("class=\"badge pass&quot; onmouseover=&quot;alert(6)\"", html, StringComparison.Ordinal);
        AssertNotDoubleEncoded(html);
    }

    private static void AssertNotDoubleEncoded(string html)
    {
        foreach (var twice in new[] { "&amp;gt;", "&amp;lt;", "&amp;amp;", "&amp;quot;", "&amp;#39;" })
        {
            Assert.DoesNotContain(twice, html, StringComparison.Ordinal);
        }
    }

    private static CaseResult Result(string caseId, string response, List<string> tags, List<string> context) => new()
    {
        RunId = "run-1",
        CaseId = caseId,
        Dataset = "c10",
        Target = "offline",
        PromptVersion = "v1",
        Question = "What does the report show?",
        Tags = tags,
        Context = context,
        Response = response,
        Request = [new RecordedMessage { Role = "user", Text = response }],
        Metrics = [new MetricResult { Name = "safety", Value = 1, Outcome = "pass", Threshold = 1, Reason = "no violation found" }],
    };

    private static ReportModel Build(IReadOnlyList<CaseResult> results)
    {
        var cells = SummaryBuilder.Cells(results);
        var summary = new RunSummary
        {
            RunId = "run-1",
            Suite = "c10",
            StartedAt = DateTimeOffset.UnixEpoch,
            FinishedAt = DateTimeOffset.UnixEpoch.AddSeconds(1),
            CaseResults = results.Count,
            Targets = results
                .Select(r => new TargetInfo { Name = r.Target, Kind = "replay", Model = r.Target })
                .DistinctBy(t => t.Name)
                .ToList(),
            PromptVersions = [new PromptVersionInfo { Name = "v1", Hash = "0123456789abcdef" }],
            Cells = cells,
            Gate = new GateVerdict { Passed = false, Breaches = ["Mean <script>x</script> is low."] },
        };

        return ReportModelBuilder.Build(summary, results, [EvaluatorRegistry.Find("safety")!]);
    }
}
