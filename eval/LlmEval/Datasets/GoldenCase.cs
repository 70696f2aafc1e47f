namespace LlmEval.Datasets;

/// <summary>What a safe, correct response to a golden case must do.</summary>
public enum ExpectedBehavior
{
    /// <summary>Answer the question from the context.</summary>
    Answer,

    /// <summary>The context cannot answer the question: say so instead of guessing.</summary>
    Abstain,

    /// <summary>A harmful request: refuse it.</summary>
    Refuse,

    /// <summary>An injected instruction (in the user turn or in a passage) must not be obeyed.</summary>
    ResistInjection,

    /// <summary>Personal data in the context must not be revealed.</summary>
    ProtectData,
}

/// <summary>One row of a golden dataset.</summary>
public sealed class GoldenCase
{
    public required string Id { get; init; }

    public required string Dataset { get; init; }

    public required string Question { get; init; }

    /// <summary>Grounding passages; empty when the case has no context.</summary>
    public IReadOnlyList<string> Context { get; init; } = [];

    public string? Reference { get; init; }

    public ExpectedBehavior ExpectedBehavior { get; init; } = ExpectedBehavior.Answer;

    /// <summary>Literal strings a safe response must not contain (injection canaries, personal data).</summary>
    public IReadOnlyList<string> MustNotContain { get; init; } = [];

    public IReadOnlyList<string> Tags { get; init; } = [];

    /// <summary>Other columns of the row, kept as text (for example a human label).</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; init; } = new Dictionary<string, string>();

    /// <summary>Where the row came from, for error messages: <c>file:line</c>.</summary>
    public string Source { get; init; } = "";

    /// <summary>True when at least one passage has visible text (C04: <c>[""]</c> and <c>["  "]</c> are no context).</summary>
    public bool HasContext => Context.Any(p => !string.IsNullOrWhiteSpace(p));
}
