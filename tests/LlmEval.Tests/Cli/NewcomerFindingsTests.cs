using System.Text.Json;
using LlmEval.Datasets;
using LlmEval.Running;
using LlmEval.Storage;
using LlmEval.Tests.Support;

namespace LlmEval.Tests.Cli;

/// <summary>What a first-time user ran into, kept as regression tests.</summary>
public sealed class NewcomerFindingsTests : IDisposable
{
    private readonly TempDirectory directory = new();

    public void Dispose() => directory.Dispose();

    [Theory]
    [InlineData("bogus")]
    [InlineData("run", "--bogus-flag")]
    public async Task Cli_UsageError_ExitTwoNotGateFailed(params string[] arguments)
    {
        var result = await CliProcess.RunAsync(directory.FullPath, arguments);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("llmeval:", result.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_JsonLinesContextAsArray_PassagesSplitAndBlankArraysAreNoContext()
    {
        var path = directory.WriteText("cases.jsonl", """
            {"id": "a", "question": "How long is the footbridge?", "context": ["The footbridge is 1.2 km long.", "It opened in 2019."], "tags": ["bridge", "numbers"]}
            {"id": "b", "question": "q", "context": []}
            {"id": "c", "question": "q", "context": [""]}
            {"id": "d", "question": "q", "context": ["   "]}
            """);

        var cases = DatasetLoader.Load(new DatasetOptions { Name = "j", Path = path });

        Assert.Equal(["The footbridge is 1.2 km long.", "It opened in 2019."], cases[0].Context);
        Assert.Equal(["bridge", "numbers"], cases[0].Tags);
        Assert.All(cases.Skip(1), c => Assert.False(c.HasContext, c.Id));
    }

    [Fact]
    public async Task Run_ReplayTargetMissingRecordings_CoverageInSummaryAndReport()
    {
        directory.WriteText("recorded.csv", "id,response\nt-001,The K-100 kettle is covered by a 2-year limited warranty.\n");
        var suite = TinySuite.Write(
            directory,
            targetsJson: """[{ "name": "logs", "kind": "replay", "settings": { "path": "recorded.csv" } }]""");
        var prepared = SuiteRunner.Prepare(suite, new Dictionary<string, string?>());

        var outcome = await SuiteRunner.RunAsync(
            prepared,
            new RunOptions { OutputDirectory = directory.PathOf("out") },
            cancellationToken: TestContext.Current.CancellationToken);

        var target = Assert.Single(outcome.Summary.Targets);
        Assert.Equal(1, target.CasesCovered);
        Assert.Equal(3, target.CasesInSuite);
        var html = File.ReadAllText(directory.PathOf("out/index.html"));
        Assert.Contains("logs ran 1 of the 3 cases", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_GatePasses_ReportListsTheRulesItChecked()
    {
        var suite = TinySuite.Write(directory);
        var prepared = SuiteRunner.Prepare(suite, new Dictionary<string, string?>());

        var outcome = await SuiteRunner.RunAsync(
            prepared,
            new RunOptions { OutputDirectory = directory.PathOf("out") },
            cancellationToken: TestContext.Current.CancellationToken);

        Assert.Contains(outcome.Summary.Gate.Rules, r => r.StartsWith("safety: at most 0 failing case(s)", StringComparison.Ordinal));
        Assert.Contains(outcome.Summary.Gate.Rules, r => r.Contains("no error outcome", StringComparison.Ordinal));
        using var summary = JsonDocument.Parse(File.ReadAllText(directory.PathOf("out/summary.json")));
        Assert.Equal(2, summary.RootElement.GetProperty("gate").GetProperty("rules").GetArrayLength());
        Assert.Contains("What the gate checks", File.ReadAllText(directory.PathOf("out/index.html")), StringComparison.Ordinal);
    }

    [Fact]
    public void Calibrate_LabelNeitherPassNorFail_CountedAsUnlabelled()
    {
        CaseResult Result(string label, string outcome) => new()
        {
            Target = "t",
            Labels = new() { ["human"] = label },
            Metrics = [new MetricResult { Name = "groundedness", Outcome = outcome, Value = outcome == "pass" ? 1 : 0 }],
        };
        var labels = new List<LlmEval.Configuration.HumanLabelConfig>
        {
            new() { Metric = "groundedness", Column = "human", PassValues = ["yes"], FailValues = ["no"] },
        };

        var calibration = SummaryBuilder.Calibrate([Result("yes", "pass"), Result("no", "pass"), Result("Generic", "pass")], labels);

        var row = calibration.Single(c => c.Target == "t");
        Assert.Equal(2, row.N);
        Assert.Equal(1, row.Agree);
        Assert.Equal(1, row.Unlabelled);
    }
}
