using System.ClientModel;
using System.Globalization;
using LlmEval.Configuration;
using LlmEval.Datasets;
using Microsoft.Extensions.AI;
using OpenAI;

namespace LlmEval.Targets;

/// <summary>Builds targets from the suite file and the environment.</summary>
public static class TargetFactory
{
    public const string ApiKeyVariable = "OPENAI_API_KEY";
    public const string BaseUrlVariable = "OPENAI_BASE_URL";

    /// <summary>
    /// Creates the suite's targets. An OpenAI-compatible target is used only when its key variable is set
    /// (or a base URL is, for local servers that need no key); otherwise it is skipped and named in
    /// <paramref name="skipped"/>, so the shipped suite runs offline by default.
    /// </summary>
    public static IReadOnlyList<Target> Create(SuiteConfig suite, IDictionary<string, string?> environment, List<string> skipped)
    {
        var targets = new List<Target>();
        foreach (var config in suite.Targets)
        {
            var target = config.Kind switch
            {
                "offline" => CreateOffline(config),
                "replay" => CreateReplay(config, suite),
                "openai" => CreateOpenAi(config, environment),
                _ => throw new InvalidInputException($"{suite.SourcePath}: targets '{config.Name}': unknown kind '{config.Kind}'"),
            };
            if (target is null)
            {
                skipped.Add($"{config.Name} ({config.Kind}: set {config.ApiKeyVariable ?? ApiKeyVariable} or {BaseUrlVariable} to include it)");
            }
            else
            {
                targets.Add(target);
            }
        }

        return targets;
    }

    private static Target CreateOffline(TargetConfig config)
    {
        var settings = new OfflineTargetSettings
        {
            Sentences = ReadInt(config, "sentences", 1),
            MinSupport = ReadDouble(config, "minSupport", new OfflineTargetSettings().MinSupport),
        };
        return new Target
        {
            Name = config.Name,
            Kind = config.Kind,
            Model = config.Model ?? $"offline-extractive-{settings.Sentences}",
            Version = config.Version ?? "1",
            Price = config.Price,
            Client = new OfflineExtractiveChatClient(settings),
            Description = $"offline extractive baseline, no LLM ({settings.Sentences} sentence(s) from the context)",
        };
    }

    private static Target CreateReplay(TargetConfig config, SuiteConfig suite)
    {
        if (!config.Settings.TryGetValue("path", out var path))
        {
            throw new InvalidInputException($"{suite.SourcePath}: targets '{config.Name}': a replay target needs settings.path");
        }

        var where = config.Settings
            .Where(s => s.Key.StartsWith("where.", StringComparison.Ordinal))
            .ToDictionary(s => s.Key["where.".Length..], s => s.Value);
        var client = new ReplayChatClient(
            suite.Resolve(path),
            config.Settings.GetValueOrDefault("idColumn", "id"),
            config.Settings.GetValueOrDefault("responseColumn", "response"),
            where);
        return new Target
        {
            Name = config.Name,
            Kind = config.Kind,
            Model = config.Model ?? config.Name,
            Version = config.Version,
            Price = config.Price,
            Client = client,
            Covers = c => client.HasResponseFor(c.Id),
            Description = $"replay of {client.Count} recorded responses",
        };
    }

    private static Target? CreateOpenAi(TargetConfig config, IDictionary<string, string?> environment)
    {
        var key = environment.TryGetValue(config.ApiKeyVariable ?? ApiKeyVariable, out var k) ? k : null;
        var baseUrl = environment.TryGetValue(BaseUrlVariable, out var u) ? u : null;
        if (string.IsNullOrWhiteSpace(key) && string.IsNullOrWhiteSpace(baseUrl))
        {
            return null;
        }

        // Retries are the runner's job (it honours Retry-After and run.maxRetries); the SDK's own would multiply them.
        var options = new OpenAIClientOptions { RetryPolicy = new System.ClientModel.Primitives.ClientRetryPolicy(maxRetries: 0) };
        if (!string.IsNullOrWhiteSpace(baseUrl))
        {
            options.Endpoint = new Uri(baseUrl);
        }

        // Local OpenAI-compatible servers often need no key; the SDK still wants a non-empty credential.
        var credential = new ApiKeyCredential(string.IsNullOrWhiteSpace(key) ? "no-key" : key);
        var model = config.Model ?? "gpt-4o-mini";
        var client = new OpenAIClient(credential, options).GetChatClient(model).AsIChatClient();
        return new Target
        {
            Name = config.Name,
            Kind = config.Kind,
            Model = model,
            Version = config.Version,
            Price = config.Price,
            Client = client,
            Description = $"OpenAI-compatible endpoint {(baseUrl is null ? "api.openai.com" : new Uri(baseUrl).Host)}, model {model}",
        };
    }

    private static int ReadInt(TargetConfig config, string name, int fallback) =>
        config.Settings.TryGetValue(name, out var text) ? int.Parse(text, CultureInfo.InvariantCulture) : fallback;

    private static double ReadDouble(TargetConfig config, string name, double fallback) =>
        config.Settings.TryGetValue(name, out var text) ? double.Parse(text, CultureInfo.InvariantCulture) : fallback;
}
