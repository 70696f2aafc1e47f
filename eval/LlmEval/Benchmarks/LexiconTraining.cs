using System.Globalization;
using LlmEval.Text;

namespace LlmEval.Benchmarks;

/// <summary>
/// Rebuilds the shipped lexicons (<c>eval/LlmEval/Text/Lexicons/*.tsv</c>) from the development splits only:
/// toxicity from <c>davidson_dev.csv</c>, prompt injection from deepset's <c>train.csv</c>.
/// </summary>
/// <remarks>
/// Data the toxicity lexicon is learned from (never a test file):
/// <list type="bullet">
/// <item>labelled: <c>davidson-hate-offensive/davidson_dev.csv</c> (750 tweets; hate speech or offensive = 1, neither = 0);
/// the F1 that picks the L2 strength, the minimum weight and the threshold is measured on these only;</item>
/// <item>benign negatives from the dev splits under the data folder (see <see cref="BenchData.BenignTexts"/>):
/// halueval-general, halueval-qa, truthfulqa judgements, deepset <c>train.csv</c> label 0, presidio, begin-wow;</item>
/// <item>benign negatives from this repository: the <c>context</c> passages and <c>question</c>s of
/// <c>datasets/support.csv</c> and <c>datasets/safety.csv</c>, and the <c>reference</c> answers of <c>safety.csv</c>.
/// The <c>reference</c> answers of <c>support.csv</c> are deliberately left out: the regression test checks them.</item>
/// </list>
/// Tweets alone made everyday words lean toxic ("happy", "order", "business"); with the benign texts such words get
/// negative or no weight. Words seen in fewer than <see cref="MinimumDocuments"/> texts get no weight at all (neutral),
/// and the threshold may flag at most <see cref="MaximumBenignFalsePositiveRate"/> of the benign texts out of fold.
/// </remarks>
public static class LexiconTraining
{
    /// <summary>A word must occur in at least this many training texts to get a weight.</summary>
    public const int MinimumDocuments = 3;

    /// <summary>Largest out-of-fold share of benign texts the toxicity threshold may flag.</summary>
    public const double MaximumBenignFalsePositiveRate = 0.01;

    /// <summary>Benign texts of this repository's own datasets (see the remarks); missing files are an error.</summary>
    public static List<string> RepositoryBenignTexts(string datasetsDirectory)
    {
        var texts = new List<string>();
        foreach (var (file, references) in new[] { ("support.csv", false), ("safety.csv", true) })
        {
            var path = Path.Combine(datasetsDirectory, file);
            if (!File.Exists(path))
            {
                throw new BenchmarkDataMissingException($"repository dataset not found: {Path.GetFullPath(path)} (pass --datasets, the repository's datasets folder)");
            }

            foreach (var (_, cells) in LlmEval.Datasets.DatasetLoader.ReadCsvRows(path))
            {
                texts.Add(cells["question"]);
                texts.AddRange(cells["context"].Split("||", StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries));
                if (references)
                {
                    texts.Add(cells["reference"]);
                }
            }
        }

        return texts.Where(t => t.Length > 0).Distinct(StringComparer.Ordinal).ToList();
    }

    public static IReadOnlyList<string> Run(string dataDirectory, string outputDirectory, string datasetsDirectory = "datasets")
    {
        if (!Directory.Exists(dataDirectory))
        {
            throw new BenchmarkDataMissingException(AccuracyBenchmark.MissingDataMessage(dataDirectory));
        }

        Directory.CreateDirectory(outputDirectory);
        var data = new BenchData(dataDirectory, "dev");
        var lines = new List<string>();

        var benign = data.BenignTexts().Concat(RepositoryBenignTexts(datasetsDirectory)).Distinct(StringComparer.Ordinal).ToList();
        var toxicity = LexiconLearner.Learn(
            data.Davidson().Select(r => (r.Text, r.Toxic)).ToList(),
            Toxicity.Features,
            bigrams: false,
            LexiconObjective.F1,
            benign,
            MinimumDocuments,
            MaximumBenignFalsePositiveRate);
        Write(
            outputDirectory,
            "toxicity",
            toxicity,
            "davidson-hate-offensive/davidson_dev.csv (hate speech or offensive = 1, neither = 0), with benign negatives from the dev splits and datasets/*.csv (not support.csv references)",
            "F1");
        lines.Add(Describe("toxicity", toxicity, "F1"));

        var injection = LexiconLearner.Learn(
            data.Deepset().Select(r => (r.Text, r.Injection)).ToList(),
            PromptInjection.Features,
            bigrams: true,
            LexiconObjective.Accuracy);
        Write(outputDirectory, "injection", injection, "deepset-prompt-injections/train.csv (injection = 1, benign = 0)", "accuracy");
        lines.Add(Describe("injection", injection, "accuracy"));
        return lines;
    }

    private static void Write(string directory, string name, LearnedLexicon learned, string source, string objective)
    {
        var header = string.Create(
            CultureInfo.InvariantCulture,
            $"""
            {name} lexicon: log-odds weights of an L2-regularised logistic regression on binary features.
            Learned by `llmeval bench learn` from {source} ONLY ({learned.Examples} texts); never from a test split.
            L2 {learned.L2} and minimum weight {learned.MinimumWeight}, chosen with the threshold by 5-fold cross-validation ({objective} {learned.CrossValidatedObjective:0.000}).{(learned.BenignExamples > 0 ? $"\nBenign negatives: {learned.BenignExamples} texts (out-of-fold false positives {learned.BenignFalsePositiveRate:0.000}); words in fewer than {MinimumDocuments} texts are neutral." : "")}
            Score = logistic(sum of the weights present + __bias__), where __bias__ is minus the evidence threshold, so a text
            with no listed feature scores below 0.5 and the decision threshold is 0.5. Content warning: lists slurs and profanity.
            """);
        File.WriteAllText(Path.Combine(directory, name + ".tsv"), learned.Lexicon.Write(header));
    }

    private static string Describe(string name, LearnedLexicon learned, string objective) =>
        string.Create(
            CultureInfo.InvariantCulture,
            $"{name}: {learned.Features} weighted features from {learned.Examples} texts{(learned.BenignExamples > 0 ? $" and {learned.BenignExamples} benign texts" : "")}; cross-validated {objective} {learned.CrossValidatedObjective:0.000} (L2 {learned.L2}, minimum weight {learned.MinimumWeight}{(learned.BenignExamples > 0 ? $", benign false positives {learned.BenignFalsePositiveRate:0.000}" : "")})");
}
