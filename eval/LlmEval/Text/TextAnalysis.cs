using System.Globalization;
using System.Text.RegularExpressions;

namespace LlmEval.Text;

/// <summary>Small, documented text helpers shared by the offline target and the offline evaluators.</summary>
public static partial class TextAnalysis
{
    // A short English stop-word list: words that carry no claim on their own.
    private static readonly HashSet<string> StopWords = new(StringComparer.Ordinal)
    {
        "a", "an", "the", "and", "or", "but", "if", "then", "than", "so", "of", "to", "in", "on", "at", "by",
        "for", "with", "about", "from", "into", "over", "after", "before", "as", "is", "are", "was", "were",
        "be", "been", "being", "am", "do", "does", "did", "have", "has", "had", "can", "could", "will",
        "would", "should", "may", "might", "must", "shall", "it", "its", "this", "that", "these", "those",
        "there", "here", "i", "you", "he", "she", "we", "they", "me", "him", "her", "us", "them", "my",
        "your", "his", "our", "their", "what", "which", "who", "whom", "whose", "when", "where", "why",
        "how", "not", "no", "yes", "all", "any", "some", "each", "every", "also", "just", "only", "very",
        "too", "more", "most", "such", "up", "out", "off", "down", "again", "once", "own", "same", "other",
        "s", "t", "don", "doesn", "didn", "isn", "aren", "wasn", "weren", "won", "ve", "ll", "re", "d", "m",
        "please", "tell", "know", "get", "got", "let", "one", "much", "many", "well", "really", "think",
        "like", "oh", "yeah", "im", "it's", "i'm", "that's", "there's", "you're", "i've", "do", "while",
    };

    /// <summary>Splits text into sentences at ., ! or ? followed by space, and at line breaks.</summary>
    public static IReadOnlyList<string> Sentences(string text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return [];
        }

        return SentenceBoundary().Split(text.Trim())
            .Select(s => s.Trim())
            .Where(s => s.Length > 0)
            .ToList();
    }

    /// <summary>
    /// Puts a space after a sentence end glued to the next sentence ("in Delhi.The group", "1999.Kings", "Times\".Fortean"),
    /// as in passages joined without a space; "U.S." and "Ph.D." stay whole (one letter before the point, or none after it in lower case).
    /// </summary>
    public static string SeparateGluedSentences(string text) => GluedSentence().Replace(text, "$1 ");

    /// <summary>Lower-case word tokens (letters, digits, inner apostrophes, decimal points and colons).</summary>
    public static IReadOnlyList<string> Words(string text) =>
        WordPattern().Matches(text.ToLowerInvariant()).Select(m => m.Value).ToList();

    /// <summary>Words that are not stop words, with a light plural/suffix stem so "returns" meets "return".</summary>
    public static IReadOnlyList<string> ContentWords(string text) =>
        Words(text).Where(w => !StopWords.Contains(w)).Select(Stem).ToList();

    public static bool IsStopWord(string word) => StopWords.Contains(word);

    /// <summary>Numbers in the text, normalised ("1,200" → "1200", "9:00" stays "9:00").</summary>
    public static IReadOnlyList<string> Numbers(string text) =>
        NumberPattern().Matches(text)
            .Select(m => m.Value.Replace(",", "", StringComparison.Ordinal).TrimEnd('.'))
            .Select(NormaliseNumber)
            .ToList();

    private static readonly string[] SmallNumbers =
    [
        "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
        "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty",
    ];

    /// <summary>The other spelling of a small number: "two" → "2", "12" → "twelve"; null for anything else.</summary>
    public static string? NumberTwin(string word)
    {
        var index = Array.IndexOf(SmallNumbers, word);
        if (index >= 0)
        {
            return index.ToString(CultureInfo.InvariantCulture);
        }

        return int.TryParse(word, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value < SmallNumbers.Length && word.Length <= 2
            ? SmallNumbers[value]
            : null;
    }

    public static string Stem(string word)
    {
        if (word.Length > 4 && word.EndsWith("ies", StringComparison.Ordinal))
        {
            return word[..^3] + "y";
        }

        if (word.Length > 3 && word.EndsWith('s') && !word.EndsWith("ss", StringComparison.Ordinal))
        {
            return word[..^1];
        }

        return word;
    }

    private static string NormaliseNumber(string number) =>
        decimal.TryParse(number, NumberStyles.Number, CultureInfo.InvariantCulture, out var value) && !number.Contains(':', StringComparison.Ordinal)
            ? value.ToString("0.##########", CultureInfo.InvariantCulture)
            : number;

    [GeneratedRegex(@"(?<=[.!?])\s+(?=[""'(\[]?[A-Z0-9])|\n+")]
    private static partial Regex SentenceBoundary();

    [GeneratedRegex(@"(?<=[\p{L}\p{N}]{2}|[""”)])([.!?][""”]?)(?=\p{Lu}\p{Ll})")]
    private static partial Regex GluedSentence();

    [GeneratedRegex(@"[\p{L}\p{N}]+(?:['’.:][\p{L}\p{N}]+)*")]
    private static partial Regex WordPattern();

    [GeneratedRegex(@"\d+(?:[.,:]\d+)*")]
    private static partial Regex NumberPattern();
}
