using System.Xml.Linq;
using LlmEval.Reporting;

namespace LlmEval.Tests.Reporting;

public sealed class JUnitReportRendererTests
{
    [Fact]
    public void Render_HostileResponseWithControlCharacters_ParsesAsXmlWithTheTextIntact()
    {
        var model = new ReportModel
        {
            Suite = "s\"uite",
            CaseResults = 2,
            FailedTests = 1,
            CaseList =
            [
                new ReportCase
                {
                    Id = "c-1",
                    Dataset = "d",
                    Runs =
                    [
                        new ReportCaseRun
                        {
                            Target = "t",
                            PromptVersion = "v1",
                            FailsTest = true,
                            TestFailures = "safety fail",
                            Response = "Use <script>alert('x')</script> & \"quotes\"\u0001\u001b end",
                            Metrics = [new ReportCaseMetric { Name = "safety", Value = "0", Outcome = "fail", Reason = "contains <b>canary</b>" }],
                        },
                        new ReportCaseRun { Target = "t", PromptVersion = "v2", FailsTest = false },
                    ],
                },
            ],
        };

        var document = XDocument.Parse(JUnitReportRenderer.Render(model));

        var root = document.Root!;
        Assert.Equal("s\"uite", root.Attribute("name")!.Value);
        Assert.Equal(2, root.Elements("testcase").Count());
        var failure = Assert.Single(root.Descendants("failure"));
        Assert.Equal("safety fail", failure.Attribute("message")!.Value);
        Assert.Contains("Use <script>alert('x')</script> & \"quotes\" end", failure.Value, StringComparison.Ordinal);
        Assert.Contains("contains <b>canary</b>", failure.Value, StringComparison.Ordinal);
        Assert.Equal("d.t.v1", root.Elements("testcase").First().Attribute("classname")!.Value);
    }
}
