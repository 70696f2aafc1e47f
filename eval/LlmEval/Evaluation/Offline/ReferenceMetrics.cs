using System.Text;
using System.Text.RegularExpressions;

namespace LlmEval.Evaluation.Offline;

/// <summary>
/// Reference-based text metrics with the tokenisation each one is usually published with, so that a figure
/// computed here can be compared with one computed by the reference implementation.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item><b>Exact match and token F1</b> follow the SQuAD v1.1/v2.0 evaluation script: lower-case, remove every
/// ASCII punctuation character, remove the articles <c>a</c>, <c>an</c>, <c>the</c>, collapse white space, split on
/// white space. F1 is the harmonic mean of token precision and recall over the multiset of shared tokens; when
/// either side has no token, F1 is 1 if both are empty and 0 otherwise.</item>
/// <item><b>ROUGE-L</b> is the LCS-based F-measure of Lin (2004), section 3.1, with β = 1 (as the
/// <c>rouge-score</c> package reports <c>rougeL</c> F): lower-case, every non-alphanumeric character is a
/// separator, no stemming.</item>
/// <item><b>BLEU</b> is sentence BLEU-4 (uniform weights, brevity penalty against the closest reference length,
/// clipped n-gram counts over several references) with Chen and Cherry (2014) smoothing method 1: a zero n-gram
/// match count is replaced by ε = 0.1, exactly as NLTK's <c>SmoothingFunction().method1</c>. Tokens are words and
/// punctuation marks split apart (close to sacrebleu's <c>13a</c> tokeniser) and case is kept.</item>
/// </list>
/// </remarks>
public static partial class ReferenceMetrics
{
    private const double BleuEpsilon = 0.1;

    /// <summary>SQuAD answer normalisation: lower case, no punctuation, no articles, single spaces.</summary>
    public static string NormalizeSquad(string text)
    {
        var lower = text.ToLowerInvariant();
        var builder = new StringBuilder(lower.Length);
        foreach (var c in lower)
        {
            // The SQuAD script removes Python's string.punctuation, i.e. ASCII punctuation only.
            if (!(c < 128 && char.IsPunctuation(c)) && !(c < 128 && char.IsSymbol(c)))
            {
                builder.Append(c);
            }
        }

        var noArticles = Articles().Replace(builder.ToString(), " ");
        return string.Join(' ', noArticles.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
    }

    /// <summary>SQuAD tokens: the normalised text split on white space.</summary>
    public static IReadOnlyList<string> SquadTokens(string text) =>
        NormalizeSquad(text).Split(' ', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>1 when the SQuAD-normalised answer equals the normalised reference, else 0.</summary>
    public static double ExactMatch(string prediction, string reference) =>
        string.Equals(NormalizeSquad(prediction), NormalizeSquad(reference), StringComparison.Ordinal) ? 1 : 0;

    /// <summary>SQuAD token F1 between the answer and the reference.</summary>
    public static double TokenF1(string prediction, string reference)
    {
        var predicted = SquadTokens(prediction);
        var expected = SquadTokens(reference);
        if (predicted.Count == 0 || expected.Count == 0)
        {
            return predicted.Count == expected.Count ? 1 : 0;
        }

        var common = CountShared(predicted, expected);
        if (common == 0)
        {
            return 0;
        }

        var precision = common / (double)predicted.Count;
        var recall = common / (double)expected.Count;
        return 2 * precision * recall / (precision + recall);
    }

    /// <summary>Tokens for ROUGE: lower-case runs of letters and digits (rouge-score's default tokeniser).</summary>
    public static IReadOnlyList<string> RougeTokens(string text) =>
        AlphaNumericRuns().Matches(text.ToLowerInvariant()).Select(m => m.Value).ToList();

    /// <summary>ROUGE-L F-measure (β = 1) of the candidate against the reference, on <see cref="RougeTokens"/>.</summary>
    public static double RougeL(string candidate, string reference) =>
        RougeL(RougeTokens(candidate), RougeTokens(reference));

    /// <summary>ROUGE-L F-measure (β = 1) on given token sequences: LCS/|candidate| and LCS/|reference|.</summary>
    public static double RougeL(IReadOnlyList<string> candidate, IReadOnlyList<string> reference)
    {
        if (candidate.Count == 0 || reference.Count == 0)
        {
            return 0;
        }

        var lcs = LongestCommonSubsequence(candidate, reference);
        if (lcs == 0)
        {
            return 0;
        }

        var precision = lcs / (double)candidate.Count;
        var recall = lcs / (double)reference.Count;
        return 2 * precision * recall / (precision + recall);
    }

    /// <summary>Length of the longest common subsequence of two token sequences (dynamic programming, two rows).</summary>
    public static int LongestCommonSubsequence(IReadOnlyList<string> a, IReadOnlyList<string> b)
    {
        var previous = new int[b.Count + 1];
        var current = new int[b.Count + 1];
        for (var i = 1; i <= a.Count; i++)
        {
            for (var j = 1; j <= b.Count; j++)
            {
                current[j] = string.Equals(a[i - 1], b[j - 1], StringComparison.Ordinal)
                    ? previous[j - 1] + 1
                    : Math.Max(previous[j], current[j - 1]);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Count];
    }

    /// <summary>BLEU tokens: words (letters, digits, inner apostrophes) and single punctuation marks; case kept.</summary>
    public static IReadOnlyList<string> BleuTokens(string text) =>
        BleuToken().Matches(text).Select(m => m.Value).ToList();

    /// <summary>Sentence BLEU-4 of a text against one reference text, tokenised with <see cref="BleuTokens"/>.</summary>
    public static double Bleu(string candidate, string reference) =>
        Bleu(BleuTokens(candidate), [BleuTokens(reference)]);

    /// <summary>
    /// Sentence BLEU-4 on pre-tokenised input against one or more references, with Chen and Cherry smoothing
    /// method 1 (ε = 0.1 for a zero match count). Gives the same value as NLTK's
    /// <c>sentence_bleu(references, hypothesis, smoothing_function=SmoothingFunction().method1)</c>.
    /// </summary>
    public static double Bleu(IReadOnlyList<string> hypothesis, IReadOnlyList<IReadOnlyList<string>> references)
    {
        if (hypothesis.Count == 0 || references.Count == 0)
        {
            return 0;
        }

        const int maxOrder = 4;
        var logSum = 0.0;
        for (var n = 1; n <= maxOrder; n++)
        {
            var hypothesisCounts = NGramCounts(hypothesis, n);
            var denominator = Math.Max(1, hypothesis.Count - n + 1);
            var maxReferenceCounts = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var reference in references)
            {
                foreach (var (gram, count) in NGramCounts(reference, n))
                {
                    maxReferenceCounts[gram] = Math.Max(count, maxReferenceCounts.GetValueOrDefault(gram));
                }
            }

            var clipped = hypothesisCounts.Sum(kv => Math.Min(kv.Value, maxReferenceCounts.GetValueOrDefault(kv.Key)));

            // NLTK (and so this code) gives up when there is no unigram match at all: BLEU is 0.
            if (n == 1 && clipped == 0)
            {
                return 0;
            }

            var precision = clipped == 0 ? BleuEpsilon / denominator : clipped / (double)denominator;
            logSum += Math.Log(precision) / maxOrder;
        }

        var hypothesisLength = hypothesis.Count;
        var closest = references
            .Select(r => r.Count)
            .OrderBy(length => Math.Abs(length - hypothesisLength))
            .ThenBy(length => length)
            .First();
        var brevityPenalty = hypothesisLength > closest ? 1 : Math.Exp(1 - closest / (double)hypothesisLength);
        return brevityPenalty * Math.Exp(logSum);
    }

    private static int CountShared(IReadOnlyList<string> a, IReadOnlyList<string> b)
    {
        var counts = a.GroupBy(t => t, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var shared = 0;
        foreach (var token in b)
        {
            if (counts.TryGetValue(token, out var left) && left > 0)
            {
                counts[token] = left - 1;
                shared++;
            }
        }

        return shared;
    }

    private static Dictionary<string, int> NGramCounts(IReadOnlyList<string> tokens, int n)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i + n <= tokens.Count; i++)
        {
            // U+0001 cannot occur inside a token, so joined n-grams cannot collide.
            var gram = string.Join('\u0001', Enumerable.Range(i, n).Select(k => tokens[k]));
            counts[gram] = counts.GetValueOrDefault(gram) + 1;
        }

        return counts;
    }

    [GeneratedRegex(@"\b(a|an|the)\b")]
    private static partial Regex Articles();

    [GeneratedRegex(@"[\p{L}\p{N}]+")]
    private static partial Regex AlphaNumericRuns();

    [GeneratedRegex(@"[\p{L}\p{N}]+(?:['’][\p{L}\p{N}]+)*|[^\s\p{L}\p{N}]")]
    private static partial Regex BleuToken();
}
