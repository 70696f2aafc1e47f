using LlmEval.Evaluation.Embeddings;
using Microsoft.Extensions.AI;

namespace LlmEval.Tests.Support;

/// <summary>
/// An embedding generator that counts the calls and texts it receives and delegates to the shared, real
/// MiniLM embedder, so a test can prove that an evaluator made no model call at all.
/// </summary>
internal sealed class CountingEmbeddingGenerator(CachedEmbedder inner) : IEmbeddingGenerator<string, Embedding<float>>
{
    private int calls;
    private int texts;

    public int Calls => Volatile.Read(ref calls);

    public int Texts => Volatile.Read(ref texts);

    public async Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values,
        EmbeddingGenerationOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        var list = values.ToList();
        Interlocked.Increment(ref calls);
        Interlocked.Add(ref texts, list.Count);

        var vectors = await inner.EmbedAsync(list, cancellationToken);
        return new GeneratedEmbeddings<Embedding<float>>(vectors.Select(v => new Embedding<float>(v)));
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is null && serviceType.IsInstanceOfType(this) ? this : null;

    public void Dispose()
    {
        // The inner embedder is shared and outlives this wrapper.
    }
}
