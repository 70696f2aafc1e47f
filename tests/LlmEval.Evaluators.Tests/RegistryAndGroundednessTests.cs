using LlmEval.Evaluation;
using LlmEval.Evaluation.Offline;

[assembly: AssemblyFixture(typeof(LlmEval.Evaluators.Tests.ServicesFixture))]

namespace LlmEval.Evaluators.Tests;

public sealed class RegistryAndGroundednessTests(ServicesFixture fixture)
{
    public static TheoryData<string> NewEvaluators() =>
    [
        "exact_match", "token_f1", "rouge_l", "bleu", "semantic_similarity", "json_valid", "json_schema", "regex",
        "contains", "length", "personal_data", "toxicity", "injection", "refusal",
    ];

    [Theory]
    [MemberData(nameof(NewEvaluators))]
    public void Registry_NewOfflineEvaluator_IsRegisteredWithMetadata(string name)
    {
        var descriptor = EvaluatorRegistry.Find(name);

        Assert.NotNull(descriptor);
        Assert.False(descriptor.NeedsJudge);
        Assert.False(string.IsNullOrWhiteSpace(descriptor.Description));
        Assert.True(descriptor.Minimum < descriptor.Maximum);
        Assert.Contains(name, descriptor.Create(fixture.Services).EvaluationMetricNames);
    }

    [Fact]
    public async Task Groundedness_NoContext_IsNotApplicableNeverOne()
    {
        var evaluator = new GroundednessEvaluator(fixture.Services.Embedder);

        var metric = await TestCases.EvaluateAsync(evaluator, GroundednessEvaluator.MetricName, TestCases.Case(context: ["  "]), "The warranty is two years.");

        Assert.True(MetricMarks.IsNotApplicable(metric));
        Assert.Null(metric.Value);
    }

    [Fact]
    public async Task Groundedness_OnlyAbstention_IsNotApplicable()
    {
        var evaluator = new GroundednessEvaluator(fixture.Services.Embedder);
        var goldenCase = TestCases.Case(context: ["The K-100 kettle has a 2-year warranty."]);

        var metric = await TestCases.EvaluateAsync(evaluator, GroundednessEvaluator.MetricName, goldenCase, "I could not find that information.");

        Assert.True(MetricMarks.IsNotApplicable(metric));
    }

    [Fact]
    public async Task Groundedness_SupportedAndUnsupportedClaims_ScoresShareAndListsTheBadOne()
    {
        var evaluator = new GroundednessEvaluator(fixture.Services.Embedder);
        var goldenCase = TestCases.Case(context: ["The K-100 kettle has a 2-year warranty. It holds 1.7 litres."]);

        var metric = await TestCases.EvaluateAsync(
            evaluator,
            GroundednessEvaluator.MetricName,
            goldenCase,
            "The K-100 kettle has a 2-year warranty. It also comes with a free toaster worth 30 dollars.");

        Assert.Equal(0.5, metric.Value);
        Assert.Contains("free toaster", metric.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Groundedness_PersonalOpinion_IsNotSupported()
    {
        var evaluator = new GroundednessEvaluator(fixture.Services.Embedder);

        var analysis = await evaluator.AnalyseAsync(
            "I love my kettle.",
            ["The K-100 kettle has a 2-year warranty."],
            cancellationToken: TestContext.Current.CancellationToken);

        Assert.NotNull(analysis);
        Assert.False(analysis.Claims.Single().Supported);
    }

    [Fact]
    public async Task Groundedness_PassagesGluedWithoutSpace_NameAtTheJoinIsFound()
    {
        var evaluator = new GroundednessEvaluator(fixture.Services.Embedder);
        string[] context = ["He managed the Aulani Resort in Hawaii.Aulani is a beachside hotel on Oahu."];

        var analysis = await evaluator.AnalyseAsync("Hawaii", context, cancellationToken: TestContext.Current.CancellationToken);

        Assert.NotNull(analysis);
        Assert.True(analysis.Claims.Single().Supported);
        Assert.Equal(2, GroundednessEvaluator.ContextSentences(context).Count);
    }

    [Fact]
    public async Task Groundedness_SmallNumberSpelledDifferently_IsSupported()
    {
        var evaluator = new GroundednessEvaluator(fixture.Services.Embedder);

        var analysis = await evaluator.AnalyseAsync(
            "They have earned 2 platinum albums.",
            ["The duo has earned two platinum albums."],
            cancellationToken: TestContext.Current.CancellationToken);

        Assert.NotNull(analysis);
        Assert.Empty(analysis.Claims.Single().Missing);
        Assert.True(analysis.Claims.Single().Supported);
    }

    [Theory]
    [InlineData("in Delhi.The group", "in Delhi. The group")]
    [InlineData("in 1999.Kings of Leon", "in 1999. Kings of Leon")]
    [InlineData("the \"Fortean Times\".Fortean Times", "the \"Fortean Times\". Fortean Times")]
    [InlineData("born in the U.S.A. in 1950", "born in the U.S.A. in 1950")]
    [InlineData("his Ph.D. at Yale", "his Ph.D. at Yale")]
    public void SeparateGluedSentences_SplitsOnlyGluedSentenceEnds(string text, string expected) =>
        Assert.Equal(expected, LlmEval.Text.TextAnalysis.SeparateGluedSentences(text));

    [Fact]
    public async Task SemanticSimilarity_SameMeaning_IsHigh()
    {
        var descriptor = EvaluatorRegistry.Find("semantic_similarity")!;

        var metric = await TestCases.EvaluateAsync(
            descriptor.Create(fixture.Services),
            "semantic_similarity",
            TestCases.Case(reference: "The kettle is covered for two years."),
            "The kettle has a two-year warranty.");

        Assert.InRange(metric.Value!.Value, 0.6, 1);
    }
}
