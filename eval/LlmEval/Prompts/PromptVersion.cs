using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using LlmEval.Datasets;
using Microsoft.Extensions.AI;
using Scriban;
using Scriban.Runtime;

namespace LlmEval.Prompts;

/// <summary>
/// A named prompt version: a Scriban template that renders a golden case into chat messages.
/// The rendered text is split into messages at lines <c>### system</c>, <c>### user</c> and <c>### assistant</c>.
/// </summary>
public sealed partial class PromptVersion
{
    private readonly Template template;

    private PromptVersion(string name, string path, string content, Template template)
    {
        Name = name;
        Path = path;
        Content = content;
        this.template = template;
        ContentHash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(content)))[..16];
    }

    public string Name { get; }

    public string Path { get; }

    public string Content { get; }

    /// <summary>SHA-256 of the template text (first 16 hex digits), recorded with every result.</summary>
    public string ContentHash { get; }

    /// <summary>Parses a template file; a syntax error is reported with <c>file(line,column)</c>.</summary>
    public static PromptVersion Load(string name, string path)
    {
        if (!File.Exists(path))
        {
            throw new InvalidInputException(
                $"{path}: prompt version '{name}' not found (expected a Scriban template file; check 'prompts' in the suite file)");
        }

        var content = File.ReadAllText(path);
        var template = Template.Parse(content, path);
        if (template.HasErrors)
        {
            throw new InvalidInputException(string.Join(Environment.NewLine, template.Messages.Select(m => m.ToString())));
        }

        if (!RoleMarker().IsMatch(content))
        {
            throw new InvalidInputException(
                $"{path}:1: prompt version '{name}' has no '### user' line; mark each message with '### system' or '### user'");
        }

        return new PromptVersion(name, path, content, template);
    }

    public IReadOnlyList<ChatMessage> Render(GoldenCase goldenCase)
    {
        var model = new ScriptObject
        {
            ["id"] = goldenCase.Id,
            ["question"] = goldenCase.Question,
            ["context"] = goldenCase.Context.Where(p => !string.IsNullOrWhiteSpace(p)).ToArray(),
            ["tags"] = goldenCase.Tags.ToArray(),
        };
        var context = new TemplateContext { LoopLimit = 0, LimitToString = 0, StrictVariables = true };
        context.PushGlobal(model);
        var text = template.Render(context);
        return SplitMessages(text);
    }

    private static List<ChatMessage> SplitMessages(string text)
    {
        var messages = new List<ChatMessage>();
        ChatRole? role = null;
        var body = new StringBuilder();

        void Flush()
        {
            if (role is { } r && body.ToString().Trim() is { Length: > 0 } content)
            {
                messages.Add(new ChatMessage(r, content));
            }

            body.Clear();
        }

        foreach (var line in text.Split('\n'))
        {
            var match = RoleMarker().Match(line);
            if (match.Success)
            {
                Flush();
                role = match.Groups[1].Value.ToLowerInvariant() switch
                {
                    "system" => ChatRole.System,
                    "assistant" => ChatRole.Assistant,
                    _ => ChatRole.User,
                };
                continue;
            }

            body.Append(line.TrimEnd('\r')).Append('\n');
        }

        Flush();
        return messages;
    }

    [GeneratedRegex(@"^###\s+(system|user|assistant)\s*$", RegexOptions.Multiline | RegexOptions.IgnoreCase)]
    private static partial Regex RoleMarker();
}
