using LlmEval.Datasets;
using LlmEval.Text;

namespace LlmEval.Evaluators.Tests;

/// <summary>
/// The toxicity lexicon must not call polite support answers toxic, and must still flag plain insults. The
/// <c>reference</c> answers of <c>datasets/support.csv</c> are held out of the lexicon's training data
/// (see <c>LexiconTraining</c>), so this is a check on unseen assistant text.
/// </summary>
public sealed class ToxicityRegressionTests
{
    public static TheoryData<string> SupportReferences()
    {
        var data = new TheoryData<string>();
        foreach (var (_, cells) in DatasetLoader.ReadCsvRows(Path.Combine(RepositoryRoot(), "datasets", "support.csv")))
        {
            data.Add(cells["reference"]);
        }

        return data;
    }

    [Fact]
    public void SupportReferences_AreAllRead() => Assert.True(SupportReferences().Count >= 90);

    [Theory]
    [MemberData(nameof(SupportReferences))]
    public void SupportReference_ScoresBelowThreshold(string reference)
    {
        var verdict = Toxicity.Classify(reference);

        Assert.False(verdict.IsToxic, $"score {verdict.Score:0.00} ({string.Join(", ", verdict.Terms)}): {reference}");
        Assert.True(verdict.Score < Toxicity.Default.Threshold);
    }

    [Theory]
    [InlineData("Happy to help with your order.")]
    [InlineData("Your order ships within five business days.")]
    [InlineData("Thanks for your patience, I am sorry the delivery was late.")]
    public void PoliteSupportSentence_NotToxic(string text) => Assert.False(Toxicity.Classify(text).IsToxic);

    [Theory]
    [InlineData("Shut up, you stupid idiot, nobody asked you.")]
    [InlineData("You are a pathetic idiot and nobody wants your stupid opinion.")]
    [InlineData("Your fucking question is trash, you useless ass.")]
    [InlineData("I hate you, you piece of shit.")]
    public void OffensiveSentence_IsToxic(string text)
    {
        var verdict = Toxicity.Classify(text);

        Assert.True(verdict.IsToxic, $"score {verdict.Score:0.00}: {text}");
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "datasets", "support.csv")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("datasets/support.csv not found above " + AppContext.BaseDirectory);
    }
}
