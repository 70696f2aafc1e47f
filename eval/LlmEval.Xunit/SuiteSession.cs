using System.Collections.Concurrent;
using System.Globalization;
using LlmEval.Evaluation;
using LlmEval.Planning;
using LlmEval.Running;
using LlmEval.Storage;

namespace LlmEval.Xunit;

/// <summary>
/// One suite loaded once per test process: its plan, a shared case runner (one embedding model for all tests),
/// and every case result computed so far, so the report and gate can be written when the tests end.
/// </summary>
public sealed class SuiteSession
{
    private static readonly ConcurrentDictionary<string, Lazy<SuiteSession>> Sessions = new(StringComparer.Ordinal);

    private readonly ConcurrentDictionary<string, Lazy<Task<CaseResult>>> results = new(StringComparer.Ordinal);
    private readonly Lazy<CaseRunner> runner;
    private readonly Dictionary<string, PlannedCall> calls;

    private SuiteSession(string suitePath)
    {
        SuitePath = suitePath;
        Prepared = SuiteRunner.Prepare(suitePath);
        StartedAt = DateTimeOffset.UtcNow;
        RunId = "dotnet-test-" + StartedAt.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture);
        calls = Prepared.Plan.Calls().ToDictionary(Key, StringComparer.Ordinal);
        runner = new Lazy<CaseRunner>(() => SuiteRunner.CreateRunner(Prepared, new EvaluatorServices(), RunId));
    }

    public string SuitePath { get; }

    public PreparedSuite Prepared { get; }

    public string RunId { get; }

    public DateTimeOffset StartedAt { get; }

    public IEnumerable<PlannedCall> Calls => calls.Values;

    public static IEnumerable<SuiteSession> Started => Sessions.Values.Where(s => s.IsValueCreated).Select(s => s.Value);

    /// <summary>The session for a suite file; a relative path is taken from the repository root.</summary>
    public static SuiteSession For(string suitePath)
    {
        var fullPath = Path.IsPathRooted(suitePath) ? suitePath : Path.Combine(RepositoryRoot(), suitePath);
        return Sessions.GetOrAdd(Path.GetFullPath(fullPath), p => new Lazy<SuiteSession>(() => new SuiteSession(p))).Value;
    }

    public static string Key(PlannedCall call) => Key(call.Case.Dataset, call.Case.Id, call.Target.Name, call.Prompt.Name, call.Repeat);

    public static string Key(string dataset, string caseId, string target, string promptVersion, int repeat) =>
        string.Join('\u001f', dataset, caseId, target, promptVersion, repeat.ToString(CultureInfo.InvariantCulture));

    /// <summary>Runs (once) and returns the result of one planned call.</summary>
    public Task<CaseResult> GetResultAsync(string dataset, string caseId, string target, string promptVersion, int repeat)
    {
        var key = Key(dataset, caseId, target, promptVersion, repeat);
        if (!calls.TryGetValue(key, out var call))
        {
            throw new InvalidOperationException($"The suite {SuitePath} has no case {dataset}/{caseId} for {target} × {promptVersion}.");
        }

        return results.GetOrAdd(key, _ => new Lazy<Task<CaseResult>>(() => runner.Value.RunAsync(call))).Value;
    }

    /// <summary>Runs every planned call not run yet (bounded by the suite's concurrency) and returns all results.</summary>
    public async Task<IReadOnlyList<CaseResult>> RunAllAsync(CancellationToken cancellationToken = default)
    {
        var all = calls.Values.ToList();
        var collected = new CaseResult[all.Count];
        await Parallel.ForAsync(
            0,
            all.Count,
            new ParallelOptions { MaxDegreeOfParallelism = Prepared.Suite.Run.Concurrency, CancellationToken = cancellationToken },
            async (i, _) =>
            {
                var c = all[i];
                collected[i] = await GetResultAsync(c.Case.Dataset, c.Case.Id, c.Target.Name, c.Prompt.Name, c.Repeat).ConfigureAwait(false);
            }).ConfigureAwait(false);
        return collected;
    }

    /// <summary>The results computed so far, in plan order.</summary>
    public IReadOnlyList<CaseResult> CompletedResults() =>
        calls.Keys
            .Where(k => results.TryGetValue(k, out var r) && r.IsValueCreated && r.Value.IsCompletedSuccessfully)
            .Select(k => results[k].Value.Result)
            .ToList();

    /// <summary>Aggregates and gates the results computed so far.</summary>
    public RunSummary Summarise() => SuiteRunner.Summarise(Prepared, CompletedResults(), RunId, StartedAt);

    /// <summary>Writes results.jsonl, summary.json and index.html for the results computed so far.</summary>
    public async Task<string> WriteReportAsync(string outputDirectory, CancellationToken cancellationToken = default)
    {
        Directory.CreateDirectory(outputDirectory);
        var completed = CompletedResults();
        await using (var writer = new ResultsWriter(Path.Combine(outputDirectory, "results.jsonl")))
        {
            foreach (var result in completed)
            {
                await writer.WriteAsync(result, cancellationToken).ConfigureAwait(false);
            }
        }

        await SuiteRunner.WriteOutputsAsync(Summarise(), completed, Prepared, outputDirectory, cancellationToken).ConfigureAwait(false);
        return outputDirectory;
    }

    /// <summary>The folder holding LlmEval.sln (or the first .sln) above the test assembly.</summary>
    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (dir.GetFiles("*.sln").Length > 0 || dir.GetFiles("*.slnx").Length > 0)
            {
                return dir.FullName;
            }
        }

        return Directory.GetCurrentDirectory();
    }
}
