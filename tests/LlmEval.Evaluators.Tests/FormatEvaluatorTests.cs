using LlmEval.Evaluation;
using LlmEval.Evaluation.Offline;
using Microsoft.Extensions.AI.Evaluation;

namespace LlmEval.Evaluators.Tests;

public sealed class FormatEvaluatorTests
{
    private const string Schema = """
        {"type":"object","required":["sku","price"],"properties":{"sku":{"type":"string","pattern":"^[A-Z]-\\d{3}$"},"price":{"type":"number","minimum":0}},"additionalProperties":false}
        """;

    private static Task<Microsoft.Extensions.AI.Evaluation.NumericMetric> RunAsync(string metric, string response, Dictionary<string, string> metadata) =>
        TestCases.EvaluateAsync(new FormatEvaluator(metric), metric, TestCases.Case(metadata: metadata), response);

    [Theory]
    [InlineData("""{"sku":"K-100","price":49.99}""", 1)]
    [InlineData("""{"sku":"K-100","price":-1}""", 0)]
    [InlineData("""{"sku":"kettle","price":49.99}""", 0)]
    [InlineData("""{"sku":"K-100"}""", 0)]
    [InlineData("""{"sku":"K-100","price":49.99,"colour":"white"}""", 0)]
    [InlineData("not json at all", 0)]
    [InlineData("```json\n{\"sku\":\"K-100\",\"price\":49.99}\n```", 1)]
    public async Task JsonSchema_Response_PassesOnlyWhenValid(string response, double expected)
    {
        var metric = await RunAsync(FormatEvaluator.JsonSchemaMetric, response, new() { ["format_schema"] = Schema });

        Assert.Equal(expected, metric.Value);
    }

    [Fact]
    public async Task JsonSchema_FailingResponse_ReasonNamesTheProblem()
    {
        var metric = await RunAsync(FormatEvaluator.JsonSchemaMetric, """{"sku":"K-100"}""", new() { ["format_schema"] = Schema });

        Assert.Contains("does not match the schema", metric.Reason, StringComparison.Ordinal);
        Assert.Contains("price", metric.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task JsonSchema_BadSchemaInDataset_IsErrorNotFail()
    {
        var metric = await RunAsync(FormatEvaluator.JsonSchemaMetric, "{}", new() { ["format_schema"] = "{not a schema" });

        Assert.True(metric.ContainsDiagnostics(d => d.Severity == Microsoft.Extensions.AI.Evaluation.EvaluationDiagnosticSeverity.Error));
    }

    [Theory]
    [InlineData("""{"a": [1, 2]}""", 1)]
    [InlineData("""{"a": [1, 2}""", 0)]
    public async Task JsonValid_WhenAsked_ChecksParsing(string response, double expected)
    {
        var metric = await RunAsync(FormatEvaluator.JsonValidMetric, response, new() { ["format_json"] = "true" });

        Assert.Equal(expected, metric.Value);
    }

    [Theory]
    [InlineData(FormatEvaluator.JsonValidMetric)]
    [InlineData(FormatEvaluator.JsonSchemaMetric)]
    [InlineData(FormatEvaluator.RegexMetric)]
    [InlineData(FormatEvaluator.ContainsMetric)]
    [InlineData(FormatEvaluator.LengthMetric)]
    public async Task Format_NoExpectationDeclared_IsNotApplicable(string name)
    {
        var metric = await RunAsync(name, "anything", []);

        Assert.True(MetricMarks.IsNotApplicable(metric));
    }

    [Theory]
    [InlineData("Order NW-12345 is on its way.", 1)]
    [InlineData("Your order is on its way.", 0)]
    public async Task Regex_Pattern_MatchesAnywhere(string response, double expected) =>
        Assert.Equal(expected, (await RunAsync(FormatEvaluator.RegexMetric, response, new() { ["format_regex"] = @"NW-\d{5}" })).Value);

    [Fact]
    public async Task Contains_SomeMissing_GivesShareFound()
    {
        var metric = await RunAsync(FormatEvaluator.ContainsMetric, "The K-100 costs $49.99.", new() { ["format_contains"] = "K-100 || $49.99 || warranty" });

        Assert.Equal(2.0 / 3, metric.Value!.Value, 10);
        Assert.Contains("warranty", metric.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("short", 1)]
    [InlineData("this answer is far too long", 0)]
    public async Task Length_MaxLength_CountsCharacters(string response, double expected) =>
        Assert.Equal(expected, (await RunAsync(FormatEvaluator.LengthMetric, response, new() { ["max_length"] = "10" })).Value);
}
