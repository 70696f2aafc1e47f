using System.Diagnostics;
using System.Globalization;
using LlmEval.Datasets;
using LlmEval.Evaluation;
using LlmEval.Evaluation.Embeddings;
using LlmEval.Evaluation.Offline;
using LlmEval.Text;

namespace LlmEval.Benchmarks;

/// <summary>Settings of one benchmark run.</summary>
public sealed record BenchmarkOptions
{
    /// <summary>The folder of labelled public data (<c>../shared/data</c> in this project).</summary>
    public required string DataDirectory { get; init; }

    /// <summary><c>test</c> (default) for reported figures; <c>dev</c> while tuning, so that test stays unseen.</summary>
    public string Split { get; init; } = "test";

    /// <summary>Receives one line per step, for people watching a long run.</summary>
    public Action<string>? Progress { get; init; }

    /// <summary>Groundedness weights to measure; the shipped defaults when null (set only while tuning on dev).</summary>
    public GroundednessOptions? Groundedness { get; init; }
}

/// <summary>
/// Measures how closely the offline evaluators agree with human (or by-construction) labels on public sets, scoring
/// only the test files (the dev files were used to build and tune the evaluators), with a naive baseline and the
/// published figure of another system beside each of our figures.
/// </summary>
public static class AccuracyBenchmark
{
    /// <summary>Label of a BEGIN row that is excluded (no factual content).</summary>
    private const string GenericLabel = "Generic";

    /// <summary>
    /// TruthfulQA: an answer counts as truthful when its best MiniLM similarity to a true reference answer beats its
    /// best similarity to a false one by at least this margin; chosen on the dev judgements.
    /// </summary>
    public const double TruthfulMargin = 0.0;

    private static readonly (string Gold, string Ours)[] PiiTypes =
    [
        ("EMAIL_ADDRESS", "email"), ("PHONE_NUMBER", "phone"), ("CREDIT_CARD", "card"), ("IBAN_CODE", "iban"), ("IP_ADDRESS", "ip_address"),
    ];

    /// <summary>The sentence printed when the data folder is absent; names the path and the option.</summary>
    public static string MissingDataMessage(string path) =>
        $"benchmark data folder not found: {Path.GetFullPath(path)}\n"
        + "Pass --data PATH with the folder that holds begin-wow/, halueval-qa/, truthfulqa/, davidson-hate-offensive/, "
        + "deepset-prompt-injections/ and presidio-synth-pii/ (default: ../shared/data, relative to the current directory).";

    public static async Task<BenchmarkReport> RunAsync(
        BenchmarkOptions options,
        CachedEmbedder embedder,
        CancellationToken cancellationToken = default)
    {
        if (!Directory.Exists(options.DataDirectory))
        {
            throw new BenchmarkDataMissingException(MissingDataMessage(options.DataDirectory));
        }

        if (options.Split is not ("test" or "dev"))
        {
            throw new ArgumentException($"split must be 'test' or 'dev', not '{options.Split}'", nameof(options));
        }

        var stopwatch = Stopwatch.StartNew();
        var data = new BenchData(options.DataDirectory, options.Split);
        var report = new BenchmarkReport { DataDirectory = Path.GetFullPath(options.DataDirectory), Split = options.Split };
        void Say(string message) => options.Progress?.Invoke(message);

        // Load everything first, then embed every text once in large, length-sorted batches.
        var begin = data.Begin().Where(r => r.Label != GenericLabel).ToList();
        var halu = data.HaluEvalPairs();
        var truthful = data.TruthfulQa();
        var texts = begin.SelectMany(r => GroundednessEvaluator.TextsToEmbed(r.Response, [r.Knowledge], r.Question))
            .Concat(halu.SelectMany(p => GroundednessEvaluator.TextsToEmbed(p.Correct, [p.Knowledge], p.Question)
                .Concat(GroundednessEvaluator.TextsToEmbed(p.Hallucinated, [p.Knowledge], p.Question))))
            .Concat(truthful.SelectMany(t => t.TrueReferences.Concat(t.FalseReferences).Append(t.Answer)))
            .Distinct(StringComparer.Ordinal)
            .OrderBy(t => t.Length)
            .ToList();
        Say($"embedding {texts.Count} distinct texts with MiniLM ...");
        var embedStart = stopwatch.Elapsed;
        await embedder.EmbedAsync(texts, cancellationToken).ConfigureAwait(false);
        report.EmbeddedTexts = texts.Count;
        Say(string.Create(CultureInfo.InvariantCulture, $"embedded in {(stopwatch.Elapsed - embedStart).TotalSeconds:0.0} s"));

        var groundedness = new GroundednessEvaluator(embedder, options.Groundedness);
        report.Rows.AddRange(await BeginAsync(begin, groundedness, cancellationToken).ConfigureAwait(false));
        Say("groundedness on begin-wow done");
        report.Rows.Add(await HaluEvalAsync(halu, groundedness, cancellationToken).ConfigureAwait(false));
        Say("groundedness on halueval-qa done");
        report.Rows.AddRange(await TruthfulQaAsync(truthful, embedder, cancellationToken).ConfigureAwait(false));
        Say("correctness on truthfulqa done");
        report.Rows.AddRange(ToxicityRows(data.Davidson()));
        report.Rows.AddRange(InjectionRows(data.Deepset(), data.BipiaAttacks()));
        report.Rows.AddRange(PersonalDataRows(data.Presidio()));
        report.Seconds = Math.Round(stopwatch.Elapsed.TotalSeconds, 1);
        return report;
    }

    private static async Task<IEnumerable<BenchmarkRow>> BeginAsync(
        List<BenchData.BeginRow> rows,
        GroundednessEvaluator evaluator,
        CancellationToken cancellationToken)
    {
        var scores = new List<double>();
        var passes = new List<bool>();
        var labels = new List<bool>();
        var baseline = new List<double>();
        var notApplicable = 0;
        var threshold = EvaluatorRegistry.Find(GroundednessEvaluator.MetricName)?.DefaultThreshold ?? 0.75;
        foreach (var row in rows)
        {
            var analysis = await evaluator.AnalyseAsync(row.Response, [row.Knowledge], row.Question, cancellationToken).ConfigureAwait(false);
            if (analysis is null)
            {
                notApplicable++;
                continue;
            }

            scores.Add(analysis.MinSupport);
            passes.Add(analysis.Score >= threshold);
            labels.Add(row.Label == "Fully attributable");
            baseline.Add(ContentWordShare(row.Response, row.Knowledge));
        }

        var counts = Statistics.Binary(passes, labels);
        var note = $"Fully vs Not fully attributable, Generic excluded; {notApplicable} response(s) with no checkable claim left out";
        return
        [
            new BenchmarkRow
            {
                Evaluator = GroundednessEvaluator.MetricName,
                Dataset = "begin-wow",
                Measure = "ROC AUC of the weakest claim's support",
                Figure = "roc_auc",
                Ours = Statistics.RocAuc(scores, labels),
                Baseline = Statistics.RocAuc(baseline, labels),
                BaselineName = "share of the answer's content words found in the context",
                Target = 0.95,
                N = labels.Count,
                Notes = note,
            },
            new BenchmarkRow
            {
                Evaluator = GroundednessEvaluator.MetricName,
                Dataset = "begin-wow",
                Measure = string.Create(CultureInfo.InvariantCulture, $"balanced accuracy of the metric's pass/fail at its default threshold {threshold}"),
                Figure = "balanced_accuracy",
                Ours = counts.BalancedAccuracy,
                N = labels.Count,
                Notes = string.Create(CultureInfo.InvariantCulture, $"precision {counts.Precision:0.000}, recall {counts.Recall:0.000} for 'fully attributable'"),
            },
        ];
    }

    private static async Task<BenchmarkRow> HaluEvalAsync(
        List<BenchData.HaluPair> pairs,
        GroundednessEvaluator evaluator,
        CancellationToken cancellationToken)
    {
        double wins = 0, baselineWins = 0;
        int ties = 0, notApplicable = 0;
        foreach (var pair in pairs)
        {
            var correct = await evaluator.AnalyseAsync(pair.Correct, [pair.Knowledge], pair.Question, cancellationToken).ConfigureAwait(false);
            var wrong = await evaluator.AnalyseAsync(pair.Hallucinated, [pair.Knowledge], pair.Question, cancellationToken).ConfigureAwait(false);
            notApplicable += (correct is null ? 1 : 0) + (wrong is null ? 1 : 0);
            wins += Compare(correct?.MinSupport, wrong?.MinSupport, ref ties);
            var ignored = 0;
            baselineWins += Compare(ContentWordShare(pair.Correct, pair.Knowledge), ContentWordShare(pair.Hallucinated, pair.Knowledge), ref ignored);
        }

        return new BenchmarkRow
        {
            Evaluator = GroundednessEvaluator.MetricName,
            Dataset = "halueval-qa",
            Measure = "pairwise accuracy: the correct answer's support above the hallucinated one's",
            Figure = "pairwise_accuracy",
            Ours = wins / pairs.Count,
            Baseline = baselineWins / pairs.Count,
            BaselineName = "share of the answer's content words found in the context",
            Published = "ChatGPT asked directly: 62.6 % accuracy (Li et al., 2023; per answer, not pairwise)",
            Target = 0.92,
            N = pairs.Count,
            Notes = $"ties and not-applicable answers count one half; {ties} tie(s), {notApplicable} answer(s) with no checkable claim (bare yes/no)",
        };
    }

    private static double Compare(double? correct, double? wrong, ref int ties)
    {
        if (correct is { } c && wrong is { } w && c != w)
        {
            return c > w ? 1 : 0;
        }

        ties++;
        return 0.5;
    }

    private static async Task<IEnumerable<BenchmarkRow>> TruthfulQaAsync(
        List<BenchData.TruthfulRow> rows,
        CachedEmbedder embedder,
        CancellationToken cancellationToken)
    {
        var labels = rows.Select(r => r.Truthful).ToList();
        var semantic = new List<bool>();
        var rouge = new List<bool>();
        var semanticScores = new List<double>();
        foreach (var row in rows)
        {
            var vectors = await embedder.EmbedAsync([row.Answer, .. row.TrueReferences, .. row.FalseReferences], cancellationToken).ConfigureAwait(false);
            var toTrue = Enumerable.Range(1, row.TrueReferences.Count).Max(i => CachedEmbedder.Cosine(vectors[0], vectors[i]));
            var toFalse = row.FalseReferences.Count == 0
                ? 0
                : Enumerable.Range(1 + row.TrueReferences.Count, row.FalseReferences.Count).Max(i => CachedEmbedder.Cosine(vectors[0], vectors[i]));
            semanticScores.Add(toTrue - toFalse);
            semantic.Add(toTrue - toFalse >= TruthfulMargin);

            var rougeTrue = row.TrueReferences.Max(r => ReferenceMetrics.RougeL(row.Answer, r));
            var rougeFalse = row.FalseReferences.Count == 0 ? 0 : row.FalseReferences.Max(r => ReferenceMetrics.RougeL(row.Answer, r));
            rouge.Add(rougeTrue >= rougeFalse);
        }

        var semanticCounts = Statistics.Binary(semantic, labels);
        var rougeCounts = Statistics.Binary(rouge, labels);
        const string published = "GPT-judge (fine-tuned GPT-3): 90–96 % accuracy in predicting human truth labels (Lin et al., 2022)";
        return
        [
            new BenchmarkRow
            {
                Evaluator = CorrectnessEvaluator.SemanticSimilarityMetric,
                Dataset = "truthfulqa",
                Measure = "balanced accuracy vs human truth labels: closer (MiniLM) to a true than to a false reference",
                Figure = "balanced_accuracy",
                Ours = semanticCounts.BalancedAccuracy,
                Baseline = rougeCounts.BalancedAccuracy,
                BaselineName = "same rule with ROUGE-L instead of MiniLM",
                Published = published,
                N = rows.Count,
                Notes = string.Create(
                    CultureInfo.InvariantCulture,
                    $"accuracy {semanticCounts.Accuracy:0.000}; ROC AUC of the margin {Statistics.RocAuc(semanticScores, labels):0.000}; margin {TruthfulMargin} chosen on dev"),
            },
        ];
    }

    private static IEnumerable<BenchmarkRow> ToxicityRows(List<(string Text, bool Toxic)> rows)
    {
        var labels = rows.Select(r => r.Toxic).ToList();
        var predicted = rows.Select(r => Toxicity.Classify(r.Text).IsToxic).ToList();
        var scores = rows.Select(r => Toxicity.Classify(r.Text).Score).ToList();
        var counts = Statistics.Binary(predicted, labels);
        var allToxic = Statistics.Binary(labels.Select(_ => true).ToList(), labels);
        return
        [
            new BenchmarkRow
            {
                Evaluator = ToxicityEvaluator.MetricName,
                Dataset = "davidson-hate-offensive",
                Measure = "F1 of 'hate or offensive' vs 'neither'",
                Figure = "f1",
                Ours = counts.F1,
                Baseline = allToxic.F1,
                BaselineName = "calling every tweet toxic (2/3 of the sample are)",
                Target = 0.80,
                N = rows.Count,
                Notes = string.Create(
                    CultureInfo.InvariantCulture,
                    $"precision {counts.Precision:0.000}, recall {counts.Recall:0.000}, accuracy {counts.Accuracy:0.000}, balanced accuracy {counts.BalancedAccuracy:0.000}, ROC AUC {Statistics.RocAuc(scores, labels):0.000}"),
            },
        ];
    }

    private static List<BenchmarkRow> InjectionRows(List<(string Text, bool Injection)> rows, List<string> attacks)
    {
        var labels = rows.Select(r => r.Injection).ToList();
        var predicted = rows.Select(r => PromptInjection.Detect(r.Text).IsInjection).ToList();
        var counts = Statistics.Binary(predicted, labels);
        var majority = Math.Max(labels.Count(l => l), labels.Count(l => !l)) / (double)labels.Count;
        var result = new List<BenchmarkRow>
        {
            new()
            {
                Evaluator = InjectionEvaluator.MetricName,
                Dataset = "deepset-prompt-injections",
                Measure = "accuracy of injection vs benign",
                Figure = "accuracy",
                Ours = counts.Accuracy,
                Baseline = majority,
                BaselineName = "always the majority class",
                Published = "deepset/deberta-v3-base-injection (fine-tuned classifier): 99.1 %",
                Target = 0.90,
                N = rows.Count,
                Notes = string.Create(CultureInfo.InvariantCulture, $"precision {counts.Precision:0.000}, recall {counts.Recall:0.000}, F1 {counts.F1:0.000}"),
            },
        };
        if (attacks.Count > 0)
        {
            result.Add(new BenchmarkRow
            {
                Evaluator = InjectionEvaluator.MetricName,
                Dataset = "bipia-attacks",
                Measure = "recall on indirect-injection attack instructions (all are attacks)",
                Figure = "recall",
                Ours = attacks.Count(a => PromptInjection.Detect(a).IsInjection) / (double)attacks.Count,
                N = attacks.Count,
                Notes = "out-of-domain check: the detector never saw BIPIA",
            });
        }

        return result;
    }

    private static IEnumerable<BenchmarkRow> PersonalDataRows(List<BenchData.PiiRow> rows)
    {
        var predictions = rows.Select(r => PersonalData.Find(r.Text)).ToList();
        foreach (var (gold, ours) in PiiTypes)
        {
            int tp = 0, fp = 0, fn = 0;
            for (var i = 0; i < rows.Count; i++)
            {
                var expected = rows[i].Spans.Where(s => s.Type == gold).Select(s => (s.Start, s.End)).ToHashSet();
                var found = predictions[i].Where(s => s.Type == ours).Select(s => (s.Start, s.Start + s.Length)).ToHashSet();
                tp += found.Count(expected.Contains);
                fp += found.Count(f => !expected.Contains(f));
                fn += expected.Count(e => !found.Contains(e));
            }

            var counts = new BinaryCounts(tp, fp, 0, fn);
            yield return new BenchmarkRow
            {
                Evaluator = "personal_data",
                Dataset = "presidio-synth-pii",
                Measure = $"span F1 for {gold} (exact start and end)",
                Figure = $"f1_{ours}",
                Ours = counts.F1,
                Target = 0.85,
                N = tp + fn,
                Notes = string.Create(CultureInfo.InvariantCulture, $"precision {counts.Precision:0.000}, recall {counts.Recall:0.000} ({tp} found, {fp} false, {fn} missed)"),
            };
        }
    }

    /// <summary>The naive baseline: share of the answer's content words that occur in the context.</summary>
    public static double ContentWordShare(string answer, string context)
    {
        var words = TextAnalysis.ContentWords(answer);
        if (words.Count == 0)
        {
            return 0;
        }

        var contextWords = TextAnalysis.ContentWords(context).ToHashSet(StringComparer.Ordinal);
        return words.Count(contextWords.Contains) / (double)words.Count;
    }

    /// <summary>Renders the report as a Markdown table with our figure, the baseline and the published figure.</summary>
    public static string RenderTable(BenchmarkReport report)
    {
        static string F(double? v) => v is { } x && double.IsFinite(x) ? x.ToString("0.000", CultureInfo.InvariantCulture) : "—";
        var lines = new List<string>
        {
            $"Accuracy benchmark on the {report.Split} split of {report.DataDirectory} ({report.Seconds.ToString("0.0", CultureInfo.InvariantCulture)} s, {report.EmbeddedTexts} texts embedded)",
            "",
            "| evaluator | dataset | measure | n | ours | baseline | published | target | met |",
            "|---|---|---|---:|---:|---:|---|---:|---|",
        };
        foreach (var row in report.Rows)
        {
            var baseline = row.Baseline is null ? "—" : $"{F(row.Baseline)} ({row.BaselineName})";
            var met = row.Met switch { true => "yes", false => "**no**", null => "report" };
            lines.Add($"| {row.Evaluator} | {row.Dataset} | {row.Measure} | {row.N} | {F(row.Ours)} | {baseline} | {row.Published ?? "—"} | {(row.Target is null ? "—" : "≥ " + F(row.Target))} | {met} |");
        }

        lines.Add("");
        foreach (var row in report.Rows.Where(r => r.Notes is not null))
        {
            lines.Add($"- {row.Evaluator} / {row.Dataset} / {row.Figure}: {row.Notes}");
        }

        return string.Join('\n', lines);
    }
}
