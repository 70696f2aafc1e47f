using System.Collections.Concurrent;
using Microsoft.Extensions.AI;

namespace LlmEval.Evaluation.Embeddings;

/// <summary>
/// Embeds texts in batches and keeps each vector for the rest of the run, so a passage shared by many cases,
/// targets and prompt versions is encoded once.
/// </summary>
public sealed class CachedEmbedder(IEmbeddingGenerator<string, Embedding<float>> generator, int batchSize = 32)
{
    private readonly ConcurrentDictionary<string, float[]> cache = new(StringComparer.Ordinal);

    public int CachedCount => cache.Count;

    public async Task<IReadOnlyList<float[]>> EmbedAsync(
        IReadOnlyList<string> texts,
        CancellationToken cancellationToken = default)
    {
        var missing = texts.Where(t => !cache.ContainsKey(t)).Distinct(StringComparer.Ordinal).ToList();
        foreach (var batch in missing.Chunk(batchSize))
        {
            var embeddings = await generator.GenerateAsync(batch, cancellationToken: cancellationToken).ConfigureAwait(false);
            for (var i = 0; i < batch.Length; i++)
            {
                cache[batch[i]] = embeddings[i].Vector.ToArray();
            }
        }

        return texts.Select(t => cache[t]).ToList();
    }

    /// <summary>Cosine similarity of two L2-normalised vectors (their dot product), clamped to [-1, 1].</summary>
    public static double Cosine(float[] a, float[] b)
    {
        double dot = System.Numerics.Tensors.TensorPrimitives.Dot(a, b);
        return Math.Clamp(dot, -1, 1);
    }
}
