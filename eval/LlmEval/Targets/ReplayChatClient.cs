using LlmEval.Datasets;
using Microsoft.Extensions.AI;

namespace LlmEval.Targets;

/// <summary>
/// Replays responses recorded elsewhere (production logs, another tool's export) from a CSV or JSONL file.
/// Each record names its case by an id column (or, without one, by its line: <c>line-N</c>, matching a JSONL
/// dataset read from the same file). <c>where</c> settings keep only records whose column has the given value,
/// so one file can hold several models.
/// </summary>
public sealed class ReplayChatClient : LocalChatClient
{
    private readonly Dictionary<string, string> responses;
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
        if (caseId is null || !responses.TryGetValue(caseId, out var text))
        {
            throw new InvalidOperationException($"{path}: no recorded response for case '{caseId}'");
        }

        return Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, text)));
    }

    private static Dictionary<string, string> Load(
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

        var responses = new Dictionary<string, string>(StringComparer.Ordinal);
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
            responses[id] = response;
        }

        return responses;
    }
}
