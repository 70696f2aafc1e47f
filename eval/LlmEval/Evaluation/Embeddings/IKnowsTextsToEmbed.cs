using LlmEval.Datasets;

namespace LlmEval.Evaluation.Embeddings;

/// <summary>
/// An evaluator that embeds texts known before any target answers (questions, references, context sentences).
/// The runner embeds those for every case up front in large batches, which the model runs several times faster
/// than the few texts a single case needs; during the run they are cache hits.
/// </summary>
public interface IKnowsTextsToEmbed
{
    IEnumerable<string> TextsToEmbedBeforehand(GoldenCase goldenCase);
}
