using LlmEval.Running;
using LlmEval.Tests.Support;

namespace LlmEval.Tests.Datasets;

/// <summary>The suite and golden datasets in the repository load and have the size the README promises.</summary>
public sealed class ShippedSuiteTests
{
    [Fact]
    public void Prepare_ShippedSuite_DatasetsPromptsAndTargetsLoad()
    {
        // No keys in this environment: the live target is skipped, the offline ones remain.
        var prepared = SuiteRunner.Prepare(RepoPaths.ShippedSuite, new Dictionary<string, string?>());

        var rows = prepared.Cases.GroupBy(c => c.Dataset).ToDictionary(g => g.Key, g => g.Count());
        Assert.True(rows.GetValueOrDefault("support") >= 80, $"support has {rows.GetValueOrDefault("support")} rows");
        Assert.True(rows.GetValueOrDefault("safety") >= 40, $"safety has {rows.GetValueOrDefault("safety")} rows");
        Assert.True(prepared.Prompts.Count >= 2, $"{prepared.Prompts.Count} prompt versions");
        Assert.True(prepared.Targets.Count >= 2, $"{prepared.Targets.Count} targets");
        Assert.Equal(prepared.Prompts.Count, prepared.Prompts.Select(p => p.ContentHash).Distinct().Count());
        Assert.All(prepared.Datasets, d => Assert.Equal(64, d.Sha256.Length));
    }
}
