using System.Globalization;
using LlmEval.Evaluation.Embeddings;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.AI.Evaluation;

namespace LlmEval.Evaluation.Offline;

/// <summary>
/// Correctness against the case's reference answer: <c>exact_match</c> and <c>token_f1</c> (SQuAD normalisation),
/// <c>rouge_l</c> (Lin 2004 LCS F-measure), <c>bleu</c> (sentence BLEU-4, Chen and Cherry smoothing method 1) and
/// <c>semantic_similarity</c> (MiniLM cosine, negatives clamped to 0). See <see cref="ReferenceMetrics"/> for the
/// exact tokenisation of each. Every metric is not applicable when the case has no reference; an empty answer
/// scores 0.
/// </summary>
/// <remarks>
/// The registry creates one instance per metric so that a suite pays only for what it lists: the embedding model is
/// loaded only when <c>semantic_similarity</c> is asked for.
/// </remarks>
public sealed class CorrectnessEvaluator : IEvaluator
{
    public const string ExactMatchMetric = "exact_match";
    public const string TokenF1Metric = "token_f1";
    public const string RougeLMetric = "rouge_l";
    public const string BleuMetric = "bleu";
    public const string SemanticSimilarityMetric = "semantic_similarity";

    public static readonly IReadOnlyList<string> AllMetrics =
        [ExactMatchMetric, TokenF1Metric, RougeLMetric, BleuMetric, SemanticSimilarityMetric];

    private readonly Func<CachedEmbedder>? embedder;
    private readonly IReadOnlyList<string> metrics;

    /// <param name="embedder">Gives the embedder on first use; needed only for <c>semantic_similarity</c>.</param>
    /// <param name="metrics">The metrics to produce; all five when empty.</param>
    public CorrectnessEvaluator(Func<CachedEmbedder>? embedder, params string[] metrics)
    {
        this.embedder = embedder;
        this.metrics = metrics.Length == 0 ? AllMetrics : metrics;
        var unknown = this.metrics.Except(AllMetrics, StringComparer.Ordinal).ToList();
        if (unknown.Count > 0)
        {
            throw new ArgumentException($"unknown correctness metric(s): {string.Join(", ", unknown)}", nameof(metrics));
        }
    }

    public IReadOnlyCollection<string> EvaluationMetricNames => [.. metrics];

    public async ValueTask<EvaluationResult> EvaluateAsync(
        IEnumerable<ChatMessage> messages,
        ChatResponse modelResponse,
        ChatConfiguration? chatConfiguration = null,
        IEnumerable<EvaluationContext>? additionalContext = null,
        CancellationToken cancellationToken = default)
    {
        var reference = additionalContext.Find<GoldenCaseContext>()?.Case.Reference;
        var answer = modelResponse.Text ?? "";
        var results = new List<EvaluationMetric>();
        foreach (var name in metrics)
        {
            var metric = new NumericMetric(name);
            if (string.IsNullOrWhiteSpace(reference))
            {
                results.Add(MetricMarks.NotApplicable(metric, "the case has no reference answer"));
                continue;
            }

            if (string.IsNullOrWhiteSpace(answer))
            {
                metric.Value = 0;
                metric.Reason = "empty response";
                results.Add(metric);
                continue;
            }

            if (name == SemanticSimilarityMetric && embedder is null)
            {
                results.Add(MetricMarks.Error(metric, "semantic similarity needs the embedding model, and none was given"));
                continue;
            }

            metric.Value = name switch
            {
                ExactMatchMetric => ReferenceMetrics.ExactMatch(answer, reference),
                TokenF1Metric => ReferenceMetrics.TokenF1(answer, reference),
                RougeLMetric => ReferenceMetrics.RougeL(answer, reference),
                BleuMetric => ReferenceMetrics.Bleu(answer, reference),
                _ => await SimilarityAsync(answer, reference, cancellationToken).ConfigureAwait(false),
            };
            metric.Reason = string.Create(CultureInfo.InvariantCulture, $"{name} {metric.Value:0.###} against the reference");
            results.Add(metric);
        }

        return new EvaluationResult(results);
    }

    private async Task<double> SimilarityAsync(string answer, string reference, CancellationToken cancellationToken)
    {
        var vectors = await embedder!().EmbedAsync([answer, reference], cancellationToken).ConfigureAwait(false);
        return Math.Max(0, CachedEmbedder.Cosine(vectors[0], vectors[1]));
    }
}
