using System.Text.Json;
using LlmEval.Storage;
using LlmEval.Tests.Support;

namespace LlmEval.Tests.Cli;

/// <summary>The real CLI, run as a child process on small suites in temp folders.</summary>
public sealed class CliEndToEndTests : IDisposable
{
    private readonly TempDirectory directory = new();

    public void Dispose() => directory.Dispose();

    [Fact]
    public async Task Run_TinySuite_WritesResultsSummaryAndReport()
    {
        var suite = TinySuite.Write(directory);
        var output = directory.PathOf("out");

        var result = await CliProcess.RunAsync(directory.FullPath, "run", "--suite", suite, "--out", output);

        Assert.True(result.ExitCode is 0 or 1, result.ToString());

        // 3 cases × 1 target × 2 prompt versions, one line each.
        var lines = File.ReadAllLines(Path.Combine(output, "results.jsonl")).Where(l => l.Length > 0).ToList();
        Assert.Equal(6, lines.Count);
        var results = ResultsWriter.Read(Path.Combine(output, "results.jsonl")).ToList();
        Assert.Equal(6, results.Select(r => (r.CaseId, r.PromptVersion)).Distinct().Count());
        Assert.All(results, r => Assert.Equal(5, r.Metrics.Count));

        using var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "summary.json")));
        var root = summary.RootElement;
        Assert.Equal(6, root.GetProperty("caseResults").GetInt32());
        Assert.Equal(1, root.GetProperty("targets").GetArrayLength());
        Assert.Equal(2, root.GetProperty("promptVersions").GetArrayLength());
        var cells = root.GetProperty("cells").EnumerateArray().ToList();
        Assert.Equal(10, cells.Count);
        foreach (var cell in cells)
        {
            Assert.True(cell.TryGetProperty("n", out _), cell.ToString());
            Assert.True(cell.TryGetProperty("notApplicable", out _), cell.ToString());
            Assert.True(cell.TryGetProperty("errors", out _), cell.ToString());
            if (cell.GetProperty("pass").GetInt32() + cell.GetProperty("fail").GetInt32() > 0)
            {
                Assert.True(cell.TryGetProperty("mean", out _), cell.ToString());
                Assert.True(cell.TryGetProperty("passRate", out _), cell.ToString());
            }
        }

        // C01 end to end: the no-context row is counted as not applicable for groundedness, per prompt version.
        Assert.All(
            cells.Where(c => c.GetProperty("metric").GetString() == "groundedness"),
            c => Assert.True(c.GetProperty("notApplicable").GetInt32() >= 1, c.ToString()));

        var gatePassed = root.GetProperty("gate").GetProperty("passed").GetBoolean();
        Assert.Equal(gatePassed ? 0 : 1, result.ExitCode);

        var html = File.ReadAllText(Path.Combine(output, "index.html"));
        Assert.Contains("id=\"verdict\"", html, StringComparison.Ordinal);
        Assert.Contains("id=\"matrix\"", html, StringComparison.Ordinal);
        Assert.Contains(Path.Combine(output, "index.html"), result.StdOut, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_UnterminatedQuote_ExitTwoWithFileAndLine()
    {
        var dataset = TinySuite.Header + "\n"
            + "t-001,How long is the warranty?,The warranty is 2 years.,Two years.,answer,,warranty\n"
            + "t-002,\"Which colours are there?,The kettle is white.,White.,answer,,product\n"
            + "t-003,When do you open?,We open at 9.,At 9.,answer,,stores\n";
        var suite = TinySuite.Write(directory, dataset);

        var result = await CliProcess.RunAsync(directory.FullPath, "run", "--suite", suite, "--out", directory.PathOf("out"));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(directory.PathOf("data.csv") + ":3", result.StdErr, StringComparison.Ordinal);
        Assert.False(File.Exists(directory.PathOf(Path.Combine("out", "results.jsonl"))), "no call may be made on bad input");
    }

    [Fact]
    public async Task Run_RowWithExtraField_ExitTwoWithFileAndLine()
    {
        var dataset = TinySuite.Dataset + "t-004,Is this row too long?,Some context.,Yes.,answer,,tag,EXTRA\n";
        var suite = TinySuite.Write(directory, dataset);

        var result = await CliProcess.RunAsync(directory.FullPath, "run", "--suite", suite, "--out", directory.PathOf("out"));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(directory.PathOf("data.csv") + ":5:", result.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_ShippedSuite_ExitZero()
    {
        var result = await CliProcess.RunAsync(RepoPaths.Root, "validate", "--suite", RepoPaths.ShippedSuite);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("ok  dataset support", result.StdOut, StringComparison.Ordinal);
        Assert.Contains("ok  dataset safety", result.StdOut, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_DatasetWithProblems_ExitTwoListingEach()
    {
        var dataset = TinySuite.Dataset
            + "t-001,Duplicate id,,Ref.,answer,,tag\n"
            + "t-005,Bad behaviour,,Ref.,answr,,tag\n";
        var suite = TinySuite.Write(directory, dataset);

        var result = await CliProcess.RunAsync(directory.FullPath, "validate", "--suite", suite);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(directory.PathOf("data.csv") + ":5: column 'id':", result.StdErr, StringComparison.Ordinal);
        Assert.Contains(directory.PathOf("data.csv") + ":6: column 'expected_behavior':", result.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_UnknownEvaluator_ExitTwoNamingIt()
    {
        var suite = TinySuite.Write(directory, evaluatorsJson: """["relevance", "telepathy"]""");

        var result = await CliProcess.RunAsync(directory.FullPath, "validate", "--suite", suite);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("'telepathy' is not a known evaluator", result.StdErr, StringComparison.Ordinal);
    }
}
