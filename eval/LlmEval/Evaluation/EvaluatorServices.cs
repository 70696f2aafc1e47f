using LlmEval.Evaluation.Embeddings;
using LlmEval.Evaluation.Judge;
using Microsoft.ML.Tokenizers;

namespace LlmEval.Evaluation;

/// <summary>Shared, lazily created resources for evaluators: the embedding model loads only if a metric needs it.</summary>
public sealed class EvaluatorServices
{
    private readonly Lazy<CachedEmbedder> embedder;
    private readonly Lazy<Tokenizer> tokenizer;

    public EvaluatorServices()
    {
        embedder = new(() => new CachedEmbedder(new MiniLmEmbeddingGenerator()));
        tokenizer = new(() => TiktokenTokenizer.CreateForModel("gpt-4o"));
    }

    private EvaluatorServices(EvaluatorServices shared, JudgeOptions judge)
    {
        embedder = shared.embedder;
        tokenizer = shared.tokenizer;
        Judge = judge;
    }

    public CachedEmbedder Embedder => embedder.Value;

    /// <summary>o200k tokenizer, for token estimates when a provider reports no usage.</summary>
    public Tokenizer Tokenizer => tokenizer.Value;

    /// <summary>Options for the judge evaluators (from the suite's <c>judge</c> section).</summary>
    public JudgeOptions Judge { get; } = new();

    /// <summary>The same shared resources with other judge options.</summary>
    public EvaluatorServices WithJudge(JudgeOptions judge) => new(this, judge);
}
