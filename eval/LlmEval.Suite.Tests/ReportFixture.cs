using LlmEval.Xunit;

namespace LlmEval.Suite.Tests;

/// <summary>When the test run ends, writes the report of every suite the tests ran to reports/out/dotnet-test/.</summary>
public sealed class ReportFixture : IAsyncDisposable
{
    public string OutputDirectory { get; } = Path.Combine(SuiteSession.RepositoryRoot(), "reports", "out", "dotnet-test");

    public async ValueTask DisposeAsync()
    {
        foreach (var session in SuiteSession.Started)
        {
            var name = session.Prepared.Suite.Name;
            await session.WriteReportAsync(Path.Combine(OutputDirectory, name));
        }
    }
}
