using System.Reflection;
using Xunit;
using Xunit.Sdk;
using Xunit.v3;

namespace LlmEval.Xunit;

/// <summary>
/// Turns every golden row × target × prompt version × repeat of a suite into one test case. The test method takes
/// <c>(string dataset, string caseId, string target, string promptVersion, int repeat)</c>. Each row's label is the
/// case id; traits are dataset, target, prompt_version and one <c>tag</c> per tag, for <c>--filter-trait</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = true)]
public sealed class GoldenCasesAttribute(string suitePath) : DataAttribute
{
    public string SuitePath { get; } = suitePath;

    public override ValueTask<IReadOnlyCollection<ITheoryDataRow>> GetData(MethodInfo testMethod, DisposalTracker disposalTracker)
    {
        var session = SuiteSession.For(SuitePath);
        var rows = session.Calls
            .Select(call =>
            {
                var row = new TheoryDataRow<string, string, string, string, int>(
                    call.Case.Dataset,
                    call.Case.Id,
                    call.Target.Name,
                    call.Prompt.Name,
                    call.Repeat)
                {
                    Label = call.Case.Id,
                    TestDisplayName = $"{call.Case.Dataset}/{call.Case.Id} [{call.Target.Name} × {call.Prompt.Name}{(call.Repeat > 0 ? $" #{call.Repeat + 1}" : "")}]",
                };
                row.WithTrait("dataset", call.Case.Dataset)
                    .WithTrait("target", call.Target.Name)
                    .WithTrait("prompt_version", call.Prompt.Name);
                foreach (var tag in call.Case.Tags)
                {
                    row.WithTrait("tag", tag);
                }

                return (ITheoryDataRow)row;
            })
            .ToList();
        return ValueTask.FromResult<IReadOnlyCollection<ITheoryDataRow>>(rows);
    }

    public override bool SupportsDiscoveryEnumeration() => true;
}
