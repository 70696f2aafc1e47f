using System.Text.RegularExpressions;

namespace LlmEval.Text;

/// <summary>The verdict of the prompt-injection detector on one text.</summary>
/// <param name="Score">Probability-like score in [0, 1]; higher is more likely an injection.</param>
/// <param name="IsInjection">True when the score reaches the lexicon's threshold.</param>
/// <param name="Cues">Rules and words that raised the score, strongest first.</param>
public sealed record InjectionVerdict(double Score, bool IsInjection, IReadOnlyList<string> Cues);

/// <summary>
/// Detects prompt-injection attempts in user input or retrieved passages, in English and German. Hand-written rules
/// name the usual moves (ignore or forget previous instructions, a new role or persona, "say/print X", a fake system
/// message, a request for the hidden prompt); each rule and each word and word pair is a feature of a logistic
/// model whose weights were learned only from the deepset/prompt-injections training split (<c>train.csv</c>).
/// </summary>
/// <remarks>
/// The rules carry no weight of their own: the training data decides how much each one counts. Limits: a bag of
/// words sees no order beyond adjacent pairs, and languages other than English and German get only the rules that
/// happen to match.
/// </remarks>
public static partial class PromptInjection
{
    private static readonly Lazy<WeightedLexicon> Lexicon = new(() => WeightedLexicon.FromResource("injection"));

    private static readonly (string Name, Regex Pattern)[] Rules =
    [
        ("rule:ignore_previous", IgnorePrevious()),
        ("rule:forget", Forget()),
        ("rule:new_instructions", NewInstructions()),
        ("rule:role_play", RolePlay()),
        ("rule:say_exactly", SayExactly()),
        ("rule:system_prompt", SystemPrompt()),
        ("rule:fake_delimiter", FakeDelimiter()),
        ("rule:override", Override()),
        ("rule:urgent", Urgent()),
        ("rule:mixed_task", MixedTask()),
    ];

    /// <summary>The shipped model (learned from the training split).</summary>
    public static WeightedLexicon Default => Lexicon.Value;

    public static InjectionVerdict Detect(string text) => Detect(text, Default);

    public static InjectionVerdict Detect(string text, WeightedLexicon lexicon)
    {
        var (score, hits) = lexicon.Score(Features(text));
        var cues = hits.Where(h => h.Weight > 0).Select(h => h.Feature).Take(8).ToList();
        return new InjectionVerdict(score, score >= lexicon.Threshold, cues);
    }

    /// <summary>The features the model sees: rule names that match, words and adjacent word pairs.</summary>
    public static IReadOnlyList<string> Features(string text)
    {
        var features = new List<string>();
        foreach (var (name, pattern) in Rules)
        {
            if (pattern.IsMatch(text))
            {
                features.Add(name);
            }
        }

        features.AddRange(WeightedLexicon.Features(text, bigrams: true));
        return features;
    }

    [GeneratedRegex(
        @"\b(ignore|disregard|skip|overlook|neglect)\b.{0,40}\b(previous|prior|above|earlier|preceding|all|any|your|the)\b.{0,30}\b(instructions?|prompts?|rules?|directions?|guidelines?|context|information|tasks?|everything)\b|\b(ignorier\w*|missacht\w*)\b.{0,50}\b(anweisungen?|vorherig\w*|alles|informationen|aufgaben?|regeln)\b",
        RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex IgnorePrevious();

    [GeneratedRegex(
        @"\bforget\b.{0,30}\b(everything|all|previous|above|what|instructions?|that)\b|\bvergiss\w*\b|\bvergessen\s+sie\b",
        RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex Forget();

    [GeneratedRegex(
        @"\b(new|next|following|further|additional)\s+(tasks?|instructions?|assignments?|challenge)\b|\bneue\w*\s+(aufgaben?|anweisungen?|instruktionen?)\b|\bnun\s+folgen\b|\bnow\s+(comes?|follows?)\b|\bchange\s+your\s+instructions\b|\binstead\b.{0,30}\b(print|say|write|answer)\b",
        RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex NewInstructions();

    [GeneratedRegex(
        @"\b(act|acting|behave)\s+as\b|\bpretend\b|\bimagine\s+(you|that\s+you)\b|\byou\s+are\s+(now|no\s+longer|a|an|the)\b|\bfrom\s+now\s+on\b|\brole\s*-?\s*play\b|\bstell\s+dir\s+vor\b|\bdu\s+bist\s+(jetzt|nun|ein|eine)\b|\btu\s+so\b|\bspiel\w*\s+(die\s+rolle|ein\w*)\b|\bals\s+(ob|wärst)\b|\bab\s+(jetzt|sofort)\b",
        RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex RolePlay();

    [GeneratedRegex(
        @"\b(say|print|output|write|reply|respond|answer|type|repeat)\b.{0,20}(with\s+)?[""'“„«]|\b(sag|sage|schreib|schreibe|gib|antworte)\w*\b.{0,25}[""'“„«]|\bjust\s+say\b|\bonly\s+(say|reply|answer|output)\b",
        RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex SayExactly();

    [GeneratedRegex(
        @"\b(system\s*prompt|hidden\s+(instructions?|prompt)|initial\s+(prompt|instructions?)|your\s+(instructions|prompt|rules)|developer\s+mode|jailbreak|dan\b|do\s+anything\s+now)|\b(systemanweisung|deine\s+(anweisungen|regeln))\b",
        RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex SystemPrompt();

    [GeneratedRegex(@"(\\n){2,}|\n{3,}|</?(context|system|instructions?)>|\$documents:|^\s*(system|assistant)\s*:|-{5,}|={5,}", RegexOptions.IgnoreCase | RegexOptions.Multiline)]
    private static partial Regex FakeDelimiter();

    [GeneratedRegex(
        @"\b(override|bypass|admin(istrator)?\s+(mode|rights|access)|no\s+(rules|restrictions|limits)|without\s+(any\s+)?(restrictions|rules|filters?)|unrestricted|uncensored)\b|\b(ohne\s+(einschränkungen|regeln|zensur))\b",
        RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex Override();

    [GeneratedRegex(@"\b(attention|achtung|stop|stopp|important|wichtig|urgent|dringend)\b\s*[-:!]", RegexOptions.IgnoreCase)]
    private static partial Regex Urgent();

    [GeneratedRegex(@"[?.!]\s+(now|but|and\s+now|jetzt|aber|nun)\b.{0,40}\b(write|say|print|tell|schreib\w*|sag\w*|gib)\b", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex MixedTask();
}
