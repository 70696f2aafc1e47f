using LlmEval.Datasets;
using Microsoft.Extensions.AI;

namespace LlmEval.Targets;

/// <summary>
/// Replays responses recorded elsewhere (production logs, another tool's export) from a CSV or JSONL file.
/// Each record names its case by an id column (or, without one, by its line: <c>line-N</c>, matching a JSONL
/// dataset read from the same file). <c>where</c> settings keep only records whose column has the given value,
/// so one file can hold several models. Recorded token usage is replayed too, so logs can be costed: columns
/// <c>input_tokens</c>, <c>output_tokens</c>, <c>reasoning_tokens</c> (part of the output), and either
/// <c>cached_input_tokens</c> (OpenAI style: part of the input) or <c>cache_read_tokens</c> (Anthropic style:
/// beside the input).
/// </summary>
public sealed class ReplayChatClient : LocalChatClient
{
    private readonly Dictionary<string, Recording> responses;
    private readonly string path;

    public ReplayChatClient(string path, string idColumn, string responseColumn, IReadOnlyDictionary<string, string> where)
    {
        this.path = path;
        responses = Load(path, idColumn, responseColumn, where);
    }

    public int Count => responses.Count;

    public bool HasResponseFor(string caseId) => responses.ContainsKey(caseId);

    public override Task<ChatResponse> GetResponseAsync(
        IEnumerable<ChatMessage> messages,
        ChatOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        var caseId = options?.AdditionalProperties?.TryGetValue(Target.CaseIdProperty, out var id) == true ? id as string : null;
        if (caseId is null || !responses.TryGetValue(caseId, out var recording))
        {
            throw new InvalidOperationException($"{path}: no recorded response for case '{caseId}'");
        }

        return Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, recording.Text)) { Usage = recording.Usage });
    }

    private sealed record Recording(string Text, UsageDetails? Usage);

    private static Dictionary<string, Recording> Load(
        string path,
        string idColumn,
        string responseColumn,
        IReadOnlyDictionary<string, string> where)
    {
        if (!File.Exists(path))
        {
            throw new InvalidInputException($"{path}: recordings file not found (check the replay target's 'path' setting)");
        }

        IEnumerable<(long Line, IReadOnlyDictionary<string, string> Cells)> rows = path.EndsWith(".csv", StringComparison.OrdinalIgnoreCase)
            ? DatasetLoader.ReadCsvRows(path)
            : File.ReadLines(path)
                .Select((text, index) => (Line: (long)index + 1, Text: text))
                .Where(r => !string.IsNullOrWhiteSpace(r.Text))
                .Select(r => (r.Line, (IReadOnlyDictionary<string, string>)DatasetLoader.ParseJsonObject(r.Text)));

        var responses = new Dictionary<string, Recording>(StringComparer.Ordinal);
        foreach (var (line, cells) in rows)
        {
            if (!where.All(w => cells.TryGetValue(w.Key, out var v) && v == w.Value))
            {
                continue;
            }

            if (!cells.TryGetValue(responseColumn, out var response))
            {
                throw new InvalidInputException($"{path}:{line}: column '{responseColumn}' is missing (set the replay target's 'responseColumn')");
            }

            var id = cells.TryGetValue(idColumn, out var value) ? value : $"line-{line}";
            responses[id] = new Recording(response, ReadUsage(cells, path, line));
        }

        return responses;
    }

    /// <summary>
    /// Recorded usage in the M.E.AI convention (cached tokens inside the input count); null when the record has none.
    /// Anthropic-style cache reads are added to the input here, so both styles cost the same.
    /// </summary>
    private static UsageDetails? ReadUsage(IReadOnlyDictionary<string, string> cells, string path, long line)
    {
        long? Count(string column)
        {
            if (!cells.TryGetValue(column, out var text) || string.IsNullOrWhiteSpace(text))
            {
                return null;
            }

            return long.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n)
                ? n
                : throw new InvalidInputException($"{path}:{line}: column '{column}': '{text}' is not a whole number of tokens");
        }

        var input = Count("input_tokens");
        var output = Count("output_tokens");
        if (input is null && output is null)
        {
            return null;
        }

        var cacheReads = Count("cache_read_tokens");
        var cached = Count("cached_input_tokens") ?? cacheReads;
        return new UsageDetails
        {
            InputTokenCount = (input ?? 0) + (cacheReads ?? 0),
            CachedInputTokenCount = cached,
            OutputTokenCount = output,
            ReasoningTokenCount = Count("reasoning_tokens"),
        };
    }
}
