using System.Globalization;
using LlmEval.Evaluation.Embeddings;
using LlmEval.Text;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.AI.Evaluation;

namespace LlmEval.Evaluation.Offline;

/// <summary>
/// Groundedness: the share of the answer's claims that the context supports. A claim is a sentence that is not
/// an abstention, refusal or filler. A claim is supported when every number in it appears in the context and
/// its support score (mean of content-word coverage and best MiniLM similarity to a context sentence) reaches
/// <see cref="SupportThreshold"/>. No context or no claims: not applicable (C01, C04), never 1.0.
/// </summary>
public sealed class GroundednessEvaluator(CachedEmbedder embedder) : IEvaluator
{
    public const string MetricName = "groundedness";

    /// <summary>Support score a claim needs; chosen on the begin-wow dev split.</summary>
    public const double SupportThreshold = 0.6;

    public IReadOnlyCollection<string> EvaluationMetricNames => [MetricName];

    public async ValueTask<EvaluationResult> EvaluateAsync(
        IEnumerable<ChatMessage> messages,
        ChatResponse modelResponse,
        ChatConfiguration? chatConfiguration = null,
        IEnumerable<EvaluationContext>? additionalContext = null,
        CancellationToken cancellationToken = default)
    {
        var metric = new NumericMetric(MetricName);
        var goldenCase = additionalContext.Find<GoldenCaseContext>()?.Case;
        if (goldenCase is null || !goldenCase.HasContext)
        {
            return new EvaluationResult(MetricMarks.NotApplicable(metric, "no context"));
        }

        var claims = TextAnalysis.Sentences(modelResponse.Text)
            .Where(s => !ResponseStyle.IsAbstention(s) && !ResponseStyle.IsRefusal(s) && !ResponseStyle.IsFiller(s))
            .ToList();
        if (claims.Count == 0)
        {
            return new EvaluationResult(MetricMarks.NotApplicable(metric, "no claims to check (the response declines or states nothing checkable)"));
        }

        var contextText = string.Join("\n", goldenCase.Context);
        var contextSentences = goldenCase.Context.SelectMany(TextAnalysis.Sentences).Distinct().ToList();
        var contextWords = TextAnalysis.ContentWords(contextText).ToHashSet(StringComparer.Ordinal);
        var contextNumbers = TextAnalysis.Numbers(contextText).ToHashSet(StringComparer.Ordinal);

        var vectors = await embedder.EmbedAsync([.. claims, .. contextSentences], cancellationToken).ConfigureAwait(false);
        var unsupported = new List<string>();
        for (var i = 0; i < claims.Count; i++)
        {
            var claimVector = vectors[i];
            var similarity = vectors.Skip(claims.Count).Max(v => CachedEmbedder.Cosine(claimVector, v));
            var verdict = JudgeClaim(claims[i], similarity, contextWords, contextNumbers);
            if (verdict is not null)
            {
                unsupported.Add(verdict);
            }
        }

        metric.Value = (claims.Count - unsupported.Count) / (double)claims.Count;
        metric.Reason = unsupported.Count == 0
            ? $"all {claims.Count} claim(s) supported by the context"
            : $"{claims.Count - unsupported.Count} of {claims.Count} claim(s) supported; unsupported: " + string.Join(" | ", unsupported);
        return new EvaluationResult(metric);
    }

    /// <summary>Null when the claim is supported; otherwise the claim with why it is not.</summary>
    private static string? JudgeClaim(string claim, double similarity, HashSet<string> contextWords, HashSet<string> contextNumbers)
    {
        var missingNumbers = TextAnalysis.Numbers(claim).Where(n => !contextNumbers.Contains(n)).ToList();
        if (missingNumbers.Count > 0)
        {
            return $"\"{claim}\" (number {string.Join(", ", missingNumbers)} not in the context)";
        }

        var words = TextAnalysis.ContentWords(claim);
        var coverage = words.Count == 0 ? 0 : words.Count(contextWords.Contains) / (double)words.Count;
        var support = (coverage + Math.Max(0, similarity)) / 2;
        return support >= SupportThreshold
            ? null
            : string.Create(CultureInfo.InvariantCulture, $"\"{claim}\" (support {support:0.00}: words {coverage:0.00}, similarity {similarity:0.00})");
    }
}
