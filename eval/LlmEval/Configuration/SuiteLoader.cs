using System.Text.Json;
using LlmEval.Datasets;

namespace LlmEval.Configuration;

/// <summary>Reads and checks a suite file; every problem names the setting to change.</summary>
public static class SuiteLoader
{
    public static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow,
    };

    public static SuiteConfig Load(string path)
    {
        var fullPath = Path.GetFullPath(path);
        if (!File.Exists(fullPath))
        {
            throw new InvalidInputException($"{path}: suite file not found (pass --suite PATH)");
        }

        SuiteConfig? config;
        try
        {
            config = JsonSerializer.Deserialize<SuiteConfig>(File.ReadAllText(fullPath), JsonOptions);
        }
        catch (JsonException ex)
        {
            var line = (ex.LineNumber ?? 0) + 1;
            throw new InvalidInputException($"{path}:{line}: {ex.Path}: {ex.Message}", ex);
        }

        if (config is null)
        {
            throw new InvalidInputException($"{path}:1: the suite file is empty");
        }

        config = config with { BaseDirectory = Path.GetDirectoryName(fullPath)!, SourcePath = fullPath };
        var problems = Validate(config).ToList();
        return problems.Count > 0
            ? throw new InvalidInputException(string.Join(Environment.NewLine, problems.Select(p => $"{path}: {p}")))
            : config;
    }

    private static IEnumerable<string> Validate(SuiteConfig config)
    {
        if (config.Datasets.Count == 0)
        {
            yield return "'datasets' is empty: list at least one dataset";
        }

        for (var i = 0; i < config.Datasets.Count; i++)
        {
            var d = config.Datasets[i];
            if (string.IsNullOrWhiteSpace(d.Name) || string.IsNullOrWhiteSpace(d.Path))
            {
                yield return $"datasets[{i}]: 'name' and 'path' are required";
            }

            if (d.Delimiter.Length != 1)
            {
                yield return $"datasets[{i}].delimiter: must be one character, got '{d.Delimiter}'";
            }
        }

        if (config.Prompts.Versions.Count == 0)
        {
            yield return "'prompts.versions' is empty: name at least one prompt version";
        }

        if (config.Targets.Count == 0)
        {
            yield return "'targets' is empty: declare at least one target";
        }

        string[] kinds = ["offline", "openai", "replay"];
        foreach (var (t, i) in config.Targets.Select((t, i) => (t, i)))
        {
            if (string.IsNullOrWhiteSpace(t.Name))
            {
                yield return $"targets[{i}].name: is required";
            }

            if (!kinds.Contains(t.Kind))
            {
                yield return $"targets[{i}].kind: '{t.Kind}' is not one of {string.Join(", ", kinds)}";
            }
        }

        foreach (var duplicate in config.Targets.GroupBy(t => t.Name).Where(g => g.Count() > 1))
        {
            yield return $"targets: the name '{duplicate.Key}' is used more than once";
        }

        foreach (var problem in config.Judge?.Problems() ?? [])
        {
            yield return problem;
        }

        if (config.Run.Concurrency < 1)
        {
            yield return "run.concurrency: must be at least 1";
        }

        if (config.Run.Repeats < 1)
        {
            yield return "run.repeats: must be at least 1";
        }

        if (config.Run.TimeoutSeconds < 1)
        {
            yield return "run.timeoutSeconds: must be at least 1";
        }

        if (config.Run.MaxRetries < 0)
        {
            yield return "run.maxRetries: must be 0 (no retry) or more";
        }

        foreach (var (rule, i) in config.Gate.Rules.Select((r, i) => (r, i)))
        {
            if (string.IsNullOrWhiteSpace(rule.Metric))
            {
                yield return $"gate.rules[{i}].metric: is required";
            }

            if (rule.MinMean is null && rule.MaxMean is null && rule.MinPassRate is null && rule.MaxFailures is null)
            {
                yield return $"gate.rules[{i}]: set at least one of minMean, maxMean, minPassRate, maxFailures";
            }
        }
    }
}
