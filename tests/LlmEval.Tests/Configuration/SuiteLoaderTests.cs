using LlmEval.Configuration;
using LlmEval.Datasets;
using LlmEval.Tests.Support;

namespace LlmEval.Tests.Configuration;

public sealed class SuiteLoaderTests : IDisposable
{
    private readonly TempDirectory directory = new();

    public void Dispose() => directory.Dispose();

    [Fact]
    public void Load_TinySuite_PathsResolvedAgainstSuiteFolder()
    {
        var suite = SuiteLoader.Load(TinySuite.Write(directory));

        Assert.Equal(directory.PathOf("data.csv"), suite.Resolve(suite.Datasets[0].Path));
        Assert.Equal(0, suite.Run.MaxRetries);
    }

    [Fact]
    public void Load_ZeroTimeout_RejectedNamingTheSetting()
    {
        var path = directory.WriteText("suite.json", SuiteJson("\"run\": { \"timeoutSeconds\": 0, \"maxRetries\": -1 }"));

        var ex = Assert.Throws<InvalidInputException>(() => SuiteLoader.Load(path));

        Assert.Contains("run.timeoutSeconds: must be at least 1", ex.Message, StringComparison.Ordinal);
        Assert.Contains("run.maxRetries: must be 0 (no retry) or more", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_UnknownSetting_RejectedWithLine()
    {
        var path = directory.WriteText("suite.json", SuiteJson("\"concurency\": 4"));

        var ex = Assert.Throws<InvalidInputException>(() => SuiteLoader.Load(path));

        Assert.StartsWith(path + ":", ex.Message, StringComparison.Ordinal);
        Assert.Contains("concurency", ex.Message, StringComparison.Ordinal);
    }

    private static string SuiteJson(string extra) =>
        $$"""
        {
          "datasets": [{ "name": "d", "path": "data.csv" }],
          "prompts": { "versions": ["v1"] },
          "targets": [{ "name": "offline", "kind": "offline" }],
          {{extra}}
        }
        """;
}
