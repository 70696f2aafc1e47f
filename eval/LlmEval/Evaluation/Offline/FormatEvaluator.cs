using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Json.Schema;
using EvaluationContext = Microsoft.Extensions.AI.Evaluation.EvaluationContext;
using EvaluationResult = Microsoft.Extensions.AI.Evaluation.EvaluationResult;
using LlmEval.Datasets;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.AI.Evaluation;

namespace LlmEval.Evaluation.Offline;

/// <summary>
/// Format checks, each 1 (pass) or 0 (fail), driven by metadata columns of the golden case:
/// <list type="table">
/// <item><term><c>json_valid</c></term><description>the response parses as JSON; applies when the case sets
/// <c>format_json</c> to <c>true</c> or gives a <c>format_schema</c>.</description></item>
/// <item><term><c>json_schema</c></term><description>the JSON validates against the schema in <c>format_schema</c>
/// (inline JSON Schema, draft 2020-12 unless <c>$schema</c> says otherwise); a response that is not JSON
/// fails.</description></item>
/// <item><term><c>regex</c></term><description>the response matches the .NET regular expression in
/// <c>format_regex</c> (anywhere; anchor it with <c>^…$</c> for a full match).</description></item>
/// <item><term><c>contains</c></term><description>the response contains every string in <c>format_contains</c>
/// (<c> || </c>-separated, case-insensitive); the value is the share found, so the threshold 1 asks for
/// all.</description></item>
/// <item><term><c>length</c></term><description>the response length in characters is within <c>min_length</c> and
/// <c>max_length</c> (either may be absent).</description></item>
/// </list>
/// A metric is not applicable when the case declares no such expectation. A response wrapped in one Markdown code
/// fence (<c>```json … ```</c>) is unwrapped before the JSON checks, and the reason says so. A bad schema or regex
/// in the dataset is reported as an error, not as a failing answer.
/// </summary>
public sealed partial class FormatEvaluator : IEvaluator
{
    public const string JsonValidMetric = "json_valid";
    public const string JsonSchemaMetric = "json_schema";
    public const string RegexMetric = "regex";
    public const string ContainsMetric = "contains";
    public const string LengthMetric = "length";

    public const string FormatJsonColumn = "format_json";
    public const string FormatSchemaColumn = "format_schema";
    public const string FormatRegexColumn = "format_regex";
    public const string FormatContainsColumn = "format_contains";
    public const string MaxLengthColumn = "max_length";
    public const string MinLengthColumn = "min_length";

    public static readonly IReadOnlyList<string> AllMetrics =
        [JsonValidMetric, JsonSchemaMetric, RegexMetric, ContainsMetric, LengthMetric];

    private static readonly TimeSpan RegexTimeout = TimeSpan.FromSeconds(1);

    private readonly IReadOnlyList<string> metrics;

    /// <param name="metrics">The metrics to produce; all five when empty.</param>
    public FormatEvaluator(params string[] metrics)
    {
        this.metrics = metrics.Length == 0 ? AllMetrics : metrics;
        var unknown = this.metrics.Except(AllMetrics, StringComparer.Ordinal).ToList();
        if (unknown.Count > 0)
        {
            throw new ArgumentException($"unknown format metric(s): {string.Join(", ", unknown)}", nameof(metrics));
        }
    }

    public IReadOnlyCollection<string> EvaluationMetricNames => [.. metrics];

    public ValueTask<EvaluationResult> EvaluateAsync(
        IEnumerable<ChatMessage> messages,
        ChatResponse modelResponse,
        ChatConfiguration? chatConfiguration = null,
        IEnumerable<EvaluationContext>? additionalContext = null,
        CancellationToken cancellationToken = default)
    {
        var goldenCase = additionalContext.Find<GoldenCaseContext>()?.Case;
        var response = modelResponse.Text ?? "";
        var results = metrics.Select(name => Evaluate(name, response, goldenCase)).ToList();
        return ValueTask.FromResult(new EvaluationResult(results));
    }

    private static NumericMetric Evaluate(string name, string response, GoldenCase? goldenCase)
    {
        var metric = new NumericMetric(name);
        string? Column(string column) =>
            goldenCase?.Metadata.TryGetValue(column, out var value) == true && !string.IsNullOrWhiteSpace(value) ? value : null;

        return name switch
        {
            JsonValidMetric => Column(FormatSchemaColumn) is null && !IsTrue(Column(FormatJsonColumn))
                ? MetricMarks.NotApplicable(metric, $"the case asks for no JSON ({FormatJsonColumn} or {FormatSchemaColumn})")
                : JsonValid(metric, response),
            JsonSchemaMetric => Column(FormatSchemaColumn) is { } schema
                ? JsonSchemaValid(metric, response, schema)
                : MetricMarks.NotApplicable(metric, $"the case gives no {FormatSchemaColumn}"),
            RegexMetric => Column(FormatRegexColumn) is { } pattern
                ? RegexMatch(metric, response, pattern)
                : MetricMarks.NotApplicable(metric, $"the case gives no {FormatRegexColumn}"),
            ContainsMetric => Column(FormatContainsColumn) is { } required
                ? Contains(metric, response, required)
                : MetricMarks.NotApplicable(metric, $"the case gives no {FormatContainsColumn}"),
            _ => Column(MinLengthColumn) is null && Column(MaxLengthColumn) is null
                ? MetricMarks.NotApplicable(metric, $"the case gives no {MinLengthColumn} or {MaxLengthColumn}")
                : Length(metric, response, Column(MinLengthColumn), Column(MaxLengthColumn)),
        };
    }

    private static bool IsTrue(string? value) =>
        value is not null && (value.Trim().Equals("true", StringComparison.OrdinalIgnoreCase) || value.Trim() is "1" or "yes");

    private static NumericMetric JsonValid(NumericMetric metric, string response)
    {
        var (json, unwrapped) = UnwrapCodeFence(response);
        try
        {
            using var document = JsonDocument.Parse(json);
            metric.Value = 1;
            metric.Reason = $"valid JSON ({document.RootElement.ValueKind}){(unwrapped ? ", inside a code fence" : "")}";
        }
        catch (JsonException ex)
        {
            metric.Value = 0;
            metric.Reason = $"not valid JSON: {ex.Message}";
        }

        return metric;
    }

    private static NumericMetric JsonSchemaValid(NumericMetric metric, string response, string schemaText)
    {
        JsonSchema schema;
        try
        {
            schema = JsonSchema.FromText(schemaText, new BuildOptions { SchemaRegistry = new SchemaRegistry() });
        }
        catch (Exception ex) when (ex is JsonException or JsonSchemaException or ArgumentException or InvalidOperationException)
        {
            return MetricMarks.Error(metric, $"the case's {FormatSchemaColumn} is not a usable JSON Schema: {ex.Message}");
        }

        var (json, _) = UnwrapCodeFence(response);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException ex)
        {
            metric.Value = 0;
            metric.Reason = $"not valid JSON, so it cannot match the schema: {ex.Message}";
            return metric;
        }

        using (document)
        {
            var results = schema.Evaluate(document.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
            metric.Value = results.IsValid ? 1 : 0;
            metric.Reason = results.IsValid ? "matches the schema" : "does not match the schema: " + DescribeErrors(results);
        }

        return metric;
    }

    private static string DescribeErrors(EvaluationResults results)
    {
        var errors = new List<string>();
        foreach (var detail in (results.Details ?? []).Prepend(results))
        {
            foreach (var (keyword, message) in detail.Errors ?? new Dictionary<string, string>())
            {
                var location = detail.InstanceLocation.ToString();
                errors.Add($"{(location.Length == 0 ? "/" : location)}: {keyword}: {message}");
            }
        }

        return errors.Count == 0 ? "(no detail)" : string.Join("; ", errors.Distinct().Take(5));
    }

    private static NumericMetric RegexMatch(NumericMetric metric, string response, string pattern)
    {
        try
        {
            var matched = Regex.IsMatch(response, pattern, RegexOptions.None, RegexTimeout);
            metric.Value = matched ? 1 : 0;
            metric.Reason = matched ? $"matches /{pattern}/" : $"does not match /{pattern}/";
            return metric;
        }
        catch (ArgumentException ex)
        {
            return MetricMarks.Error(metric, $"the case's {FormatRegexColumn} is not a valid regular expression: {ex.Message}");
        }
        catch (RegexMatchTimeoutException)
        {
            return MetricMarks.Error(metric, $"the case's {FormatRegexColumn} took longer than {RegexTimeout.TotalSeconds} s to match");
        }
    }

    private static NumericMetric Contains(NumericMetric metric, string response, string required)
    {
        var items = required.Split("||", StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (items.Length == 0)
        {
            return MetricMarks.NotApplicable(metric, $"the case's {FormatContainsColumn} lists nothing");
        }

        var missing = items.Where(i => !response.Contains(i, StringComparison.OrdinalIgnoreCase)).ToList();
        metric.Value = (items.Length - missing.Count) / (double)items.Length;
        metric.Reason = missing.Count == 0
            ? $"contains all {items.Length} required string(s)"
            : $"missing {missing.Count} of {items.Length}: " + string.Join(", ", missing.Select(m => $"\"{m}\""));
        return metric;
    }

    private static NumericMetric Length(NumericMetric metric, string response, string? minText, string? maxText)
    {
        int? Parse(string? text) =>
            int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n >= 0 ? n : null;

        var min = Parse(minText);
        var max = Parse(maxText);
        if ((minText is not null && min is null) || (maxText is not null && max is null))
        {
            return MetricMarks.Error(metric, $"{MinLengthColumn}/{MaxLengthColumn} must be whole numbers of characters (got '{minText}', '{maxText}')");
        }

        var length = response.Trim().Length;
        var ok = (min is null || length >= min) && (max is null || length <= max);
        metric.Value = ok ? 1 : 0;
        metric.Reason = string.Create(
            CultureInfo.InvariantCulture,
            $"{length} characters; allowed {min?.ToString(CultureInfo.InvariantCulture) ?? "0"}–{max?.ToString(CultureInfo.InvariantCulture) ?? "∞"}");
        metric.AddOrUpdateMetadata("characters", length.ToString(CultureInfo.InvariantCulture));
        return metric;
    }

    /// <summary>Strips one surrounding Markdown code fence, as models often wrap JSON in one.</summary>
    private static (string Text, bool Unwrapped) UnwrapCodeFence(string response)
    {
        var match = CodeFence().Match(response);
        return match.Success ? (match.Groups["body"].Value, true) : (response, false);
    }

    [GeneratedRegex(@"^\s*```[A-Za-z0-9_-]*\s*\n(?<body>[\s\S]*?)\n?\s*```\s*$")]
    private static partial Regex CodeFence();
}
