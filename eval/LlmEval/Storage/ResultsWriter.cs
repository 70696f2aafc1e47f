using System.Text.Json;
using System.Text.Json.Serialization;

namespace LlmEval.Storage;

/// <summary>
/// Appends case results to <c>results.jsonl</c> as they complete, one JSON object a line, flushed each time, so
/// memory stays flat and an interrupted run keeps everything it finished.
/// </summary>
public sealed class ResultsWriter : IAsyncDisposable
{
    public static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    private readonly StreamWriter writer;
    private readonly SemaphoreSlim gate = new(1, 1);

    public ResultsWriter(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        writer = new StreamWriter(path, append: false, new System.Text.UTF8Encoding(false));
        FilePath = path;
    }

    public string FilePath { get; }

    public async Task WriteAsync(CaseResult result, CancellationToken cancellationToken = default)
    {
        var line = JsonSerializer.Serialize(result, JsonOptions);
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await writer.WriteLineAsync(line.AsMemory(), cancellationToken).ConfigureAwait(false);
            await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            gate.Release();
        }
    }

    public static IEnumerable<CaseResult> Read(string path) =>
        File.ReadLines(path)
            .Where(l => !string.IsNullOrWhiteSpace(l))
            .Select(l => JsonSerializer.Deserialize<CaseResult>(l, JsonOptions)!);

    public async ValueTask DisposeAsync()
    {
        await writer.DisposeAsync().ConfigureAwait(false);
        gate.Dispose();
    }
}
