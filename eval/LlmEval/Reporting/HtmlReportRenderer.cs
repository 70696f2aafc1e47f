using System.Net;
using System.Reflection;
using Scriban;
using Scriban.Parsing;
using Scriban.Runtime;

namespace LlmEval.Reporting;

/// <summary>
/// Renders the report model with the embedded Scriban template. Every <c>{{ }}</c> result is HTML-encoded by
/// <see cref="EscapingTemplateContext"/>, so data and model output can never become markup (C10).
/// </summary>
public static class HtmlReportRenderer
{
    private static readonly Lazy<Template> HtmlTemplate = new(() => LoadTemplate("report.html.scriban"));

    public static string Render(ReportModel model)
    {
        var globals = new ScriptObject();
        globals.Import(model, renamer: StandardMemberRenamer.Default);
        var context = new EscapingTemplateContext
        {
            LoopLimit = 0,
            LimitToString = 0,
            RecursiveLimit = 0,
            StrictVariables = true,
            MemberRenamer = StandardMemberRenamer.Default,
        };
        context.PushGlobal(globals);
        return HtmlTemplate.Value.Render(context);
    }

    public static Template LoadTemplate(string name)
    {
        var assembly = Assembly.GetExecutingAssembly();
        var resource = assembly.GetManifestResourceNames().Single(n => n.EndsWith(name, StringComparison.Ordinal));
        using var stream = assembly.GetManifestResourceStream(resource)!;
        using var reader = new StreamReader(stream);
        var template = Template.Parse(reader.ReadToEnd(), name);
        return template.HasErrors
            ? throw new InvalidOperationException(string.Join(Environment.NewLine, template.Messages))
            : template;
    }

    /// <summary>Encodes every value written by a template expression; literal template text is written as is.</summary>
    private sealed class EscapingTemplateContext : TemplateContext
    {
        public override TemplateContext Write(SourceSpan span, object? textAsObject)
        {
            if (textAsObject is null)
            {
                return this;
            }

            var text = ObjectToString(textAsObject);
            return base.Write(span, WebUtility.HtmlEncode(text));
        }
    }
}
