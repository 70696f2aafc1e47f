using LlmEval.Evaluation;
using LlmEval.Evaluation.Embeddings;

namespace LlmEval.Tests.Support;

/// <summary>
/// One set of evaluator services for the whole test run: the MiniLM encoder costs about half a second and
/// several hundred megabytes, so every test that needs embeddings shares this one.
/// </summary>
internal static class SharedModel
{
    public static EvaluatorServices Services { get; } = new();

    public static CachedEmbedder Embedder => Services.Embedder;
}
