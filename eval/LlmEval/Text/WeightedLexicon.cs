using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace LlmEval.Text;

/// <summary>
/// A learned word list: each feature (a normalised word, a word pair, or a named rule) carries a log-odds weight,
/// and a text's score is the logistic of the bias plus the weights of the features it contains. The weights are
/// fitted by <c>LlmEval.Benchmarks.LexiconLearner</c> (L2-regularised logistic regression on binary features) on a
/// development split only, and shipped as a tab-separated embedded resource.
/// </summary>
/// <remarks>
/// Normalisation undoes common obfuscation before lookup: HTML entities are decoded, letters are lower-cased,
/// leetspeak digits and symbols inside words become letters (<c>sh1t</c>, <c>@ss</c>, <c>$hit</c>), separators inside
/// a word are dropped (<c>f.u.c.k</c>), letters spaced out one by one are joined (<c>f u c k</c>), runs of three or
/// more equal letters shrink to two (<c>fuuuuck</c> → <c>fuuck</c>, then <c>fuck</c> is tried), a trailing plural
/// <c>s</c>/<c>z</c> is tried without it, and a masked word (<c>f*ck</c>, <c>b**ch</c>) matches a listed word of the
/// same length whose other letters agree.
/// </remarks>
public sealed partial class WeightedLexicon
{
    private const string BiasKey = "__bias__";
    private const string ThresholdKey = "__threshold__";

    private readonly Dictionary<string, double> weights;
    private readonly Dictionary<int, List<string>> wordsByLength;

    public WeightedLexicon(IReadOnlyDictionary<string, double> weights, double bias, double threshold, bool useBigrams)
    {
        this.weights = new Dictionary<string, double>(weights, StringComparer.Ordinal);
        Bias = bias;
        Threshold = threshold;
        UseBigrams = useBigrams;
        wordsByLength = this.weights.Keys
            .Where(k => !k.Contains(' ', StringComparison.Ordinal) && !k.StartsWith("rule:", StringComparison.Ordinal))
            .GroupBy(k => k.Length)
            .ToDictionary(g => g.Key, g => g.ToList());
    }

    public double Bias { get; }

    /// <summary>Score at or above which the text is classified positive (chosen on the development split).</summary>
    public double Threshold { get; }

    public bool UseBigrams { get; }

    public int Count => weights.Count;

    /// <summary>Reads the tab-separated format written by <see cref="Write"/>.</summary>
    public static WeightedLexicon Parse(string text)
    {
        var weights = new Dictionary<string, double>(StringComparer.Ordinal);
        double bias = 0, threshold = 0.5;
        var bigrams = false;
        foreach (var line in text.Split('\n'))
        {
            var trimmed = line.TrimEnd('\r');
            if (trimmed.Length == 0 || trimmed.StartsWith('#'))
            {
                bigrams |= trimmed.StartsWith("# bigrams", StringComparison.Ordinal);
                continue;
            }

            var tab = trimmed.LastIndexOf('\t');
            var key = trimmed[..tab];
            var value = double.Parse(trimmed[(tab + 1)..], CultureInfo.InvariantCulture);
            switch (key)
            {
                case BiasKey:
                    bias = value;
                    break;
                case ThresholdKey:
                    threshold = value;
                    break;
                default:
                    weights[key] = value;
                    break;
            }
        }

        return new WeightedLexicon(weights, bias, threshold, bigrams);
    }

    /// <summary>Loads a lexicon embedded in this assembly under <c>Text/Lexicons/NAME.tsv</c>.</summary>
    public static WeightedLexicon FromResource(string name)
    {
        return Parse(EmbeddedFiles.Read($".{name}.tsv"));
    }

    /// <summary>Writes the lexicon with a header comment saying where it came from.</summary>
    public string Write(string header)
    {
        var builder = new StringBuilder();
        foreach (var line in header.Split('\n'))
        {
            builder.Append("# ").Append(line).Append('\n');
        }

        if (UseBigrams)
        {
            builder.Append("# bigrams: yes\n");
        }

        builder.Append(CultureInfo.InvariantCulture, $"{BiasKey}\t{Bias:R}\n");
        builder.Append(CultureInfo.InvariantCulture, $"{ThresholdKey}\t{Threshold:R}\n");
        foreach (var (key, value) in weights.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal))
        {
            builder.Append(CultureInfo.InvariantCulture, $"{key}\t{Math.Round(value, 4):R}\n");
        }

        return builder.ToString();
    }

    /// <summary>The probability-like score in [0, 1] and the features that moved it most.</summary>
    public (double Score, IReadOnlyList<(string Feature, double Weight)> Hits) Score(IEnumerable<string> features)
    {
        var hits = new List<(string, double)>();
        var matched = new HashSet<string>(StringComparer.Ordinal);
        var sum = Bias;
        foreach (var feature in features.Distinct(StringComparer.Ordinal))
        {
            // Each listed feature counts once, however many forms of it the text holds ("run" and "runs").
            if (Lookup(feature) is { } found && matched.Add(found.Feature))
            {
                sum += found.Weight;
                hits.Add(found);
            }
        }

        return (1 / (1 + Math.Exp(-sum)), hits.OrderByDescending(h => Math.Abs(h.Item2)).ToList());
    }

    private (string Feature, double Weight)? Lookup(string feature)
    {
        if (weights.TryGetValue(feature, out var weight))
        {
            return (feature, weight);
        }

        if (feature.StartsWith("rule:", StringComparison.Ordinal) || feature.Contains(' ', StringComparison.Ordinal))
        {
            return null;
        }

        foreach (var variant in Variants(feature))
        {
            if (weights.TryGetValue(variant, out weight))
            {
                return (variant, weight);
            }
        }

        if (feature.Contains('*', StringComparison.Ordinal) && wordsByLength.TryGetValue(feature.Length, out var candidates))
        {
            // A masked word: the strongest listed word that agrees on every unmasked letter.
            var match = candidates
                .Where(c => c.Zip(feature).All(p => p.Second == '*' || p.First == p.Second))
                .OrderByDescending(c => Math.Abs(weights[c]))
                .FirstOrDefault();
            if (match is not null)
            {
                return (match, weights[match]);
            }
        }

        return null;
    }

    private static IEnumerable<string> Variants(string word)
    {
        var single = RepeatedLetters().Replace(word, "$1");
        if (single != word)
        {
            yield return single;
        }

        if (word.Length > 3 && (word.EndsWith('s') || word.EndsWith('z')))
        {
            yield return word[..^1];
            if (single.Length > 3)
            {
                yield return single[..^1];
            }
        }
    }

    /// <summary>Normalised word tokens of a text, obfuscation undone (see the remarks on the class).</summary>
    public static IReadOnlyList<string> Tokens(string text)
    {
        var decoded = WebUtility.HtmlDecode(text).ToLowerInvariant();
        decoded = SpacedLetters().Replace(decoded, m => m.Value.Replace(" ", "", StringComparison.Ordinal));
        var tokens = new List<string>();
        foreach (Match match in RawToken().Matches(decoded))
        {
            var token = Deobfuscate(match.Value);
            if (token.Length == 0 || token is "@user" or "url" or "rt")
            {
                continue;
            }

            tokens.Add(token);
        }

        return tokens;
    }

    /// <summary>Unigram features, plus adjacent pairs (joined by a space) when <paramref name="bigrams"/> is set.</summary>
    public static IReadOnlyList<string> Features(string text, bool bigrams)
    {
        var tokens = Tokens(text);
        if (!bigrams)
        {
            return tokens;
        }

        var features = new List<string>(tokens);
        for (var i = 0; i + 1 < tokens.Count; i++)
        {
            features.Add(tokens[i] + " " + tokens[i + 1]);
        }

        return features;
    }

    private static string Deobfuscate(string raw)
    {
        var source = raw.StartsWith('#') ? raw[1..] : raw;
        source = source.Trim('.', '!', '\'', '’', '-', '_', '|', '*');
        if (source == "@user")
        {
            return "";
        }

        // Leetspeak only inside tokens that also contain letters, so that numbers stay numbers.
        if (source.Any(char.IsLetter))
        {
            var builder = new StringBuilder(source.Length);
            foreach (var c in source)
            {
                builder.Append(c switch
                {
                    '0' => 'o',
                    '1' or '!' or '|' => 'i',
                    '3' => 'e',
                    '4' or '@' => 'a',
                    '5' or '$' => 's',
                    '7' => 't',
                    '.' or '-' or '_' or '\'' or '’' => '\0',
                    _ => c,
                });
            }

            source = builder.ToString().Replace("\0", "", StringComparison.Ordinal);
        }

        return LongRuns().Replace(source, "$1$1");
    }

    [GeneratedRegex(@"(?<![\p{L}])(?:\p{L} ){2,}\p{L}(?![\p{L}])")]
    private static partial Regex SpacedLetters();

    [GeneratedRegex(@"[#@$]?[\p{L}\p{N}*@$!|'’._-]*[\p{L}\p{N}][\p{L}\p{N}*@$!|'’._-]*")]
    private static partial Regex RawToken();

    [GeneratedRegex(@"(\p{L})\1{2,}")]
    private static partial Regex LongRuns();

    [GeneratedRegex(@"(\p{L})\1+")]
    private static partial Regex RepeatedLetters();
}
