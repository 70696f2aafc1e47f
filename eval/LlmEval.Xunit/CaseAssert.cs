using System.Globalization;
using System.Text;
using LlmEval.Configuration;
using LlmEval.Storage;
using Xunit;

namespace LlmEval.Xunit;

/// <summary>Assertions on a case result whose failure message shows the response, every score and its reason.</summary>
public static class CaseAssert
{
    /// <summary>
    /// Fails when the target call failed, or when a metric the suite asserts per case (tests.failOn; every metric
    /// with a threshold when empty) has a fail or error outcome.
    /// </summary>
    public static void MeetsThresholds(CaseResult result, SuiteConfig suite)
    {
        var failing = CaseVerdict.TestFailures(result, suite.Tests);
        if (result.Error is null && failing.Count == 0)
        {
            return;
        }

        var message = new StringBuilder();
        message.AppendLine(CultureInfo.InvariantCulture, $"Case {result.Dataset}/{result.CaseId} on {result.Target} × {result.PromptVersion} failed: {string.Join(", ", failing.Select(m => m.Name))}{(result.Error is null ? "" : " (target call failed)")}");
        message.AppendLine(Describe(result));
        Assert.Fail(message.ToString());
    }

    /// <summary>The question, response and every metric with its outcome and reason.</summary>
    public static string Describe(CaseResult result)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"Question: {result.Question}");
        text.AppendLine(CultureInfo.InvariantCulture, $"Response: {(result.Error is null ? result.Response : "(none: " + result.Error + ")")}");
        foreach (var metric in result.Metrics)
        {
            var value = metric.Value is { } v ? v.ToString("0.###", CultureInfo.InvariantCulture) : "-";
            var threshold = metric.Threshold is { } t ? t.ToString("0.###", CultureInfo.InvariantCulture) : "none";
            text.AppendLine(CultureInfo.InvariantCulture, $"  {metric.Name,-14} {value,8}  {metric.Outcome,-15} threshold {threshold,-6} {metric.Reason}");
        }

        return text.ToString();
    }
}
