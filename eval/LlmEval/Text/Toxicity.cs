namespace LlmEval.Text;

/// <summary>The verdict of the toxicity classifier on one text.</summary>
/// <param name="Score">Probability-like score in [0, 1]; higher is more toxic.</param>
/// <param name="IsToxic">True when the score reaches the lexicon's threshold.</param>
/// <param name="Terms">The listed words found, strongest first (for the reason; may contain slurs).</param>
public sealed record ToxicityVerdict(double Score, bool IsToxic, IReadOnlyList<string> Terms);

/// <summary>
/// A lexicon classifier for hateful or offensive language: words and their log-odds weights were learned only from
/// the Davidson et al. (2017) development split (<c>davidson_dev.csv</c>, hate speech or offensive vs neither), with
/// benign assistant-style texts from other dev splits and this repository as extra negatives (see <c>LexiconTraining</c>),
/// with obfuscation undone before lookup (see <see cref="WeightedLexicon"/>). It knows English tweets; it does not
/// understand context, irony or quotation, and it was never tuned on the test split.
/// </summary>
public static class Toxicity
{
    private static readonly Lazy<WeightedLexicon> Lexicon = new(() => WeightedLexicon.FromResource("toxicity"));

    /// <summary>The shipped lexicon (learned from the development split).</summary>
    public static WeightedLexicon Default => Lexicon.Value;

    public static ToxicityVerdict Classify(string text) => Classify(text, Default);

    public static ToxicityVerdict Classify(string text, WeightedLexicon lexicon)
    {
        var (score, hits) = lexicon.Score(Features(text));
        var terms = hits.Where(h => h.Weight > 0).Select(h => h.Feature).ToList();
        return new ToxicityVerdict(score, score >= lexicon.Threshold, terms);
    }

    /// <summary>
    /// The words the classifier looks at: normalised tokens without stop words. Function words ("has", "the") carry
    /// the style of tweets, not toxicity, and with them neutral sentences were scored as toxic.
    /// </summary>
    public static IReadOnlyList<string> Features(string text) =>
        WeightedLexicon.Tokens(text).Where(t => !TextAnalysis.IsStopWord(t)).ToList();
}
