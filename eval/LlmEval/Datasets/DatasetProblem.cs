namespace LlmEval.Datasets;

/// <summary>One problem found in an input file, located so that a person can fix it.</summary>
public sealed record DatasetProblem(string File, long Line, string? Column, string Message)
{
    public override string ToString()
    {
        // Line 0 means the problem is the file itself (missing, unknown format): no line to point at.
        var location = Line > 0 ? $"{File}:{Line}" : File;
        return Column is null ? $"{location}: {Message}" : $"{location}: column '{Column}': {Message}";
    }
}

/// <summary>Thrown when an input file is rejected; lists every problem found, not only the first.</summary>
public sealed class InvalidInputException : Exception
{
    public InvalidInputException(IReadOnlyList<DatasetProblem> problems)
        : base(FormatMessage(problems))
    {
        Problems = problems;
    }

    public InvalidInputException(string message)
        : base(message)
    {
        Problems = [];
    }

    public InvalidInputException(string message, Exception innerException)
        : base(message, innerException)
    {
        Problems = [];
    }

    public IReadOnlyList<DatasetProblem> Problems { get; }

    private static string FormatMessage(IReadOnlyList<DatasetProblem> problems) =>
        string.Join(Environment.NewLine, problems.Select(p => p.ToString()));
}
