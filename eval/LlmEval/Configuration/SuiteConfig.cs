using System.Text.Json.Serialization;

namespace LlmEval.Configuration;

/// <summary>The suite file (<c>llmeval.json</c>): what to run, how to score it and when the build fails.</summary>
public sealed record SuiteConfig
{
    public string Name { get; init; } = "suite";

    public List<DatasetConfig> Datasets { get; init; } = [];

    public PromptsConfig Prompts { get; init; } = new();

    public List<TargetConfig> Targets { get; init; } = [];

    /// <summary>Evaluator names from the registry; all offline evaluators when empty.</summary>
    public List<string> Evaluators { get; init; } = [];

    /// <summary>Per-metric pass threshold, overriding the registry's default.</summary>
    public Dictionary<string, double> Thresholds { get; init; } = [];

    public GateConfig Gate { get; init; } = new();

    public RunSettings Run { get; init; } = new();

    /// <summary>How golden rows become tests under <c>dotnet test</c>.</summary>
    public TestsConfig Tests { get; init; } = new();

    /// <summary>Compare each metric's outcome with a human label column (calibration).</summary>
    public List<HumanLabelConfig> HumanLabels { get; init; } = [];

    /// <summary>The folder the suite file lives in; relative paths are resolved against it.</summary>
    [JsonIgnore]
    public string BaseDirectory { get; init; } = ".";

    [JsonIgnore]
    public string SourcePath { get; init; } = "";

    /// <summary>
    /// Resolves a path from the suite file against its folder. <c>${NAME:-fallback}</c> takes an environment
    /// variable, or the fallback when it is unset, so data kept outside the repository can be moved.
    /// </summary>
    public string Resolve(string path) =>
        Path.GetFullPath(Path.Combine(BaseDirectory, ExpandVariables(path, Environment.GetEnvironmentVariable)));

    public static string ExpandVariables(string path, Func<string, string?> lookup) =>
        System.Text.RegularExpressions.Regex.Replace(
            path,
            @"\$\{(?<name>[A-Za-z_][A-Za-z0-9_]*)(:-(?<fallback>[^}]*))?\}",
            m => lookup(m.Groups["name"].Value) is { Length: > 0 } value ? value : m.Groups["fallback"].Value);
}

public sealed record DatasetConfig
{
    public string Name { get; init; } = "";

    public string Path { get; init; } = "";

    public string? Format { get; init; }

    public string Delimiter { get; init; } = ",";

    public Dictionary<string, string> Columns { get; init; } = [];

    public int Limit { get; init; }
}

public sealed record PromptsConfig
{
    /// <summary>Folder of prompt templates, relative to the suite file.</summary>
    public string Directory { get; init; } = "prompts";

    /// <summary>Prompt version names; each is the file <c>NAME.scriban</c> in the folder.</summary>
    public List<string> Versions { get; init; } = [];
}

public sealed record TargetConfig
{
    public string Name { get; init; } = "";

    /// <summary><c>offline</c>, <c>openai</c> or <c>replay</c>.</summary>
    public string Kind { get; init; } = "offline";

    /// <summary>Model id sent to the provider (openai) or reported (offline, replay).</summary>
    public string? Model { get; init; }

    public string? Version { get; init; }

    /// <summary>Kind-specific settings (offline: sentences, minSupport; replay: path, responseField, where...).</summary>
    public Dictionary<string, string> Settings { get; init; } = [];

    public PriceCard Price { get; init; } = new();

    /// <summary>For openai targets: the environment variable holding the key (default OPENAI_API_KEY).</summary>
    public string? ApiKeyVariable { get; init; }
}

/// <summary>US dollars per million tokens.</summary>
public sealed record PriceCard
{
    public double InputPerMillion { get; init; }

    public double CachedInputPerMillion { get; init; }

    public double OutputPerMillion { get; init; }
}

public sealed record GateConfig
{
    public List<GateRuleConfig> Rules { get; init; } = [];

    /// <summary>Error outcomes fail the gate unless this is true (errors fail closed).</summary>
    public bool AllowErrors { get; init; }
}

public sealed record GateRuleConfig
{
    public string Metric { get; init; } = "";

    /// <summary>Only these targets (all when empty).</summary>
    public List<string> Targets { get; init; } = [];

    /// <summary>Only these prompt versions (all when empty).</summary>
    public List<string> PromptVersions { get; init; } = [];

    public double? MinMean { get; init; }

    public double? MaxMean { get; init; }

    public double? MinPassRate { get; init; }

    /// <summary>At most this many failing cases (0 for zero tolerance, as for safety).</summary>
    public int? MaxFailures { get; init; }
}

public sealed record RunSettings
{
    public int Concurrency { get; init; } = 4;

    public int Repeats { get; init; } = 1;

    public int TimeoutSeconds { get; init; } = 60;

    public int MaxRetries { get; init; } = 3;
}

public sealed record HumanLabelConfig
{
    public string Metric { get; init; } = "";

    /// <summary>The dataset column that holds the human label.</summary>
    public string Column { get; init; } = "";

    public List<string> PassValues { get; init; } = [];

    public List<string> FailValues { get; init; } = [];
}

public sealed record TestsConfig
{
    /// <summary>
    /// Metrics whose fail or error outcome fails a case's test. Empty: every metric with a threshold. Metrics not
    /// listed are still shown in the test output and judged in aggregate by the gate.
    /// </summary>
    public List<string> FailOn { get; init; } = [];
}
