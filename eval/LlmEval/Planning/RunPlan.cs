using LlmEval.Datasets;
using LlmEval.Prompts;
using LlmEval.Targets;

namespace LlmEval.Planning;

/// <summary>One call to make: a case rendered with a prompt version, sent to a target.</summary>
public sealed record PlannedCall(GoldenCase Case, Target Target, PromptVersion Prompt, int Repeat);

/// <summary>The matrix: targets × prompt versions × repeats × cases, in a stable order.</summary>
public sealed class RunPlan
{
    public required IReadOnlyList<GoldenCase> Cases { get; init; }

    public required IReadOnlyList<Target> Targets { get; init; }

    public required IReadOnlyList<PromptVersion> Prompts { get; init; }

    public required int Repeats { get; init; }

    /// <summary>Every call, skipping the cases a target does not cover (a replay target only has its recordings).</summary>
    public IEnumerable<PlannedCall> Calls()
    {
        foreach (var target in Targets)
        {
            foreach (var prompt in Prompts)
            {
                for (var repeat = 0; repeat < Repeats; repeat++)
                {
                    foreach (var goldenCase in Cases.Where(target.Covers))
                    {
                        yield return new PlannedCall(goldenCase, target, prompt, repeat);
                    }
                }
            }
        }
    }

    public int Count => Calls().Count();
}
