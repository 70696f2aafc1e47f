using Scriban;
using Scriban.Parsing;
using Scriban.Runtime;

namespace LlmEval.Reporting;

/// <summary>
/// One embedded Scriban report template (from reports/templates), parsed once, rendered from the report model with
/// every <c>{{ }}</c> value passed through the rendering's escape function. Literal template text is written as is,
/// so data and model output can never become markup (C10). Scriban's silent limits (loop count, string length)
/// are switched off so large reports render whole.
/// </summary>
public sealed class ReportTemplate
{
    private readonly Lazy<Template> template;
    private readonly Func<string, string> escape;

    public ReportTemplate(string name, Func<string, string> escape)
    {
        template = new Lazy<Template>(() => Load(name));
        this.escape = escape;
    }

    public string Render(ReportModel model)
    {
        var globals = new ScriptObject();
        globals.Import(model, renamer: StandardMemberRenamer.Default);
        var context = new EscapingTemplateContext(escape)
        {
            LoopLimit = 0,
            LimitToString = 0,
            RecursiveLimit = 0,
            StrictVariables = true,
            MemberRenamer = StandardMemberRenamer.Default,
        };
        context.PushGlobal(globals);
        return template.Value.Render(context);
    }

    private static Template Load(string name)
    {
        var parsed = Template.Parse(EmbeddedFiles.Read(name), name);
        return parsed.HasErrors
            ? throw new InvalidOperationException(string.Join(Environment.NewLine, parsed.Messages))
            : parsed;
    }

    private sealed class EscapingTemplateContext(Func<string, string> escape) : TemplateContext
    {
        public override TemplateContext Write(SourceSpan span, object? textAsObject) =>
            textAsObject is null ? this : base.Write(span, escape(ObjectToString(textAsObject) ?? ""));
    }
}
