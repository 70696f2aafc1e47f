using LlmEval.Configuration;

namespace LlmEval.Storage;

/// <summary>Whether a case result fails as a test (under dotnet test and in JUnit), by the suite's tests.failOn.</summary>
public static class CaseVerdict
{
    /// <summary>
    /// The metrics that make the case fail as a test: those listed in <c>tests.failOn</c> (every metric with a
    /// threshold when the list is empty) whose outcome is fail or error.
    /// </summary>
    public static IReadOnlyList<MetricResult> TestFailures(CaseResult result, TestsConfig tests)
    {
        var asserted = tests.FailOn.Count > 0
            ? result.Metrics.Where(m => tests.FailOn.Contains(m.Name, StringComparer.OrdinalIgnoreCase))
            : result.Metrics.Where(m => m.Threshold is not null);
        return asserted.Where(m => m.Outcome is "fail" or "error").ToList();
    }

    /// <summary>True when the case fails as a test: its target call failed, or an asserted metric failed.</summary>
    public static bool FailsTest(CaseResult result, TestsConfig tests) =>
        result.Error is not null || TestFailures(result, tests).Count > 0;
}
