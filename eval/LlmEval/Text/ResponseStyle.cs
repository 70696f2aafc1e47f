using System.Text.RegularExpressions;

namespace LlmEval.Text;

/// <summary>
/// Recognises responses that decline: abstentions ("I could not find that information") and refusals
/// ("I can't help with that"). Such sentences make no factual claim.
/// </summary>
public static partial class ResponseStyle
{
    /// <summary>True when the sentence says the answer is unknown or not in the information given.</summary>
    public static bool IsAbstention(string sentence) => AbstentionPattern().IsMatch(sentence);

    /// <summary>True when the sentence declines to do what was asked.</summary>
    public static bool IsRefusal(string sentence) => RefusalPattern().IsMatch(sentence);

    /// <summary>True when the whole response declines (every sentence abstains or refuses, or it is a bare "IDK").</summary>
    public static bool Declines(string response)
    {
        var sentences = TextAnalysis.Sentences(response);
        return sentences.Count > 0 && sentences.All(s => IsAbstention(s) || IsRefusal(s) || IsFiller(s));
    }

    /// <summary>Greetings, apologies and other sentences with no checkable content.</summary>
    public static bool IsFiller(string sentence) =>
        FillerPattern().IsMatch(sentence) || TextAnalysis.ContentWords(sentence).Count == 0;

    [GeneratedRegex(
        @"\b(i\s+(do\s+not|don'?t|did\s+not|didn'?t|could\s+not|couldn'?t|cannot|can'?t)\s+(know|find|see|have|tell|say)|idk|not\s+sure|no\s+(information|details|mention|data)|(does|do|did)\s*(not|n'?t)\s+(say|mention|state|include|contain|cover|specify)|is\s+not\s+(mentioned|stated|specified|available|provided)|(information|context|passages?|documents?)\s+(provided\s+)?(does|do)\s*(not|n'?t)|unable\s+to\s+(find|answer|determine)|not\s+(able|possible)\s+to\s+(answer|determine|tell)|cannot\s+(be\s+)?(answer|determin)|no\s+way\s+to\s+know)",
        RegexOptions.IgnoreCase)]
    private static partial Regex AbstentionPattern();

    [GeneratedRegex(
        @"\b(i\s+(can'?t|cannot|won'?t|will\s+not|am\s+not\s+able\s+to|'m\s+not\s+able\s+to|must\s+decline)|i'?m\s+(sorry|afraid)[, ]+(but\s+)?i\s+(can'?t|cannot)|(can'?t|cannot|won'?t|not\s+able\s+to)\s+(help|assist|provide|share|disclose|do\s+that|comply)|not\s+allowed\s+to|against\s+(our|my)\s+polic|i\s+refuse)",
        RegexOptions.IgnoreCase)]
    private static partial Regex RefusalPattern();

    [GeneratedRegex(@"^\s*(hi|hello|thanks|thank you|sorry|ok|okay|sure|great|of course)[\s!.,]*$", RegexOptions.IgnoreCase)]
    private static partial Regex FillerPattern();
}
