using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.AI;
using Scriban;
using Scriban.Runtime;

namespace LlmEval.Evaluation.Judge;

/// <summary>
/// A judge rubric: an embedded Scriban file (<c>Evaluation/Judge/Rubrics/NAME.scriban</c>) whose lines
/// <c>### system</c> and <c>### user</c> start the messages sent to the judge. The file is split into messages
/// before anything is rendered, so a response that contains such a line cannot forge a message of its own.
/// </summary>
public sealed partial class JudgeRubric
{
    private const string ResourcePrefix = "LlmEval.Judge.Rubrics.";

    private readonly IReadOnlyList<(ChatRole Role, Template Template)> sections;

    private JudgeRubric(string name, string source, IReadOnlyList<(ChatRole, Template)> sections)
    {
        Name = name;
        Source = source;
        this.sections = sections;
        Hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(source)))[..16];
    }

    public string Name { get; }

    /// <summary>The rubric file's text.</summary>
    public string Source { get; }

    /// <summary>SHA-256 of the rubric text (first 16 hex digits), recorded with every judge metric.</summary>
    public string Hash { get; }

    /// <summary>Names of the embedded rubrics.</summary>
    public static IReadOnlyList<string> Names { get; } = typeof(JudgeRubric).Assembly.GetManifestResourceNames()
        .Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal) && n.EndsWith(".scriban", StringComparison.Ordinal))
        .Select(n => n[ResourcePrefix.Length..^".scriban".Length])
        .Order(StringComparer.Ordinal)
        .ToList();

    /// <summary>Loads an embedded rubric by name (<c>relevance</c>, <c>groundedness</c>, ...).</summary>
    public static JudgeRubric Load(string name)
    {
        var text = EmbeddedFiles.TryRead(ResourcePrefix + name + ".scriban")
            ?? throw new InvalidOperationException(
                $"no embedded rubric '{name}' (known: {string.Join(", ", Names)}); rubrics live in Evaluation/Judge/Rubrics");
        return Parse(name, text);
    }

    /// <summary>Parses rubric text; a template error is reported with <c>name(line,column)</c>.</summary>
    public static JudgeRubric Parse(string name, string source)
    {
        var parsed = new List<(ChatRole, Template)>();
        foreach (var (role, text, firstLine) in Split(source))
        {
            // Pad with the lines before the section so that error positions match the file.
            var template = Template.Parse(new string('\n', firstLine) + text, name + ".scriban");
            if (template.HasErrors)
            {
                throw new InvalidOperationException(string.Join(Environment.NewLine, template.Messages));
            }

            parsed.Add((role, template));
        }

        return parsed.Any(s => s.Item1 == ChatRole.User)
            ? new JudgeRubric(name, source, parsed)
            : throw new InvalidOperationException($"{name}.scriban(1,1): the rubric has no '### user' line");
    }

    /// <summary>Renders the rubric with the given variables into the judge's messages.</summary>
    public IReadOnlyList<ChatMessage> Render(IReadOnlyDictionary<string, object?> variables)
    {
        var globals = new ScriptObject();
        foreach (var (key, value) in variables)
        {
            globals[key] = value;
        }

        var messages = new List<ChatMessage>();
        foreach (var (role, template) in sections)
        {
            var context = new TemplateContext { LoopLimit = 0, LimitToString = 0, StrictVariables = true };
            context.PushGlobal(globals);
            var text = template.Render(context).Trim();
            if (text.Length > 0)
            {
                messages.Add(new ChatMessage(role, text));
            }
        }

        return messages;
    }

    private static IEnumerable<(ChatRole Role, string Text, int FirstLine)> Split(string source)
    {
        var lines = source.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        ChatRole? role = null;
        var start = 0;
        var body = new StringBuilder();
        for (var i = 0; i < lines.Length; i++)
        {
            var match = RoleMarker().Match(lines[i]);
            if (!match.Success)
            {
                body.Append(lines[i]).Append('\n');
                continue;
            }

            if (role is { } previous)
            {
                yield return (previous, body.ToString(), start);
            }

            role = match.Groups[1].Value.Equals("system", StringComparison.OrdinalIgnoreCase) ? ChatRole.System : ChatRole.User;
            start = i + 1;
            body.Clear();
        }

        if (role is { } last)
        {
            yield return (last, body.ToString(), start);
        }
    }

    [GeneratedRegex(@"^###\s+(system|user)\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex RoleMarker();
}
