using LlmEval.Evaluation.Embeddings;
using Microsoft.ML.Tokenizers;

namespace LlmEval.Evaluation;

/// <summary>Shared, lazily created resources for evaluators: the embedding model loads only if a metric needs it.</summary>
public sealed class EvaluatorServices
{
    private readonly Lazy<CachedEmbedder> embedder = new(() => new CachedEmbedder(new MiniLmEmbeddingGenerator()));
    private readonly Lazy<Tokenizer> tokenizer = new(() => TiktokenTokenizer.CreateForModel("gpt-4o"));

    public CachedEmbedder Embedder => embedder.Value;

    /// <summary>o200k tokenizer, for token estimates when a provider reports no usage.</summary>
    public Tokenizer Tokenizer => tokenizer.Value;
}
