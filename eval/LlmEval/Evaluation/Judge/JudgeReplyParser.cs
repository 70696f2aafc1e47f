using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace LlmEval.Evaluation.Judge;

/// <summary>A judge reply read by <see cref="JudgeReplyParser"/>: a score in range, or why there is none.</summary>
public sealed record JudgeVerdict(double? Score, string? Reason, string? Problem)
{
    public bool IsValid => Score is not null && Problem is null;
}

/// <summary>
/// Reads the score out of a judge reply. The rubrics ask for one JSON object
/// <c>{"score": &lt;1-5&gt;, "reason": "..."}</c>; also accepted are the object inside a Markdown code fence or
/// with prose around it (when exactly one object carries a score), and a reply that is a bare number
/// (<c>" 5"</c>, <c>"5\n"</c>, <c>"5."</c>, <c>"4.0"</c>, C06). Anything else is a format violation: no score,
/// never a guess from words in free text (a reply saying "score 5" in prose is not a 5). A score outside the
/// declared range, NaN or infinity is rejected (C05), so no out-of-range value can leave the parser. A decimal
/// within range is taken as it is: 4.0 is 4 and 3.99 stays 3.99.
/// </summary>
public static partial class JudgeReplyParser
{
    public const string ExpectedFormat = "a JSON object {\"score\": <1-5>, \"reason\": \"...\"} or a bare number";

    public static JudgeVerdict Parse(string? reply, double minimum, double maximum)
    {
        var text = StripCodeFence((reply ?? "").Trim());
        if (text.Length == 0)
        {
            return new JudgeVerdict(null, null, "the judge returned an empty reply");
        }

        var bare = BareNumber().Match(text);
        if (bare.Success)
        {
            return InRange(ReadNumber(bare.Groups[1].Value), null, minimum, maximum);
        }

        var candidates = JsonObjects(text).Where(o => o.HasScore).ToList();
        if (candidates.Count == 0)
        {
            return new JudgeVerdict(null, null, $"the reply holds no score (expected {ExpectedFormat})");
        }

        if (candidates.Select(c => c.Score).Distinct().Count() > 1)
        {
            return new JudgeVerdict(null, null, $"the reply holds {candidates.Count} different scores; expected one");
        }

        var chosen = candidates[0];
        return chosen.Score is { } score
            ? InRange(score, chosen.Reason, minimum, maximum)
            : new JudgeVerdict(null, chosen.Reason, $"the score is not a number: {chosen.RawScore}");
    }

    private static JudgeVerdict InRange(double? score, string? reason, double minimum, double maximum)
    {
        if (score is not { } value || !double.IsFinite(value))
        {
            return new JudgeVerdict(null, reason, "the score is not a finite number");
        }

        return value < minimum || value > maximum
            ? new JudgeVerdict(
                null,
                reason,
                string.Create(CultureInfo.InvariantCulture, $"the score {value} is outside the rubric's range {minimum}-{maximum}"))
            : new JudgeVerdict(value, reason, null);
    }

    private static double? ReadNumber(string text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : null;

    private static string StripCodeFence(string text)
    {
        var fence = CodeFence().Match(text);
        return fence.Success ? fence.Groups[1].Value.Trim() : text;
    }

    /// <summary>Every top-level JSON object in the text that parses, with its score when it has one.</summary>
    private static IEnumerable<ScoredObject> JsonObjects(string text)
    {
        for (var start = text.IndexOf('{', StringComparison.Ordinal); start >= 0 && start < text.Length;)
        {
            var end = MatchingBrace(text, start);
            var parsed = end < 0 ? null : TryRead(text[start..(end + 1)]);
            if (parsed is not null)
            {
                yield return parsed;
                start = text.IndexOf('{', end + 1);
            }
            else
            {
                start = text.IndexOf('{', start + 1);
            }
        }
    }

    private static ScoredObject? TryRead(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            var score = root.EnumerateObject().FirstOrDefault(p => p.Name.Equals("score", StringComparison.OrdinalIgnoreCase));
            var reason = root.EnumerateObject().FirstOrDefault(p => p.Name.Equals("reason", StringComparison.OrdinalIgnoreCase));
            var reasonText = reason.Value.ValueKind == JsonValueKind.String ? reason.Value.GetString() : null;
            if (score.Value.ValueKind == JsonValueKind.Undefined)
            {
                return new ScoredObject(false, null, null, reasonText);
            }

            double? value = score.Value.ValueKind switch
            {
                JsonValueKind.Number => score.Value.GetDouble(),
                JsonValueKind.String => ReadStrictNumber(score.Value.GetString()),
                _ => null,
            };
            return new ScoredObject(true, value, score.Value.GetRawText(), reasonText);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>A number in a string ("4", " 4.0 "), but not "NaN", "Infinity" or "4 stars".</summary>
    private static double? ReadStrictNumber(string? text)
    {
        var match = BareNumber().Match(text?.Trim() ?? "");
        return match.Success ? ReadNumber(match.Groups[1].Value) : null;
    }

    /// <summary>Index of the brace closing the object opened at <paramref name="start"/>, skipping strings; -1 if none.</summary>
    private static int MatchingBrace(string text, int start)
    {
        var depth = 0;
        var inString = false;
        for (var i = start; i < text.Length; i++)
        {
            var c = text[i];
            if (inString)
            {
                if (c == '\\')
                {
                    i++;
                }
                else if (c == '"')
                {
                    inString = false;
                }

                continue;
            }

            switch (c)
            {
                case '"':
                    inString = true;
                    break;
                case '{':
                    depth++;
                    break;
                case '}' when --depth == 0:
                    return i;
            }
        }

        return -1;
    }

    private sealed record ScoredObject(bool HasScore, double? Score, string? RawScore, string? Reason);

    // A whole reply that is one number, with an optional full stop after it: " 5", "5\n", "5.", "4.0", "-1".
    [GeneratedRegex(@"^([+-]?\d+(?:\.\d+)?)\.?$")]
    private static partial Regex BareNumber();

    [GeneratedRegex(@"^```[A-Za-z]*\s*\n?(.*?)\n?```$", RegexOptions.Singleline)]
    private static partial Regex CodeFence();
}
