using LlmEval.Xunit;
using Xunit;

[assembly: AssemblyFixture(typeof(LlmEval.Suite.Tests.ReportFixture))]

namespace LlmEval.Suite.Tests;

/// <summary>The shipped support suite (eval/llmeval.json), one test per golden row × target × prompt version.</summary>
public sealed class ShippedSuiteTests(ReportFixture report)
{
    private const string Suite = "eval/llmeval.json";

    [Theory]
    [GoldenCases(Suite)]
    public async Task GoldenCase(string dataset, string caseId, string target, string promptVersion, int repeat)
    {
        var session = SuiteSession.For(Suite);
        var result = await session.GetResultAsync(dataset, caseId, target, promptVersion, repeat);

        TestContext.Current.TestOutputHelper?.WriteLine(CaseAssert.Describe(result));
        CaseAssert.MeetsThresholds(result, session.Prepared.Suite);
    }

    /// <summary>The suite's quality gate over every case, as in `llmeval run`.</summary>
    [Fact]
    public async Task QualityGate_ShippedSuite_Passes()
    {
        var session = SuiteSession.For(Suite);
        await session.RunAllAsync(TestContext.Current.CancellationToken);

        var summary = session.Summarise();

        Assert.True(summary.CaseResults >= 120 * 4, $"expected the full matrix, got {summary.CaseResults} case results");
        Assert.True(summary.Gate.Passed, "Quality gate failed:\n" + string.Join("\n", summary.Gate.Breaches) + $"\nReport: {report.OutputDirectory}");
    }
}
