using System.Globalization;
using System.Text.Json;
using LlmEval.Datasets;

namespace LlmEval.Benchmarks;

/// <summary>Reads the labelled public sets in the layout of <c>../shared/data</c> (see its README.md).</summary>
public sealed class BenchData(string directory, string split)
{
    public sealed record BeginRow(string Knowledge, string Question, string Response, string Label);

    public sealed record HaluPair(string Id, string Knowledge, string Question, string Correct, string Hallucinated);

    public sealed record TruthfulRow(string Question, string Answer, bool Truthful, IReadOnlyList<string> TrueReferences, IReadOnlyList<string> FalseReferences);

    public sealed record PiiSpan(string Type, int Start, int End);

    public sealed record PiiRow(string Text, IReadOnlyList<PiiSpan> Spans);

    private static readonly string[] BipiaFiles = ["bipia-attacks/text_attack_test.csv", "bipia-attacks/code_attack_test.csv"];

    public string Directory { get; } = directory;

    public string Split { get; } = split;

    public List<BeginRow> Begin() =>
        JsonLines(File($"begin-wow/begin_{Split}_wow.jsonl"))
            .Select(c => new BeginRow(c["knowledge"], c["message"], c["response"], c["begin_label"]))
            .ToList();

    public List<HaluPair> HaluEvalPairs()
    {
        var rows = Csv(File($"halueval-qa/halueval_qa_{Split}.csv"));
        return rows.GroupBy(r => r["id"])
            .Where(g => g.Any(r => r["label"] == "correct") && g.Any(r => r["label"] == "hallucinated"))
            .Select(g => new HaluPair(
                g.Key,
                g.First()["knowledge"],
                g.First()["question"],
                g.First(r => r["label"] == "correct")["answer"],
                g.First(r => r["label"] == "hallucinated")["answer"]))
            .ToList();
    }

    /// <summary>Human truth judgements joined with the true and false reference answers of their question.</summary>
    public List<TruthfulRow> TruthfulQa()
    {
        var references = new Dictionary<string, (List<string> True, List<string> False)>(StringComparer.Ordinal);
        foreach (var row in Csv(File("truthfulqa/TruthfulQA.csv")))
        {
            var truths = SplitAnswers(row["Correct Answers"]).Append(row["Best Answer"].Trim()).Where(a => a.Length > 0).Distinct().ToList();
            references[Key(row["Question"])] = (truths, SplitAnswers(row["Incorrect Answers"]).ToList());
        }

        var result = new List<TruthfulRow>();
        foreach (var row in Csv(File($"truthfulqa/truthfulqa_judgements_{Split}.csv")))
        {
            if (references.TryGetValue(Key(row["question"]), out var refs) && refs.True.Count > 0 && !string.IsNullOrWhiteSpace(row["answer"]))
            {
                result.Add(new TruthfulRow(row["question"], row["answer"], row["truthful"] == "yes", refs.True, refs.False));
            }
        }

        return result;

        static string Key(string question) => question.Trim();
        static IEnumerable<string> SplitAnswers(string cell) =>
            cell.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
    }

    /// <summary>Davidson tweets: toxic when the majority said hate speech (0) or offensive (1).</summary>
    public List<(string Text, bool Toxic)> Davidson() =>
        Csv(File($"davidson-hate-offensive/davidson_{Split}.csv"))
            .Select(r => (r["tweet"], r["class"] is "0" or "1"))
            .ToList();

    /// <summary>deepset prompt injections; the dev split is the published train file.</summary>
    public List<(string Text, bool Injection)> Deepset() =>
        Csv(File($"deepset-prompt-injections/{(Split == "dev" ? "train" : "test")}.csv"))
            .Select(r => (r["text"], r["label"] == "1"))
            .ToList();

    /// <summary>
    /// Benign, mostly assistant-style texts from this split, for a toxicity learner's extra negatives: ChatGPT answers
    /// and the queries they answer (halueval-general), QA answers (correct and hallucinated alike), questions and
    /// Wikipedia knowledge passages (halueval-qa), knowledge snippets and dialogue replies (begin-wow), human-judged answers
    /// (truthfulqa), benign user prompts (deepset, label 0; dev only) and synthetic business text (presidio). None is
    /// labelled for toxicity; they are neutral by construction. Distinct texts, in file order.
    /// </summary>
    public List<string> BenignTexts()
    {
        var texts = new List<string>();
        var general = JsonLines(File($"halueval-general/halueval_general_{Split}.jsonl")).ToList();
        texts.AddRange(general.Select(c => c["chatgpt_response"]));
        texts.AddRange(general.Select(c => c["user_query"]));
        var qa = Csv(File($"halueval-qa/halueval_qa_{Split}.csv"));
        texts.AddRange(qa.Select(r => r["answer"]));
        texts.AddRange(qa.SelectMany(r => new[] { r["question"], r["knowledge"] }));
        var begin = Begin();
        texts.AddRange(begin.SelectMany(r => new[] { r.Knowledge, r.Response }));
        texts.AddRange(Csv(File($"truthfulqa/truthfulqa_judgements_{Split}.csv")).Select(r => r["answer"]));
        if (Split == "dev")
        {
            texts.AddRange(Deepset().Where(r => !r.Injection).Select(r => r.Text));
        }

        texts.AddRange(Presidio().Select(r => r.Text));
        return texts.Select(t => t.Trim()).Where(t => t.Length > 0).Distinct(StringComparer.Ordinal).ToList();
    }

    /// <summary>BIPIA attack instructions (test only, all positives); empty when the folder is absent.</summary>
    public List<string> BipiaAttacks()
    {
        if (Split != "test")
        {
            return [];
        }

        var files = BipiaFiles
            .Select(f => Path.Combine(Directory, f))
            .Where(System.IO.File.Exists);
        return files.SelectMany(f => Csv(f).Select(r => r["attack"])).ToList();
    }

    public List<PiiRow> Presidio() =>
        System.IO.File.ReadLines(File($"presidio-synth-pii/presidio_synth_{Split}.jsonl"))
            .Where(l => !string.IsNullOrWhiteSpace(l))
            .Select(ParsePii)
            .ToList();

    private static PiiRow ParsePii(string line)
    {
        using var document = JsonDocument.Parse(line);
        var root = document.RootElement;
        var spans = root.GetProperty("spans").EnumerateArray()
            .Select(s => new PiiSpan(
                s.GetProperty("entity_type").GetString() ?? "",
                s.GetProperty("start_position").GetInt32(),
                s.GetProperty("end_position").GetInt32()))
            .ToList();
        return new PiiRow(root.GetProperty("full_text").GetString() ?? "", spans);
    }

    private string File(string relative)
    {
        var path = Path.Combine(Directory, relative);
        return System.IO.File.Exists(path)
            ? path
            : throw new BenchmarkDataMissingException(
                $"benchmark data file not found: {Path.GetFullPath(path)} (expected inside the --data folder {Path.GetFullPath(Directory)}; see its README.md)");
    }

    private static IEnumerable<Dictionary<string, string>> JsonLines(string path) =>
        System.IO.File.ReadLines(path).Where(l => !string.IsNullOrWhiteSpace(l)).Select(l => DatasetLoader.ParseJsonObject(l));

    private static List<IReadOnlyDictionary<string, string>> Csv(string path) =>
        DatasetLoader.ReadCsvRows(path).Select(r => r.Cells).ToList();
}
