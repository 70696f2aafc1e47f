using System.Globalization;
using System.Text.RegularExpressions;
using LlmEval.Evaluation.Embeddings;
using LlmEval.Text;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.AI.Evaluation;

namespace LlmEval.Evaluation.Offline;

/// <summary>How well the context supports one claim of the answer.</summary>
/// <param name="Claim">The claim (a sentence or clause of the answer).</param>
/// <param name="Support">Combined support in [0, 1]; the claim is supported at <see cref="GroundednessEvaluator.SupportThreshold"/> or above.</param>
/// <param name="WordCoverage">Share of the claim's words (all words) found in the context.</param>
/// <param name="ContentCoverage">Share of the claim's content words (stop words left out, light stemming) found in the context.</param>
/// <param name="Similarity">Best MiniLM cosine similarity of the claim to one context sentence (negatives clamped to 0).</param>
/// <param name="Missing">Numbers and names in the claim that the context does not contain.</param>
/// <param name="Personal">First- and second-person words: the speaker's own opinions or experiences, which no context supports.</param>
public sealed record ClaimSupport(
    string Claim,
    double Support,
    double WordCoverage,
    double ContentCoverage,
    double Similarity,
    IReadOnlyList<string> Missing,
    int Personal)
{
    public bool Supported => Support >= GroundednessEvaluator.SupportThreshold;
}

/// <summary>Weights of a claim's support score; the defaults were chosen on the development splits only.</summary>
public sealed record GroundednessOptions
{
    public double WordCoverageWeight { get; init; } = 0.7;

    public double ContentCoverageWeight { get; init; } = 0.2;

    /// <summary>
    /// On BEGIN and HaluEval dev, MiniLM similarity added nothing over word coverage (weight 0 was best, 0.1 cost
    /// 0.001 AUC); a small weight is kept so that a paraphrase, which these extractive sets rarely contain, still
    /// earns some support.
    /// </summary>
    public double SimilarityWeight { get; init; } = 0.1;

    /// <summary>Subtracted per first- or second-person word, for at most three of them.</summary>
    public double PersonalPenalty { get; init; } = 0.15;

    /// <summary>Subtracted per content word of the claim that the context lacks, for at most five of them.</summary>
    public double MissingWordPenalty { get; init; } = 0.04;

    /// <summary>The most support a claim can have when a number or name in it is missing from the context.</summary>
    public double MissingCap { get; init; } = 0.3;
}

/// <summary>The claims of an answer with their support; <see cref="Score"/> is the groundedness metric.</summary>
public sealed record GroundednessAnalysis(IReadOnlyList<ClaimSupport> Claims)
{
    /// <summary>Share of claims supported (the metric's value).</summary>
    public double Score => Claims.Count(c => c.Supported) / (double)Claims.Count;

    /// <summary>The weakest claim's support: a continuous score for ranking answers (used for ROC AUC).</summary>
    public double MinSupport => Claims.Min(c => c.Support);

    public double MeanSupport => Claims.Average(c => c.Support);
}

/// <summary>
/// Groundedness: the share of the answer's claims that the context supports, with the unsupported claims listed in
/// the reason.
/// </summary>
/// <remarks>
/// <para>Claims are the answer's sentences, further split at semicolons and at clause breaks (", but", ", and" before
/// a new subject is not detected; the split is purely lexical). Sentences that abstain, refuse or carry no content
/// word (greetings, "sure!") are not claims.</para>
/// <para>A claim's support combines, with weights chosen on the development splits of BEGIN (Wizard of Wikipedia)
/// and HaluEval QA only: the share of its words found in the context (all words, so that "I", "my", "you" which
/// no knowledge passage contains count against it), the share of its content words found, and its best MiniLM
/// similarity to one context sentence; minus a penalty per first- or second-person word (a personal opinion or
/// experience is not attributable); a number, year or capitalised name absent from the context caps the support
/// below the threshold.</para>
/// <para>Context passages joined without a space ("in Delhi.The group") are split into their sentences first, and
/// small numbers count in both spellings ("two" and "2").</para>
/// <para>No context, or no claims: not applicable (C01, C04), never 1.0. Limits: no paraphrase or negation
/// understanding beyond what MiniLM similarity gives ("was not born in 1970" is supported by "was born in 1970").</para>
/// </remarks>
public sealed partial class GroundednessEvaluator(CachedEmbedder embedder, GroundednessOptions? options = null)
    : IEvaluator, IKnowsTextsToEmbed
{
    private readonly GroundednessOptions weights = options ?? new GroundednessOptions();

    public const string MetricName = "groundedness";

    /// <summary>Support a claim needs to count as supported; chosen on the begin-wow dev split.</summary>
    public const double SupportThreshold = 0.6;

    private static readonly HashSet<string> PersonalWords = new(StringComparer.Ordinal)
    {
        "i", "i'm", "im", "i've", "i'd", "i'll", "me", "my", "mine", "myself", "we", "we're", "our", "ours", "us",
        "you", "your", "you're", "yours", "you've",
    };

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

        var analysis = await AnalyseAsync(modelResponse.Text ?? "", goldenCase.Context, goldenCase.Question, cancellationToken).ConfigureAwait(false);
        if (analysis is null)
        {
            return new EvaluationResult(MetricMarks.NotApplicable(metric, "no claims to check (the response declines or states nothing checkable)"));
        }

        var unsupported = analysis.Claims.Where(c => !c.Supported).ToList();
        metric.Value = analysis.Score;
        metric.Reason = unsupported.Count == 0
            ? $"all {analysis.Claims.Count} claim(s) supported by the context"
            : $"{analysis.Claims.Count - unsupported.Count} of {analysis.Claims.Count} claim(s) supported; unsupported: "
                + string.Join(" | ", unsupported.Select(Describe));
        metric.AddOrUpdateMetadata("min_support", analysis.MinSupport.ToString("0.###", CultureInfo.InvariantCulture));
        metric.AddOrUpdateMetadata("claims", analysis.Claims.Count.ToString(CultureInfo.InvariantCulture));
        return new EvaluationResult(metric);
    }

    /// <summary>The claims of an answer and the support of each; null when there is no claim or no context.</summary>
    /// <param name="response">The answer to check.</param>
    /// <param name="context">The grounding passages.</param>
    /// <param name="question">The question, when known: a bare "yes" to a yes/no question then claims the question's statement.</param>
    /// <param name="cancellationToken">Cancels the embedding call.</param>
    public async Task<GroundednessAnalysis?> AnalyseAsync(
        string response,
        IReadOnlyList<string> context,
        string? question = null,
        CancellationToken cancellationToken = default)
    {
        var claims = Claims(response, question);
        var contextSentences = ContextSentences(context);
        if (claims.Count == 0 || contextSentences.Count == 0)
        {
            return null;
        }

        var contextText = string.Join("\n", context.Select(TextAnalysis.SeparateGluedSentences));
        var facts = new ContextFacts(contextText);
        var vectors = await embedder.EmbedAsync([.. claims, .. contextSentences], cancellationToken).ConfigureAwait(false);
        var results = new List<ClaimSupport>(claims.Count);
        for (var i = 0; i < claims.Count; i++)
        {
            var similarity = 0.0;
            for (var j = claims.Count; j < vectors.Count; j++)
            {
                similarity = Math.Max(similarity, CachedEmbedder.Cosine(vectors[i], vectors[j]));
            }

            results.Add(Support(claims[i], similarity, facts, weights));
        }

        return new GroundednessAnalysis(results);
    }

    public IEnumerable<string> TextsToEmbedBeforehand(Datasets.GoldenCase goldenCase) => ContextSentences(goldenCase.Context);

    /// <summary>The texts <see cref="AnalyseAsync"/> embeds, so that a caller can embed many cases in large batches first.</summary>
    public static IEnumerable<string> TextsToEmbed(string response, IReadOnlyList<string> context, string? question = null) =>
        Claims(response, question).Concat(ContextSentences(context));

    /// <summary>
    /// The answer's checkable claims: sentences and clauses that are not abstentions, refusals or filler. A bare
    /// "yes" to a yes/no question claims what the question asks ("Are both X and Y American?" → "both X and Y
    /// American"); a bare "no" claims a negation that word overlap cannot check, so it stays without a claim.
    /// </summary>
    public static IReadOnlyList<string> Claims(string response, string? question = null)
    {
        if (question is not null && YesAnswer().IsMatch(response) && YesNoQuestion().Match(question) is { Success: true } asked)
        {
            return [asked.Groups["statement"].Value.Trim()];
        }

        return TextAnalysis.Sentences(response)
            .SelectMany(s => ClauseBreak().Split(s))
            .Select(s => s.Trim())
            .Where(s => s.Length > 0)
            .Where(s => !ResponseStyle.IsAbstention(s) && !ResponseStyle.IsRefusal(s) && !ResponseStyle.IsFiller(s))
            .ToList();
    }

    public static IReadOnlyList<string> ContextSentences(IReadOnlyList<string> context) =>
        context.Select(TextAnalysis.SeparateGluedSentences).SelectMany(TextAnalysis.Sentences).Distinct(StringComparer.Ordinal).ToList();

    private static ClaimSupport Support(string claim, double similarity, ContextFacts facts, GroundednessOptions weights)
    {
        var words = TextAnalysis.Words(claim);
        var wordCoverage = words.Count == 0 ? 0 : words.Count(facts.Words.Contains) / (double)words.Count;
        var content = TextAnalysis.ContentWords(claim);
        var contentCoverage = content.Count == 0 ? 0 : content.Count(facts.ContentWords.Contains) / (double)content.Count;
        var personal = words.Count(PersonalWords.Contains);
        var missing = TextAnalysis.Numbers(claim).Where(n => !facts.Numbers.Contains(n))
            .Concat(Names(claim).Where(n => !facts.Lower.Contains(n.ToLowerInvariant(), StringComparison.Ordinal)))
            .Distinct(StringComparer.Ordinal)
            .ToList();

        var support = weights.WordCoverageWeight * wordCoverage
            + weights.ContentCoverageWeight * contentCoverage
            + weights.SimilarityWeight * Math.Max(0, similarity)
            - weights.PersonalPenalty * Math.Min(3, personal)
            - weights.MissingWordPenalty * Math.Min(5, content.Count(w => !facts.ContentWords.Contains(w)));
        if (missing.Count > 0)
        {
            support = Math.Min(support, weights.MissingCap);
        }

        return new ClaimSupport(claim, Math.Clamp(support, 0, 1), wordCoverage, contentCoverage, similarity, missing, personal);
    }

    /// <summary>Capitalised words that are not the first word of the claim: a rough stand-in for names.</summary>
    private static IEnumerable<string> Names(string claim) =>
        NamePattern().Matches(claim).Select(m => m.Value).Where(n => !TextAnalysis.IsStopWord(n.ToLowerInvariant()));

    private static string Describe(ClaimSupport c) =>
        string.Create(
            CultureInfo.InvariantCulture,
            $"\"{c.Claim}\" (support {c.Support:0.00}: words {c.WordCoverage:0.00}, content {c.ContentCoverage:0.00}, similarity {c.Similarity:0.00}{(c.Missing.Count > 0 ? ", not in the context: " + string.Join(", ", c.Missing) : "")}{(c.Personal > 0 ? ", personal" : "")})");

    private sealed class ContextFacts(string contextText)
    {
        public string Lower { get; } = contextText.ToLowerInvariant();

        // Small numbers count in both spellings: the context's "two platinum albums" supports "2 platinum albums".
        public HashSet<string> Words { get; } = WithTwins(TextAnalysis.Words(contextText));

        public HashSet<string> ContentWords { get; } = WithTwins(TextAnalysis.ContentWords(contextText));

        public HashSet<string> Numbers { get; } = TextAnalysis.Numbers(contextText)
            .Concat(TextAnalysis.Words(contextText).Select(TextAnalysis.NumberTwin).OfType<string>().Where(t => char.IsAsciiDigit(t[0])))
            .ToHashSet(StringComparer.Ordinal);
    }

    private static HashSet<string> WithTwins(IEnumerable<string> words)
    {
        var set = words.ToHashSet(StringComparer.Ordinal);
        set.UnionWith(set.Select(TextAnalysis.NumberTwin).OfType<string>().ToList());
        return set;
    }

    [GeneratedRegex(@"^\s*yes\s*[.!]?\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex YesAnswer();

    [GeneratedRegex(@"^\s*(are|is|was|were|do|does|did|can|could|has|have|had|will|would|should)\s+(?<statement>[^?]+)\?\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex YesNoQuestion();

    [GeneratedRegex(@";\s+|,\s+but\s+|\s+but\s+also\s+")]
    private static partial Regex ClauseBreak();

    [GeneratedRegex(@"(?<=\S\s+)\p{Lu}[\p{L}'’-]+")]
    private static partial Regex NamePattern();
}
