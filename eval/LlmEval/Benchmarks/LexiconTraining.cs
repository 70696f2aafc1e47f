using System.Globalization;
using LlmEval.Text;

namespace LlmEval.Benchmarks;

/// <summary>
/// Rebuilds the shipped lexicons (<c>eval/LlmEval/Text/Lexicons/*.tsv</c>) from the development splits only:
/// toxicity from <c>davidson_dev.csv</c>, prompt injection from deepset's <c>train.csv</c>.
/// </summary>
public static class LexiconTraining
{
    public static IReadOnlyList<string> Run(string dataDirectory, string outputDirectory)
    {
        if (!Directory.Exists(dataDirectory))
        {
            throw new BenchmarkDataMissingException(AccuracyBenchmark.MissingDataMessage(dataDirectory));
        }

        Directory.CreateDirectory(outputDirectory);
        var data = new BenchData(dataDirectory, "dev");
        var lines = new List<string>();

        var toxicity = LexiconLearner.Learn(
            data.Davidson().Select(r => (r.Text, r.Toxic)).ToList(),
            Toxicity.Features,
            bigrams: false,
            LexiconObjective.F1);
        Write(outputDirectory, "toxicity", toxicity, "davidson-hate-offensive/davidson_dev.csv (hate speech or offensive = 1, neither = 0)", "F1");
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
            L2 {learned.L2} and minimum weight {learned.MinimumWeight}, chosen with the threshold by 5-fold cross-validation ({objective} {learned.CrossValidatedObjective:0.000}).
            Score = logistic(sum of the weights present + __bias__), where __bias__ is minus the evidence threshold, so a text
            with no listed feature scores below 0.5 and the decision threshold is 0.5. Content warning: lists slurs and profanity.
            """);
        File.WriteAllText(Path.Combine(directory, name + ".tsv"), learned.Lexicon.Write(header));
    }

    private static string Describe(string name, LearnedLexicon learned, string objective) =>
        string.Create(
            CultureInfo.InvariantCulture,
            $"{name}: {learned.Features} weighted features from {learned.Examples} texts; cross-validated {objective} {learned.CrossValidatedObjective:0.000} (L2 {learned.L2}, minimum weight {learned.MinimumWeight})");
}
