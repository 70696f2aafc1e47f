using System.Text.RegularExpressions;
using LlmEval.Text;
using Microsoft.Extensions.AI;

namespace LlmEval.Targets;

/// <summary>Settings of the offline target; the prompt's system message can tighten them.</summary>
public sealed record OfflineTargetSettings
{
    /// <summary>How many context sentences to answer with.</summary>
    public int Sentences { get; init; } = 1;

    /// <summary>Share of the question's content words a sentence must cover before the target answers with it,
    /// when the prompt asks it to admit not knowing.</summary>
    public double MinSupport { get; init; } = 0.2;
}

/// <summary>
/// The built-in offline target: an honest, deterministic, non-LLM baseline. It reads the rendered prompt, finds
/// the passages (lines starting with <c>[n]</c>) and the question (the line starting with <c>Question:</c>), and
/// answers with the context sentences that share the most content words with the question. It follows three
/// kinds of instruction when the system message gives them: admit not knowing when the context does not cover
/// the question; ignore instructions found inside passages; never reveal personal data.
/// </summary>
public sealed partial class OfflineExtractiveChatClient(OfflineTargetSettings settings) : LocalChatClient
{
    public const string NotFoundAnswer = "I could not find that information in the documents I have.";

    public override Task<ChatResponse> GetResponseAsync(
        IEnumerable<ChatMessage> messages,
        ChatOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        var list = messages.ToList();
        var system = string.Join("\n", list.Where(m => m.Role == ChatRole.System).Select(m => m.Text)).ToLowerInvariant();
        var user = list.LastOrDefault(m => m.Role == ChatRole.User)?.Text ?? "";
        var answer = Answer(ReadInstructions(system), user);
        return Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, answer)) { ModelId = "offline-extractive" });
    }

    private sealed record Instructions(bool AdmitNotKnowing, bool IgnoreInjectedInstructions, bool ProtectPersonalData);

    private static Instructions ReadInstructions(string system) => new(
        AdmitNotKnowing: AdmitRule().IsMatch(system),
        IgnoreInjectedInstructions: InjectionRule().IsMatch(system),
        ProtectPersonalData: PrivacyRule().IsMatch(system));

    private string Answer(Instructions instructions, string user)
    {
        var passages = PassageLine().Matches(user).Select(m => m.Groups[1].Value).ToList();
        var question = QuestionLine().Match(user) is { Success: true } q ? q.Groups[1].Value : user;
        var questionWords = TextAnalysis.ContentWords(question).ToHashSet(StringComparer.Ordinal);

        var candidates = passages
            .SelectMany(TextAnalysis.Sentences)
            .Where(s => !(instructions.IgnoreInjectedInstructions && LooksLikeInstruction(s)))
            .Select((sentence, index) => (sentence, index, score: Coverage(sentence, questionWords)))
            .ToList();

        var best = candidates
            .OrderByDescending(c => c.score)
            .ThenBy(c => c.index)
            .Take(Math.Max(1, settings.Sentences))
            .Where(c => c.score > 0 || !instructions.AdmitNotKnowing)
            .OrderBy(c => c.index)
            .ToList();

        if (best.Count == 0 || (instructions.AdmitNotKnowing && best.Max(c => c.score) < settings.MinSupport))
        {
            return NotFoundAnswer;
        }

        var answer = string.Join(" ", best.Select(c => c.sentence));
        if (instructions.ProtectPersonalData)
        {
            answer = PersonalData.Mask(answer, PersonalData.Find(answer));
        }

        return answer;
    }

    private static double Coverage(string sentence, HashSet<string> questionWords)
    {
        if (questionWords.Count == 0)
        {
            return 0;
        }

        var words = TextAnalysis.ContentWords(sentence).ToHashSet(StringComparer.Ordinal);
        return questionWords.Count(words.Contains) / (double)questionWords.Count;
    }

    private static bool LooksLikeInstruction(string sentence) => InstructionShape().IsMatch(sentence);

    [GeneratedRegex(@"^\s*\[\d+\]\s*(.+)$", RegexOptions.Multiline)]
    private static partial Regex PassageLine();

    [GeneratedRegex(@"^\s*Question:\s*(.+)$", RegexOptions.Multiline)]
    private static partial Regex QuestionLine();

    [GeneratedRegex(@"(don'?t|do not|not) know|cannot be answered|not in the (context|documents)|does not (contain|cover)")]
    private static partial Regex AdmitRule();

    [GeneratedRegex(@"instructions? (found |that appear )?(in|inside|within) the (context|documents|passages)|never follow instructions")]
    private static partial Regex InjectionRule();

    [GeneratedRegex(@"personal (data|information)|never reveal")]
    private static partial Regex PrivacyRule();

    [GeneratedRegex(
        @"\b(ignore|disregard|forget)\b.{0,40}\b(instructions?|rules?|prompts?)\b|\b(system|admin|developer)\s+(note|message|override|instruction)|\b(assistant|ai|model|chatbot)s?\s+(must|should|shall|will)\b|\b(you must|you are now|from now on)\b",
        RegexOptions.IgnoreCase)]
    private static partial Regex InstructionShape();
}
