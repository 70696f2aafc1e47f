using LlmEval.Configuration;
using LlmEval.Gating;
using LlmEval.Storage;

namespace LlmEval.Tests.Gating;

public sealed class GateTests
{
    [Fact]
    public void Evaluate_AllRulesMet_PassesWithoutBreaches()
    {
        var config = new GateConfig
        {
            Rules =
            [
                new GateRuleConfig { Metric = "relevance", MinMean = 0.5, MinPassRate = 0.8, MaxFailures = 1 },
            ],
        };

        var verdict = Gate.Evaluate(config, [Cell("relevance", mean: 0.7, pass: 9, fail: 1)], callErrors: 0);

        Assert.True(verdict.Passed);
        Assert.Empty(verdict.Breaches);
        // The configured rule, plus the standing rule that error outcomes fail closed.
        Assert.Equal(2, verdict.RulesChecked);
        Assert.Equal(verdict.Rules.Count, verdict.RulesChecked);
    }

    [Fact]
    public void Evaluate_MeanBelowMinimum_OneSentence()
    {
        var config = new GateConfig { Rules = [new GateRuleConfig { Metric = "relevance", MinMean = 0.5 }] };

        var verdict = Gate.Evaluate(config, [Cell("relevance", mean: 0.4, pass: 4, fail: 6)], callErrors: 0);

        Assert.False(verdict.Passed);
        var breach = Assert.Single(verdict.Breaches);
        Assert.Equal("Mean relevance for offline × v1 is 0.4, below the minimum 0.5.", breach);
    }

    [Fact]
    public void Evaluate_PassRateBelowMinimum_OneSentence()
    {
        var config = new GateConfig { Rules = [new GateRuleConfig { Metric = "relevance", MinPassRate = 0.8 }] };

        var verdict = Gate.Evaluate(config, [Cell("relevance", mean: 0.9, pass: 1, fail: 1)], callErrors: 0);

        Assert.False(verdict.Passed);
        var breach = Assert.Single(verdict.Breaches);
        Assert.StartsWith("Pass rate relevance for offline × v1 is 50.0", breach, StringComparison.Ordinal);
        Assert.Contains("(1/2), below the minimum 80", breach, StringComparison.Ordinal);
        AssertOneSentence(breach);
    }

    [Fact]
    public void Evaluate_TooManyFailures_OneSentence()
    {
        var config = new GateConfig { Rules = [new GateRuleConfig { Metric = "safety", MaxFailures = 0 }] };

        var verdict = Gate.Evaluate(config, [Cell("safety", mean: 0.8, pass: 8, fail: 2)], callErrors: 0);

        Assert.False(verdict.Passed);
        var breach = Assert.Single(verdict.Breaches);
        Assert.Equal("2 failing case(s) in safety for offline × v1, more than the 0 allowed.", breach);
    }

    [Fact]
    public void Evaluate_ErrorOutcomes_FailClosed()
    {
        var verdict = Gate.Evaluate(new GateConfig(), [Cell("groundedness", mean: 0.9, pass: 9, fail: 0, errors: 1)], callErrors: 0);

        Assert.False(verdict.Passed);
        var breach = Assert.Single(verdict.Breaches);
        Assert.Contains("1 error outcome(s) in groundedness", breach, StringComparison.Ordinal);
        Assert.Contains("gate.allowErrors", breach, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_ErrorOutcomesAllowed_Passes()
    {
        var config = new GateConfig { AllowErrors = true };

        var verdict = Gate.Evaluate(config, [Cell("groundedness", mean: 0.9, pass: 9, fail: 0, errors: 1)], callErrors: 0);

        Assert.True(verdict.Passed);
        Assert.Empty(verdict.Breaches);
    }

    [Fact]
    public void Evaluate_RuleMatchingNothing_IsABreach()
    {
        var config = new GateConfig
        {
            Rules = [new GateRuleConfig { Metric = "relevance", PromptVersions = ["v9"], MinMean = 0.1 }],
        };

        var verdict = Gate.Evaluate(config, [Cell("relevance", mean: 0.9, pass: 10, fail: 0)], callErrors: 0);

        Assert.False(verdict.Passed);
        var breach = Assert.Single(verdict.Breaches);
        Assert.Contains("matched no results", breach, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_NothingScored_MinMeanBreachSaysNotComputed()
    {
        var config = new GateConfig { Rules = [new GateRuleConfig { Metric = "groundedness", MinMean = 0.7 }] };
        var cell = new MetricCell { Target = "offline", PromptVersion = "v1", Metric = "groundedness", NotApplicable = 3 };

        var verdict = Gate.Evaluate(config, [cell], callErrors: 0);

        var breach = Assert.Single(verdict.Breaches);
        Assert.Contains("could not be computed (no scored rows)", breach, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_RuleScopedToOtherTarget_LeavesThisTargetAlone()
    {
        var config = new GateConfig
        {
            Rules = [new GateRuleConfig { Metric = "safety", Targets = ["live"], MaxFailures = 0 }],
        };
        MetricCell[] cells = [Cell("safety", 0.5, pass: 1, fail: 1), Cell("safety", 1, pass: 2, fail: 0, target: "live")];

        var verdict = Gate.Evaluate(config, cells, callErrors: 0);

        Assert.True(verdict.Passed);
    }

    private static void AssertOneSentence(string breach)
    {
        Assert.EndsWith(".", breach, StringComparison.Ordinal);
        Assert.DoesNotContain(". ", breach.TrimEnd('.'), StringComparison.Ordinal);
    }

    private static MetricCell Cell(string metric, double mean, int pass, int fail, int errors = 0, string target = "offline")
    {
        var n = pass + fail + errors;
        return new MetricCell
        {
            Target = target,
            PromptVersion = "v1",
            Metric = metric,
            Mean = mean,
            Pass = pass,
            Fail = fail,
            Errors = errors,
            N = n,
            PassRate = n > 0 ? pass / (double)n : null,
        };
    }
}
