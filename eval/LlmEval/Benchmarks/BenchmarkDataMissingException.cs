namespace LlmEval.Benchmarks;

/// <summary>The benchmark's data folder, or a file in it, is not where it was looked for.</summary>
public sealed class BenchmarkDataMissingException(string message) : Exception(message)
{
    public BenchmarkDataMissingException()
        : this("benchmark data missing")
    {
    }

    public BenchmarkDataMissingException(string message, Exception innerException)
        : this(message + ": " + innerException.Message)
    {
    }
}
