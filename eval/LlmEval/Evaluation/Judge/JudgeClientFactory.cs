using System.ClientModel;
using LlmEval.Configuration;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.AI.Evaluation;
using OpenAI;

namespace LlmEval.Evaluation.Judge;

/// <summary>
/// The judge of a run: options for the judge evaluators and, when the environment allows, the chat client to
/// pass to them as a <see cref="ChatConfiguration"/>.
/// </summary>
/// <param name="Options">Sampling, price card, output cap and timeout.</param>
/// <param name="Chat">Null when no key or endpoint is set; judge metrics are then errors naming what to set.</param>
/// <param name="Description">Model and host for people and reports; never the key.</param>
public sealed record JudgeSetup(JudgeOptions Options, ChatConfiguration? Chat, string Description);

/// <summary>Builds the judge from the suite's <c>judge</c> section and the environment.</summary>
public static class JudgeClientFactory
{
    public const string DefaultApiKeyVariable = "OPENAI_API_KEY";
    public const string DefaultBaseUrlVariable = "OPENAI_BASE_URL";

    /// <summary>
    /// An OpenAI-compatible judge client when the key variable (or, for local servers that need no key, the base
    /// URL variable) is set; otherwise a setup without a client whose options say which variable to set.
    /// </summary>
    public static JudgeSetup Create(JudgeConfig config, IDictionary<string, string?> environment)
    {
        var keyVariable = config.ApiKeyVariable ?? DefaultApiKeyVariable;
        var urlVariable = config.BaseUrlVariable ?? DefaultBaseUrlVariable;
        var key = environment.TryGetValue(keyVariable, out var k) ? k : null;
        var baseUrl = environment.TryGetValue(urlVariable, out var u) ? u : null;
        var options = JudgeOptions.FromConfig(config) with
        {
            ClientHint = $"set {keyVariable} (or {urlVariable} for a local OpenAI-compatible server) "
                + $"to run the judge model '{config.Model}'",
        };

        if (string.IsNullOrWhiteSpace(key) && string.IsNullOrWhiteSpace(baseUrl))
        {
            return new JudgeSetup(options, null, $"judge {config.Model} not available: {options.ClientHint}");
        }

        var clientOptions = new OpenAIClientOptions();
        if (!string.IsNullOrWhiteSpace(baseUrl))
        {
            clientOptions.Endpoint = new Uri(baseUrl);
        }

        // Local OpenAI-compatible servers often need no key; the SDK still wants a non-empty credential.
        var credential = new ApiKeyCredential(string.IsNullOrWhiteSpace(key) ? "no-key" : key);
        IChatClient client = new OpenAIClient(credential, clientOptions).GetChatClient(config.Model).AsIChatClient();
        if (!string.IsNullOrWhiteSpace(key))
        {
            client = new KeyRedactingChatClient(client, key);
        }

        var host = string.IsNullOrWhiteSpace(baseUrl) ? "api.openai.com" : new Uri(baseUrl).Authority;
        return new JudgeSetup(options, new ChatConfiguration(client), $"OpenAI-compatible judge at {host}, model {config.Model}");
    }

    /// <summary>
    /// Keeps the key out of error messages (some servers echo the credential they rejected), since judge errors
    /// are stored with the results and shown in reports.
    /// </summary>
    private sealed class KeyRedactingChatClient(IChatClient inner, string key) : DelegatingChatClient(inner)
    {
        public override async Task<ChatResponse> GetResponseAsync(
            IEnumerable<ChatMessage> messages,
            ChatOptions? options = null,
            CancellationToken cancellationToken = default)
        {
            try
            {
                return await base.GetResponseAsync(messages, options, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException && ex.ToString().Contains(key, StringComparison.Ordinal))
            {
                throw new InvalidOperationException(ex.Message.Replace(key, "[redacted]", StringComparison.Ordinal));
            }
        }
    }
}
