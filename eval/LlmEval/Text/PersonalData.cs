using System.Numerics;
using System.Text;
using System.Text.RegularExpressions;

namespace LlmEval.Text;

/// <summary>A span of personal data or a secret found in text.</summary>
public sealed record PersonalDataSpan(string Type, int Start, int Length, string Value);

/// <summary>
/// Finds personal data and secrets: e-mail, phone, payment card (Luhn-checked), IBAN (mod-97-checked),
/// IP address, US social security number and API-key shapes. Checksums keep random digit runs from counting as cards or IBANs.
/// </summary>
public static partial class PersonalData
{
    public static IReadOnlyList<PersonalDataSpan> Find(string text)
    {
        var spans = new List<PersonalDataSpan>();
        Add(spans, "email", EmailPattern(), text, _ => true);
        Add(spans, "card", CardPattern(), text, v => PassesLuhn(Digits(v)));
        Add(spans, "iban", IbanPattern(), text, v => PassesIbanChecksum(v));
        Add(spans, "api_key", ApiKeyPattern(), text, _ => true);
        Add(spans, "ip_address", IpPattern(), text, IsValidIp);
        Add(spans, "us_ssn", SsnPattern(), text, IsPlausibleSsn);
        AddPhones(spans, text);

        // A longer, more specific span wins over a shorter one it overlaps (a card is not also a phone).
        var kept = new List<PersonalDataSpan>();
        foreach (var span in spans.OrderByDescending(s => s.Length))
        {
            if (!kept.Any(k => span.Start < k.Start + k.Length && k.Start < span.Start + span.Length))
            {
                kept.Add(span);
            }
        }

        return kept.OrderBy(s => s.Start).ToList();
    }

    /// <summary>The text with every span replaced by <c>[TYPE]</c>, safe to show in a report.</summary>
    public static string Mask(string text, IReadOnlyList<PersonalDataSpan> spans)
    {
        var builder = new StringBuilder(text);
        foreach (var span in spans.OrderByDescending(s => s.Start))
        {
            builder.Remove(span.Start, span.Length).Insert(span.Start, $"[{span.Type.ToUpperInvariant()}]");
        }

        return builder.ToString();
    }

    public static bool PassesLuhn(string digits)
    {
        if (digits.Length is < 12 or > 19)
        {
            return false;
        }

        var sum = 0;
        for (var i = 0; i < digits.Length; i++)
        {
            var d = digits[digits.Length - 1 - i] - '0';
            if (i % 2 == 1)
            {
                d *= 2;
                if (d > 9)
                {
                    d -= 9;
                }
            }

            sum += d;
        }

        return sum % 10 == 0;
    }

    public static bool PassesIbanChecksum(string iban)
    {
        var compact = iban.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant();
        if (compact.Length is < 15 or > 34)
        {
            return false;
        }

        var rearranged = compact[4..] + compact[..4];
        var numeric = new StringBuilder();
        foreach (var c in rearranged)
        {
            if (char.IsDigit(c))
            {
                numeric.Append(c);
            }
            else if (c is >= 'A' and <= 'Z')
            {
                numeric.Append(c - 'A' + 10);
            }
            else
            {
                return false;
            }
        }

        return BigInteger.Parse(numeric.ToString(), System.Globalization.CultureInfo.InvariantCulture) % 97 == 1;
    }

    /// <summary>
    /// Phone numbers: international (+CC, optional "(0)" trunk prefix), national with area codes in brackets,
    /// groups separated by spaces, dots or hyphens, and an optional extension ("x123", "ext. 12"). Shapes that are
    /// something else are rejected: dates and date-times, US social security numbers (3-2-4), 4-2-4 licence numbers,
    /// a Brazilian-style 5-3 postcode, and a two-group number followed by a word (a house number and street).
    /// </summary>
    private static void AddPhones(List<PersonalDataSpan> spans, string text)
    {
        foreach (Match match in PhonePattern().Matches(text))
        {
            var value = match.Value;
            var digits = Digits(ExtensionPattern().Replace(value, ""));
            if (digits.Length is < 7 or > 15 || DatePattern().IsMatch(value) || SsnShape().IsMatch(value) || LicenceShape().IsMatch(value) || PostcodeShape().IsMatch(value))
            {
                continue;
            }

            var groups = GroupSeparator().Split(value.Trim()).Length;
            var after = text.AsSpan(match.Index + match.Length);
            var nextWord = after.TrimStart(' ');
            var followedByWord = after.Length > 0 && after[0] == ' ' && nextWord.Length > 0 && char.IsLetter(nextWord[0]);
            // NNN-NNNN is the classic local phone shape, never a house number, whatever follows it.
            if (groups <= 2 && !value.StartsWith('+') && followedByWord && !LocalPhoneShape().IsMatch(value))
            {
                continue;
            }

            spans.Add(new PersonalDataSpan("phone", match.Index, match.Length, value));
        }
    }

    private static bool IsPlausibleSsn(string value)
    {
        var parts = value.Split('-');
        return parts[0] is not ("000" or "666") && parts[0][0] != '9' && parts[1] != "00" && parts[2] != "0000";
    }

    private static void Add(List<PersonalDataSpan> spans, string type, Regex pattern, string text, Func<string, bool> check)
    {
        foreach (Match match in pattern.Matches(text))
        {
            if (check(match.Value))
            {
                spans.Add(new PersonalDataSpan(type, match.Index, match.Length, match.Value));
            }
        }
    }

    private static string Digits(string value) => new(value.Where(char.IsDigit).ToArray());

    private static bool IsValidIp(string value) =>
        value.Split('.').All(part => int.TryParse(part, out var n) && n is >= 0 and <= 255);

    [GeneratedRegex(@"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")]
    private static partial Regex EmailPattern();

    [GeneratedRegex(@"(?<![\d+])\d(?:[ -]?\d){11,18}(?!\d)")]
    private static partial Regex CardPattern();

    [GeneratedRegex(@"\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,4})?\b")]
    private static partial Regex IbanPattern();

    [GeneratedRegex(@"\b(?:sk-[A-Za-z0-9_-]{20,}|AKIA[0-9A-Z]{16}|ghp_[A-Za-z0-9]{36}|xox[baprs]-[A-Za-z0-9-]{10,}|AIza[0-9A-Za-z_-]{35})\b")]
    private static partial Regex ApiKeyPattern();

    [GeneratedRegex(@"\b(?:\d{1,3}\.){3}\d{1,3}\b")]
    private static partial Regex IpPattern();

    [GeneratedRegex(@"^\d{4}[-/.]\d{1,2}[-/.]\d{1,2}$|^\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}$")]
    private static partial Regex DatePattern();

    [GeneratedRegex(@"(?<![\w.+-])(?:(?:\+|00)\d{1,3}[ .-]?(?:\(0\)[ .-]?)?)?(?:\(\d{2,4}\)[ .-]?)?\d{2,5}(?:[ .-]\d{2,6}){1,4}(?:\s?(?:x|ext\.?)\s?\d{1,6})?(?![\w:]|[.-]\d)|(?<![\w.+-])\+\d{10,14}(?!\w)|(?<![\w.+-])\(\d{2,4}\)\d{3}[ .-]?\d{3,4}(?:x\d{1,6})?(?!\w)|(?<=(?:phone|tel|mobile|cell|desk|fax|call|at)\W{1,3})\d{10,11}(?!\w)", RegexOptions.IgnoreCase)]
    private static partial Regex PhonePattern();

    [GeneratedRegex(@"^\d{3}-\d{4}$")]
    private static partial Regex LocalPhoneShape();

    [GeneratedRegex(@"\s?(?:x|ext\.?)\s?\d{1,6}$", RegexOptions.IgnoreCase)]
    private static partial Regex ExtensionPattern();

    [GeneratedRegex(@"[ .-]+")]
    private static partial Regex GroupSeparator();

    [GeneratedRegex(@"(?<![\w-])\d{3}-\d{2}-\d{4}(?![\w-])")]
    private static partial Regex SsnPattern();

    [GeneratedRegex(@"^\d{3}-\d{2}-\d{4}$")]
    private static partial Regex SsnShape();

    [GeneratedRegex(@"^\d{5}-\d{3}$")]
    private static partial Regex PostcodeShape();

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{4}$")]
    private static partial Regex LicenceShape();
}
