using LlmEval.Evaluation;
using LlmEval.Evaluation.Offline;

namespace LlmEval.Evaluators.Tests;

public sealed class ReferenceMetricsTests
{
    // SQuAD v1.1 evaluate script: normalize_answer lower-cases, drops string.punctuation, the articles a/an/the and
    // extra white space, so these pairs are exact matches.
    [Theory]
    [InlineData("The Denver Broncos!", "denver broncos")]
    [InlineData("  an   Apple, a day ", "apple day")]
    [InlineData("Saint-Denis", "saintdenis")]
    public void ExactMatch_SquadNormalisation_Matches(string prediction, string reference) =>
        Assert.Equal(1, ReferenceMetrics.ExactMatch(prediction, reference));

    [Fact]
    public void ExactMatch_DifferentAnswer_IsZero() =>
        Assert.Equal(0, ReferenceMetrics.ExactMatch("Carolina Panthers", "Denver Broncos"));

    // SQuAD F1 worked by its definition: "Denver Broncos won" vs "the Denver Broncos" share 2 tokens;
    // precision 2/3, recall 2/2, F1 = 2 * (2/3) * 1 / (2/3 + 1) = 0.8.
    [Fact]
    public void TokenF1_PartialOverlap_IsSquadValue() =>
        Assert.Equal(0.8, ReferenceMetrics.TokenF1("Denver Broncos won", "the Denver Broncos"), 10);

    [Fact]
    public void TokenF1_RepeatedTokens_CountAsMultiset() =>
        // "a a b" normalises to "b" (articles removed); "b b" vs "b": precision 1/2, recall 1, F1 2/3.
        Assert.Equal(2.0 / 3, ReferenceMetrics.TokenF1("b b", "b"), 10);

    [Fact]
    public void TokenF1_BothEmptyAfterNormalisation_IsOne() =>
        Assert.Equal(1, ReferenceMetrics.TokenF1("the", "a"));

    // Lin (2004), "ROUGE: A Package for Automatic Evaluation of Summaries", section 3.1: with reference
    // S1 "police killed the gunman", S2 "police kill the gunman" has LCS 3 of 4 (F = 0.75) and
    // S3 "the gunman kill police" has LCS 2 of 4 (F = 0.5).
    [Theory]
    [InlineData("police kill the gunman", 0.75)]
    [InlineData("the gunman kill police", 0.5)]
    public void RougeL_LinWorkedExample_MatchesPaper(string candidate, double expected) =>
        Assert.Equal(expected, ReferenceMetrics.RougeL(candidate, "police killed the gunman"), 10);

    private static readonly string[] Hypothesis1 =
        ["It", "is", "a", "guide", "to", "action", "which", "ensures", "that", "the", "military", "always", "obeys", "the", "commands", "of", "the", "party"];

    private static readonly string[] Reference1 =
        ["It", "is", "a", "guide", "to", "action", "that", "ensures", "that", "the", "military", "will", "forever", "heed", "Party", "commands"];

    private static readonly string[] Reference2 =
        ["It", "is", "the", "guiding", "principle", "which", "guarantees", "the", "military", "forces", "always", "being", "under", "the", "command", "of", "the", "Party"];

    private static readonly string[] Reference3 =
        ["It", "is", "the", "practical", "guide", "for", "the", "army", "always", "to", "heed", "the", "directions", "of", "the", "party"];

    // NLTK nltk/translate/bleu_score.py, SmoothingFunction docstring:
    // sentence_bleu([reference1], hypothesis1, smoothing_function=chencherry.method1) -> 0.4118...
    [Fact]
    public void Bleu_NltkDocExampleOneReference_Is04118() =>
        Assert.Equal(0.4118, ReferenceMetrics.Bleu(Hypothesis1, [Reference1]), 4);

    // NLTK sentence_bleu docstring: sentence_bleu([reference1, reference2, reference3], hypothesis1) -> 0.5045...
    [Fact]
    public void Bleu_NltkDocExampleThreeReferences_Is05046() =>
        Assert.Equal(0.5046, ReferenceMetrics.Bleu(Hypothesis1, [Reference1, Reference2, Reference3]), 4);

    // Chen and Cherry method 1 by hand: "a b c" vs "a b d": p1 = 2/3, p2 = 1/2, p3 = 0 -> 0.1/1, p4 (no 4-gram,
    // denominator 1) = 0 -> 0.1/1; BP = 1; BLEU = (2/3 * 1/2 * 0.1 * 0.1)^(1/4) = 0.24028.
    [Fact]
    public void Bleu_ZeroHigherOrderMatches_UsesEpsilonSmoothing() =>
        Assert.Equal(Math.Pow(2.0 / 3 * 0.5 * 0.1 * 0.1, 0.25), ReferenceMetrics.Bleu(["a", "b", "c"], [["a", "b", "d"]]), 10);

    [Fact]
    public void Bleu_NoUnigramMatch_IsZero() =>
        Assert.Equal(0, ReferenceMetrics.Bleu(["x", "y"], [["a", "b"]]));

    [Fact]
    public void Bleu_TextOverload_SplitsPunctuation() =>
        Assert.Equal(1, ReferenceMetrics.Bleu("The kettle has a 2-year warranty.", "The kettle has a 2-year warranty."), 10);

    [Fact]
    public async Task Correctness_NoReference_IsNotApplicable()
    {
        var evaluator = new CorrectnessEvaluator(null, CorrectnessEvaluator.TokenF1Metric);

        var metric = await TestCases.EvaluateAsync(evaluator, CorrectnessEvaluator.TokenF1Metric, TestCases.Case(), "Two years.");

        Assert.True(MetricMarks.IsNotApplicable(metric));
        Assert.Null(metric.Value);
    }

    [Fact]
    public async Task Correctness_WithReference_ScoresEveryLexicalMetric()
    {
        var goldenCase = TestCases.Case(reference: "The K-100 has a 2-year warranty.");
        foreach (var name in new[] { "exact_match", "token_f1", "rouge_l", "bleu" })
        {
            var metric = await TestCases.EvaluateAsync(new CorrectnessEvaluator(null, name), name, goldenCase, "the K-100 has a 2-year warranty");
            Assert.InRange(metric.Value!.Value, 0.5, 1);
        }
    }

    [Fact]
    public async Task Correctness_EmptyAnswer_ScoresZero()
    {
        var metric = await TestCases.EvaluateAsync(
            new CorrectnessEvaluator(null, "rouge_l"), "rouge_l", TestCases.Case(reference: "Two years."), " ");

        Assert.Equal(0, metric.Value);
    }
}
