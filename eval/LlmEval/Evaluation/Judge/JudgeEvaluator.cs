using System.Diagnostics;
using System.Globalization;
using System.Text;
using LlmEval.Evaluation.Cost;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.AI.Evaluation;

namespace LlmEval.Evaluation.Judge;

/// <summary>
/// Shared machinery of the LLM-judge evaluators: render the rubric, ask the judge (the chat client of the
/// <see cref="ChatConfiguration"/> given to <c>EvaluateAsync</c>) <see cref="JudgeOptions.Samples"/> times,
/// parse each reply, aggregate, and record the judge's tokens, latency and cost in the metric's metadata.
/// </summary>
/// <remarks>
/// Problems are data, never exceptions: no chat client, a failed or timed-out judge call, or any reply that is
/// not in the rubric's format makes the metric an error whose diagnostic keeps the raw replies (fail closed).
/// Scores are on the rubric's 1-5 scale; a value outside it can never be produced.
/// </remarks>
public abstract class JudgeEvaluator : IEvaluator
{
    public const double MinimumScore = 1;
    public const double MaximumScore = 5;

    /// <summary>Raw replies longer than this are cut in diagnostics (the cut is marked).</summary>
    private const int MaxRawReplyChars = 4000;

    private readonly Lazy<JudgeRubric> rubric;
    private readonly string metricName;

    protected JudgeEvaluator(string metricName, string rubricName, JudgeOptions? options)
    {
        this.metricName = metricName;
        Options = options ?? new JudgeOptions();
        rubric = new Lazy<JudgeRubric>(() => JudgeRubric.Load(rubricName));
    }

    public JudgeOptions Options { get; }

    public JudgeRubric Rubric => rubric.Value;

    public IReadOnlyCollection<string> EvaluationMetricNames => [metricName];

    public async ValueTask<EvaluationResult> EvaluateAsync(
        IEnumerable<ChatMessage> messages,
        ChatResponse modelResponse,
        ChatConfiguration? chatConfiguration = null,
        IEnumerable<EvaluationContext>? additionalContext = null,
        CancellationToken cancellationToken = default)
    {
        var metric = new NumericMetric(metricName);
        var input = Prepare(messages, modelResponse, additionalContext?.ToList() ?? [], metric);
        if (input is null)
        {
            // Prepare decided without the judge (empty response, no context, ...): no call, no cost.
            return new EvaluationResult(metric);
        }

        if (chatConfiguration?.ChatClient is not { } client)
        {
            return new EvaluationResult(MetricMarks.Error(metric, "no judge model to ask: " + Options.ClientHint));
        }

        var judgeMessages = Rubric.Render(input);
        metric.AddOrUpdateMetadata("judge_rubric", $"{Rubric.Name}@{Rubric.Hash}");
        if (Options.Model is { } model)
        {
            metric.AddOrUpdateMetadata("judge_model", model);
        }

        await AskAsync(client, judgeMessages, metric, cancellationToken).ConfigureAwait(false);
        return new EvaluationResult(metric);
    }

    /// <summary>
    /// Returns the rubric's variables, or null after deciding the metric without the judge (set its value, or
    /// mark it not applicable or an error).
    /// </summary>
    protected abstract IReadOnlyDictionary<string, object?>? Prepare(
        IEnumerable<ChatMessage> messages,
        ChatResponse modelResponse,
        IReadOnlyList<EvaluationContext> contexts,
        NumericMetric metric);

    /// <summary>The question: the golden case's, else the last user message sent to the target.</summary>
    protected static string Question(IEnumerable<ChatMessage> messages, GoldenCaseContext? goldenCase) =>
        goldenCase?.Case.Question ?? messages.LastOrDefault(m => m.Role == ChatRole.User)?.Text ?? "";

    private async Task AskAsync(
        IChatClient client,
        IReadOnlyList<ChatMessage> judgeMessages,
        NumericMetric metric,
        CancellationToken cancellationToken)
    {
        var samples = Math.Max(1, Options.Samples);
        var usage = new TokenUsage();
        var replies = new List<string>();
        var verdicts = new List<JudgeVerdict>();
        var stopwatch = Stopwatch.StartNew();
        var calls = 0;
        string? failure = null;

        for (var i = 0; i < samples && failure is null; i++)
        {
            calls++;
            var (reply, callFailure) = await CallAsync(client, judgeMessages, usage, cancellationToken).ConfigureAwait(false);
            if (callFailure is not null)
            {
                failure = callFailure;
                break;
            }

            replies.Add(reply!);
            var verdict = JudgeReplyParser.Parse(reply, MinimumScore, MaximumScore);
            verdicts.Add(verdict);
            if (!verdict.IsValid)
            {
                failure = $"unparseable judge reply ({verdict.Problem})";
            }
        }

        var cost = CostCalculator.CostUsd(usage, Options.Price);
        JudgeUsage.Record(metric, usage, stopwatch.Elapsed, cost, calls);
        metric.AddOrUpdateMetadata("judge_samples", samples.ToString(CultureInfo.InvariantCulture));

        if (failure is not null)
        {
            var message = replies.Count == 0 ? failure : failure + "; " + RawReplies(replies);
            MetricMarks.Error(metric, message);
            return;
        }

        Aggregate(metric, verdicts);
    }

    /// <summary>One judge call; returns the reply text or why the call failed. Usage is added as it comes.</summary>
    private async Task<(string? Reply, string? Failure)> CallAsync(
        IChatClient client,
        IReadOnlyList<ChatMessage> judgeMessages,
        TokenUsage usage,
        CancellationToken cancellationToken)
    {
        var options = new ChatOptions { ModelId = Options.Model };
        if (Options.MaxOutputTokens is { } cap)
        {
            options.MaxOutputTokens = Math.Max(cap, Configuration.JudgeConfig.MinimumOutputTokens);
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Options.Timeout);
        try
        {
            var response = await client.GetResponseAsync(judgeMessages, options, timeout.Token).ConfigureAwait(false);
            if (TokenUsage.FromUsageDetails(response.Usage) is { } used)
            {
                usage.InputTokens += used.InputTokens;
                usage.CachedInputTokens += used.CachedInputTokens;
                usage.OutputTokens += used.OutputTokens;
                usage.ReasoningTokens += used.ReasoningTokens;
            }

            return (response.Text ?? "", null);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (null, string.Create(
                CultureInfo.InvariantCulture,
                $"judge call failed: no reply within {Options.Timeout.TotalSeconds:0} s (raise judge.timeoutSeconds)"));
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The chat client has already retried what it retries (the OpenAI client: 408, 429, 5xx).
            return (null, "judge call failed: " + Describe(ex));
        }
    }

    private void Aggregate(NumericMetric metric, List<JudgeVerdict> verdicts)
    {
        var scores = verdicts.Select(v => v.Score!.Value).ToList();
        var reason = verdicts.Select(v => v.Reason).FirstOrDefault(r => !string.IsNullOrWhiteSpace(r))
            ?? "the judge gave no reason";
        if (scores.Count == 1)
        {
            metric.Value = scores[0];
            metric.Reason = "judge: " + reason;
            return;
        }

        var value = Options.Aggregate == JudgeAggregate.Majority ? Majority(scores) : scores.Average();
        var mean = scores.Average();
        var stdev = Math.Sqrt(scores.Sum(s => (s - mean) * (s - mean)) / (scores.Count - 1));
        var list = string.Join(", ", scores.Select(s => s.ToString("0.##", CultureInfo.InvariantCulture)));
        var aggregate = Options.Aggregate == JudgeAggregate.Majority ? "majority" : "mean";
        metric.Value = value;
        metric.Reason = string.Create(
            CultureInfo.InvariantCulture,
            $"{aggregate} of {scores.Count} judge samples {value:0.##} (scores {list}; min {scores.Min():0.##}, "
            + $"max {scores.Max():0.##}, stdev {stdev:0.##}); judge: {reason}");
        metric.AddOrUpdateMetadata("judge_aggregate", aggregate);
        metric.AddOrUpdateMetadata("judge_scores", list);
        metric.AddOrUpdateMetadata("judge_score_min", scores.Min().ToString("0.##", CultureInfo.InvariantCulture));
        metric.AddOrUpdateMetadata("judge_score_max", scores.Max().ToString("0.##", CultureInfo.InvariantCulture));
        metric.AddOrUpdateMetadata("judge_score_stdev", stdev.ToString("0.###", CultureInfo.InvariantCulture));
    }

    /// <summary>The most frequent whole score; a tie takes the lowest of the tied scores.</summary>
    private static double Majority(List<double> scores) =>
        scores.Select(s => Math.Round(s, MidpointRounding.AwayFromZero))
            .GroupBy(s => s)
            .OrderByDescending(g => g.Count())
            .ThenBy(g => g.Key)
            .First().Key;

    private static string RawReplies(List<string> replies)
    {
        if (replies.Count == 1)
        {
            return "raw judge reply: " + Quote(replies[0]);
        }

        var text = new StringBuilder("raw judge replies:");
        for (var i = 0; i < replies.Count; i++)
        {
            text.Append(CultureInfo.InvariantCulture, $" [{i + 1}] {Quote(replies[i])}");
        }

        return text.ToString();
    }

    private static string Quote(string reply) =>
        reply.Length <= MaxRawReplyChars
            ? "\"" + reply + "\""
            : string.Create(CultureInfo.InvariantCulture, $"\"{reply[..MaxRawReplyChars]}\" (cut; {reply.Length} characters in all)");

    /// <summary>The failure in one line: the status for HTTP errors, never the response body or headers.</summary>
    private static string Describe(Exception exception)
    {
        var line = exception.Message.Split('\n', 2)[0].Trim();
        line = line.Length <= 300 ? line : line[..300] + "...";
        return exception is System.ClientModel.ClientResultException { Status: > 0 } http && !line.Contains(
            http.Status.ToString(CultureInfo.InvariantCulture),
            StringComparison.Ordinal)
            ? string.Create(CultureInfo.InvariantCulture, $"HTTP {http.Status}: {line}")
            : $"{exception.GetType().Name}: {line}";
    }
}
