using LlmEval.Running;
using static LlmEval.Judge.Tests.JudgeHarness;

namespace LlmEval.Judge.Tests;

/// <summary>The OpenAI-compatible target through a whole run, against the local OpenAI-protocol server.</summary>
public sealed class OpenAiTargetTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("llmeval-target-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public async Task RunAsync_OpenAiTarget_ProviderUsageIsCostedAndKeyNeverWritten()
    {
        await using var server = await FakeOpenAiServer.StartAsync();
        server.Always(ScriptedReply.Text("The shop is open from 9:00 to 17:00, Monday to Friday."));
        var prepared = SuiteRunner.Prepare(WriteSuite(maxRetries: 0), Environment(server));
        var output = Path.Combine(folder, "out");

        var outcome = await SuiteRunner.RunAsync(prepared, new RunOptions { OutputDirectory = output }, cancellationToken: TestContext.Current.CancellationToken);

        var live = outcome.Results.Where(r => r.Target == "live").ToList();
        Assert.Equal(2, live.Count);
        Assert.Equal(2, server.Requests.Count);
        Assert.All(server.Requests, r =>
        {
            Assert.Equal("Bearer " + SecretKey, r.Authorization);
            Assert.Equal("target-model", (string?)r.Body["model"]);
            Assert.Contains(r.Messages, m => m.Role == "user" && m.Content.Contains("Question:", StringComparison.Ordinal));
        });
        Assert.All(live, r =>
        {
            Assert.Null(r.Error);
            Assert.Equal("The shop is open from 9:00 to 17:00, Monday to Friday.", r.Response);
            Assert.False(r.Usage!.Estimated);
            Assert.Equal(0.00285, r.CostUsd, 10);
            Assert.Equal("false", r.Metrics.Single(m => m.Name == "cost").Metadata["estimated"]);
        });
        Assert.Contains(outcome.Summary.Targets, t => t.Name == "live" && t.Kind == "openai");
        foreach (var file in Directory.GetFiles(output))
        {
            Assert.DoesNotContain(SecretKey, await File.ReadAllTextAsync(file, TestContext.Current.CancellationToken), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task RunAsync_ServerAnswers429WithRetryAfter_RetriedThenScored()
    {
        await using var server = await FakeOpenAiServer.StartAsync();
        server.InOrder(ScriptedReply.Error(429, retryAfter: "0"), ScriptedReply.Text("The footbridge is 1.2 km long."));
        var prepared = SuiteRunner.Prepare(WriteSuite(maxRetries: 2, cases: 1), Environment(server));

        var outcome = await SuiteRunner.RunAsync(prepared, new RunOptions { OutputDirectory = Path.Combine(folder, "out") }, cancellationToken: TestContext.Current.CancellationToken);

        var live = outcome.Results.Single(r => r.Target == "live");
        Assert.Null(live.Error);
        Assert.Equal("The footbridge is 1.2 km long.", live.Response);
        Assert.Equal(2, server.Requests.Count);
    }

    [Fact]
    public async Task RunAsync_ServerKeepsFailing_ErrorOutcomesFailTheGateWithoutTheKey()
    {
        await using var server = await FakeOpenAiServer.StartAsync();
        server.Always(ScriptedReply.Error(500));
        var prepared = SuiteRunner.Prepare(WriteSuite(maxRetries: 1, cases: 1), Environment(server));

        var outcome = await SuiteRunner.RunAsync(prepared, new RunOptions { OutputDirectory = Path.Combine(folder, "out") }, cancellationToken: TestContext.Current.CancellationToken);

        var live = outcome.Results.Single(r => r.Target == "live");
        Assert.NotNull(live.Error);
        Assert.DoesNotContain(SecretKey, live.Error, StringComparison.Ordinal);
        Assert.All(live.Metrics, m => Assert.Equal("error", m.Outcome));
        Assert.Equal(2, server.Requests.Count);
        Assert.False(outcome.Summary.Gate.Passed);
        Assert.Equal(1, outcome.Summary.CallErrors);
    }

    [Fact]
    public void Prepare_NoKeyAndNoBaseUrl_OpenAiTargetSkippedWithTheVariableToSet()
    {
        var prepared = SuiteRunner.Prepare(WriteSuite(maxRetries: 0), new Dictionary<string, string?>());

        Assert.DoesNotContain(prepared.Targets, t => t.Name == "live");
        Assert.Contains(prepared.SkippedTargets, s => s.Contains("OPENAI_API_KEY", StringComparison.Ordinal));
    }

    private string WriteSuite(int maxRetries, int cases = 2)
    {
        var rows = new[]
        {
            "c-1,When is the shop open?,\"The shop is open from 9:00 to 17:00, Monday to Friday.\",9:00-17:00 on weekdays.,answer,,",
            "c-2,How long is the footbridge?,The footbridge is 1.2 km long. It opened in 2019.,It is 1.2 km long.,answer,,",
        };
        File.WriteAllText(
            Path.Combine(folder, "cases.csv"),
            "id,question,context,reference,expected_behavior,must_not_contain,tags\n" + string.Join("\n", rows.Take(cases)) + "\n");
        Directory.CreateDirectory(Path.Combine(folder, "prompts"));
        File.WriteAllText(Path.Combine(folder, "prompts", "p1.scriban"), """
            ### system
            Answer from the context.
            ### user
            {{ for passage in context }}[{{ for.index + 1 }}] {{ passage }}
            {{ end }}
            Question: {{ question }}
            """);
        var path = Path.Combine(folder, "llmeval.json");
        File.WriteAllText(path, $$"""
            {
              "name": "target-test",
              "datasets": [{ "name": "cases", "path": "cases.csv" }],
              "prompts": { "directory": "prompts", "versions": ["p1"] },
              "targets": [
                { "name": "offline", "kind": "offline" },
                { "name": "live", "kind": "openai", "model": "target-model",
                  "price": { "inputPerMillion": 2.00, "cachedInputPerMillion": 0.50, "outputPerMillion": 8.00 } }
              ],
              "evaluators": ["groundedness", "cost", "latency"],
              "gate": { "rules": [] },
              "run": { "concurrency": 2, "timeoutSeconds": 30, "maxRetries": {{maxRetries}} }
            }
            """);
        return path;
    }
}
