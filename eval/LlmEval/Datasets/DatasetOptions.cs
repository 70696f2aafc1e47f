namespace LlmEval.Datasets;

/// <summary>How to read one dataset file. Column names map the golden-case fields to the file's own columns.</summary>
public sealed record DatasetOptions
{
    public required string Name { get; init; }

    public required string Path { get; init; }

    /// <summary><c>csv</c> or <c>jsonl</c>; taken from the file extension when not set.</summary>
    public string? Format { get; init; }

    /// <summary>CSV field separator. Comma by default.</summary>
    public char Delimiter { get; init; } = ',';

    /// <summary>Separator between passages inside the context cell, and between must-not-contain strings.</summary>
    public string ListSeparator { get; init; } = " || ";

    /// <summary>Source column for each golden-case field, when the file does not use the standard names.</summary>
    public IReadOnlyDictionary<string, string> Columns { get; init; } = new Dictionary<string, string>();

    /// <summary>Take only the first N rows (0 = all): for quick local runs on large files.</summary>
    public int Limit { get; init; }

    public string ColumnFor(string field) => Columns.TryGetValue(field, out var column) ? column : field;

    public string EffectiveFormat =>
        (Format ?? System.IO.Path.GetExtension(Path).TrimStart('.')).ToLowerInvariant();
}
