using System.Globalization;
using LlmEval.Evaluation.Embeddings;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.AI.Evaluation;

namespace LlmEval.Evaluation.Offline;

/// <summary>
/// Relevance: semantic similarity (MiniLM cosine, negatives clamped to 0) of the answer to the question and,
/// when the case has one, to the reference answer; the score is their mean. An empty answer scores 0 without
/// any model call (C03).
/// </summary>
public sealed class RelevanceEvaluator(CachedEmbedder embedder) : IEvaluator, IKnowsTextsToEmbed
{
    public const string MetricName = "relevance";

    public IReadOnlyCollection<string> EvaluationMetricNames => [MetricName];

    public async ValueTask<EvaluationResult> EvaluateAsync(
        IEnumerable<ChatMessage> messages,
        ChatResponse modelResponse,
        ChatConfiguration? chatConfiguration = null,
        IEnumerable<EvaluationContext>? additionalContext = null,
        CancellationToken cancellationToken = default)
    {
        var metric = new NumericMetric(MetricName);
        var answer = modelResponse.Text;
        if (string.IsNullOrWhiteSpace(answer))
        {
            metric.Value = 0;
            metric.Reason = "empty response";
            return new EvaluationResult(metric);
        }

        var goldenCase = additionalContext.Find<GoldenCaseContext>()?.Case;
        var question = goldenCase?.Question ?? LastUserText(messages);
        if (string.IsNullOrWhiteSpace(question))
        {
            return new EvaluationResult(MetricMarks.Error(metric, "no question to compare the answer with"));
        }

        var texts = new List<string> { answer, question };
        if (goldenCase?.Reference is { } reference)
        {
            texts.Add(reference);
        }

        var vectors = await embedder.EmbedAsync(texts, cancellationToken).ConfigureAwait(false);
        var toQuestion = Math.Max(0, CachedEmbedder.Cosine(vectors[0], vectors[1]));
        if (vectors.Count == 2)
        {
            metric.Value = toQuestion;
            metric.Reason = string.Create(CultureInfo.InvariantCulture, $"similarity to the question {toQuestion:0.00} (no reference)");
            return new EvaluationResult(metric);
        }

        var toReference = Math.Max(0, CachedEmbedder.Cosine(vectors[0], vectors[2]));
        metric.Value = (toQuestion + toReference) / 2;
        metric.Reason = string.Create(
            CultureInfo.InvariantCulture,
            $"similarity to the question {toQuestion:0.00}, to the reference {toReference:0.00}");
        return new EvaluationResult(metric);
    }

    public IEnumerable<string> TextsToEmbedBeforehand(Datasets.GoldenCase goldenCase) =>
        goldenCase.Reference is { } reference ? [goldenCase.Question, reference] : [goldenCase.Question];

    private static string LastUserText(IEnumerable<ChatMessage> messages) =>
        messages.LastOrDefault(m => m.Role == ChatRole.User)?.Text ?? "";
}
