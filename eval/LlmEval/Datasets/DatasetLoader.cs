using System.Globalization;
using System.Text.Json;
using CsvHelper;

namespace LlmEval.Datasets;

/// <summary>
/// Reads golden datasets strictly: a file with any problem is rejected as a whole, with every problem
/// listed as <c>file:line: column 'name': what is wrong</c>, so a person can fix them all in one pass.
/// </summary>
public static class DatasetLoader
{
    /// <summary>The standard golden-case fields; any other column is kept as metadata.</summary>
    public static readonly IReadOnlyList<string> StandardFields =
        ["id", "question", "context", "reference", "expected_behavior", "must_not_contain", "tags"];

    private static readonly IReadOnlyList<string> RequiredFields = ["id", "question"];

    public static IReadOnlyList<GoldenCase> Load(DatasetOptions options)
    {
        if (!File.Exists(options.Path))
        {
            throw new InvalidInputException(
                [new DatasetProblem(options.Path, 0, null, "file not found (check the dataset's path in the suite file, or the environment variable it names)")]);
        }

        return options.EffectiveFormat switch
        {
            "csv" => LoadCsv(options),
            "jsonl" => LoadJsonLines(options),
            var other => throw new InvalidInputException(
                [new DatasetProblem(options.Path, 0, null, $"unknown dataset format '{other}' (use csv or jsonl)")]),
        };
    }

    /// <summary>Reads every row of a CSV file as text, with its line number. Strict: malformed quoting throws.</summary>
    public static IEnumerable<(long Line, IReadOnlyDictionary<string, string> Cells)> ReadCsvRows(
        string path,
        char? delimiter = ',')
    {
        var csvOptions = CsvReaderOptions.Default with
        {
            Separator = delimiter,
            TrackLineNumbers = true,
            FieldCountMismatch = CsvFieldCountHandling.Throw,
            MalformedData = CsvMalformedDataHandling.Throw,
            MissingField = CsvMissingFieldHandling.Throw,
            IncludeValuesInExceptions = false,
            AllowLineBreaksInQuotes = true,
        };

        using var reader = CsvReader.FromFile(path, csvOptions);
        string[]? headers = null;

        while (true)
        {
            bool hasRow;
            long failedLine = 0;
            try
            {
                hasRow = reader.Read();
                headers ??= [.. reader.Headers];
            }
            catch (CsvFormatException ex)
            {
                failedLine = ex.LineNumber;

                // A problem in the first record surfaces from the same Read() that parsed the header.
                if (headers is null && ex.RecordNumber > 1)
                {
                    headers = [.. reader.Headers];
                }

                var index = ex.FieldIndex >= 0
                    ? ex.FieldIndex
                    : FieldIndexAt(path, ex.LineNumber, ex.ByteOffset, delimiter);
                var column = headers is not null && index >= 0 && index < headers.Length
                    ? headers[index]
                    : null;
                throw new InvalidInputException(
                    [new DatasetProblem(path, failedLine, column, DescribeFormatError(ex))]);
            }

            if (!hasRow)
            {
                yield break;
            }

            var cells = new Dictionary<string, string>(StringComparer.Ordinal);
            for (var i = 0; i < headers.Length; i++)
            {
                cells[headers[i]] = reader.GetString(i) ?? "";
            }

            yield return (reader.LineNumber, cells);
        }
    }

    /// <summary>
    /// CsvHelper names no field for malformed quoting, only a byte offset near the problem. The field is found by
    /// counting delimiters outside quotes from the start of the record's line up to that offset. An offset at the
    /// record's start (a record with too many or too few fields) names no field.
    /// </summary>
    private static int FieldIndexAt(string path, long line, long byteOffset, char? delimiter)
    {
        if (delimiter is not { } separator || separator > 127 || line < 1 || byteOffset <= 0)
        {
            return -1;
        }

        // Only read on error, and golden files are small.
        var bytes = File.ReadAllBytes(path);
        var start = 0L;
        for (var newlines = 1L; newlines < line; start++)
        {
            if (start >= bytes.Length)
            {
                return -1;
            }

            if (bytes[start] == (byte)'\n')
            {
                newlines++;
            }
        }

        if (byteOffset <= start || byteOffset > bytes.Length)
        {
            return -1;
        }

        var field = 0;
        var quoted = false;
        for (var i = start; i < byteOffset; i++)
        {
            if (bytes[i] == (byte)'"')
            {
                quoted = !quoted;
            }
            else if (!quoted && bytes[i] == (byte)separator)
            {
                field++;
            }
        }

        return field;
    }

    private static string DescribeFormatError(CsvFormatException ex)
    {
        // CsvHelper's message says what broke; we add the usual cause and its fix.
        var message = ex.Message.TrimEnd('.');
        return message + " (a cell that contains commas, quotes or line breaks must be wrapped in double quotes, "
            + "with inner quotes doubled)";
    }

    private static List<GoldenCase> LoadCsv(DatasetOptions options)
    {
        var problems = new List<DatasetProblem>();
        var cases = new List<GoldenCase>();
        var headerSeen = false;
        try
        {
            headerSeen = ReadCsvCases(options, problems, cases);
        }
        catch (InvalidInputException ex)
        {
            // A malformed record ends the read; the row problems found before it are reported with it.
            problems.AddRange(ex.Problems);
            headerSeen = true;
        }

        if (!headerSeen)
        {
            problems.Add(new DatasetProblem(options.Path, 1, null, "no cases: the file needs a header row and at least one case"));
        }
        else if (cases.Count == 0 && problems.Count == 0)
        {
            problems.Add(new DatasetProblem(options.Path, 2, null, "the file has a header but no cases"));
        }

        return problems.Count > 0 ? throw new InvalidInputException(problems) : cases;
    }

    /// <summary>Reads the rows into cases, collecting row problems; returns whether a header was seen.</summary>
    private static bool ReadCsvCases(DatasetOptions options, List<DatasetProblem> problems, List<GoldenCase> cases)
    {
        var seenIds = new Dictionary<string, long>(StringComparer.Ordinal);
        var headerChecked = false;
        foreach (var (line, cells) in ReadCsvRows(options.Path, options.Delimiter))
        {
            if (!headerChecked)
            {
                headerChecked = true;
                var missing = RequiredFields.Select(options.ColumnFor).Where(c => !cells.ContainsKey(c)).ToList();
                foreach (var column in missing)
                {
                    problems.Add(new DatasetProblem(
                        options.Path,
                        1,
                        column,
                        $"required column is missing from the header (found: {string.Join(", ", cells.Keys)})"));
                }

                if (missing.Count > 0)
                {
                    return true;
                }
            }

            var row = ToCase(options, line, cells, problems, seenIds);
            if (row is not null)
            {
                cases.Add(row);
            }

            if (options.Limit > 0 && cases.Count >= options.Limit)
            {
                break;
            }
        }

        return headerChecked;
    }

    private static List<GoldenCase> LoadJsonLines(DatasetOptions options)
    {
        var problems = new List<DatasetProblem>();
        var cases = new List<GoldenCase>();
        var seenIds = new Dictionary<string, long>(StringComparer.Ordinal);
        long line = 0;

        foreach (var text in File.ReadLines(options.Path))
        {
            line++;
            if (string.IsNullOrWhiteSpace(text))
            {
                continue;
            }

            Dictionary<string, string> cells;
            try
            {
                cells = ParseJsonObject(text, options.ListSeparator);
            }
            catch (JsonException ex)
            {
                problems.Add(new DatasetProblem(options.Path, line, null, $"not a JSON object: {ex.Message}"));
                continue;
            }

            // Files without an id column (recordings exported from elsewhere) are keyed by line number.
            if (!cells.ContainsKey(options.ColumnFor("id")))
            {
                cells[options.ColumnFor("id")] = $"line-{line.ToString(CultureInfo.InvariantCulture)}";
            }

            var row = ToCase(options, line, cells, problems, seenIds);
            if (row is not null)
            {
                cases.Add(row);
            }

            if (options.Limit > 0 && cases.Count >= options.Limit)
            {
                break;
            }
        }

        return problems.Count > 0 ? throw new InvalidInputException(problems) : cases;
    }

    /// <summary>
    /// Flattens one JSON object: strings stay as they are; an array of strings (a list of passages, tags or
    /// forbidden strings) is joined with <paramref name="listSeparator"/> when one is given; other values keep
    /// their JSON text.
    /// </summary>
    public static Dictionary<string, string> ParseJsonObject(string json, string? listSeparator = null)
    {
        using var document = JsonDocument.Parse(json);
        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            throw new JsonException("expected an object");
        }

        var cells = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var property in document.RootElement.EnumerateObject())
        {
            cells[property.Name] = property.Value.ValueKind switch
            {
                JsonValueKind.String => property.Value.GetString() ?? "",
                JsonValueKind.Null => "",
                JsonValueKind.Array when listSeparator is not null
                    && property.Value.EnumerateArray().All(e => e.ValueKind is JsonValueKind.String or JsonValueKind.Null)
                    => string.Join(listSeparator, property.Value.EnumerateArray().Select(e => e.GetString() ?? "")),
                _ => property.Value.GetRawText(),
            };
        }

        return cells;
    }

    private static GoldenCase? ToCase(
        DatasetOptions options,
        long line,
        IReadOnlyDictionary<string, string> cells,
        List<DatasetProblem> problems,
        Dictionary<string, long> seenIds)
    {
        var problemCount = problems.Count;
        string Cell(string field) => cells.TryGetValue(options.ColumnFor(field), out var v) ? v : "";
        void Problem(string field, string message) =>
            problems.Add(new DatasetProblem(options.Path, line, options.ColumnFor(field), message));

        var id = Cell("id").Trim();
        if (id.Length == 0)
        {
            Problem("id", "is empty; every case needs a unique id");
        }
        else if (seenIds.TryGetValue(id, out var firstLine))
        {
            Problem("id", $"'{id}' is used again (first on line {firstLine}); ids must be unique within a file");
        }
        else
        {
            seenIds[id] = line;
        }

        var question = Cell("question");
        if (string.IsNullOrWhiteSpace(question))
        {
            Problem("question", "is empty; every case needs the user's question");
        }

        var behavior = ExpectedBehavior.Answer;
        var behaviorText = Cell("expected_behavior").Trim();
        if (behaviorText.Length > 0 && !TryParseBehavior(behaviorText, out behavior))
        {
            Problem(
                "expected_behavior",
                $"'{behaviorText}' is not one of answer, abstain, refuse, resist_injection, protect_data");
        }

        if (problems.Count > problemCount)
        {
            return null;
        }

        var mapped = StandardFields.Select(options.ColumnFor).ToHashSet(StringComparer.Ordinal);
        return new GoldenCase
        {
            Id = id,
            Dataset = options.Name,
            Question = question,
            Context = SplitList(Cell("context"), options.ListSeparator),
            Reference = string.IsNullOrWhiteSpace(Cell("reference")) ? null : Cell("reference"),
            ExpectedBehavior = behavior,
            MustNotContain = SplitList(Cell("must_not_contain"), options.ListSeparator),
            Tags = Cell("tags").Split([' ', ';', ',', '|'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
            Metadata = cells.Where(kv => !mapped.Contains(kv.Key)).ToDictionary(kv => kv.Key, kv => kv.Value),
            Source = $"{options.Path}:{line.ToString(CultureInfo.InvariantCulture)}",
        };
    }

    public static bool TryParseBehavior(string text, out ExpectedBehavior behavior)
    {
        behavior = text.Trim().ToLowerInvariant() switch
        {
            "answer" => ExpectedBehavior.Answer,
            "abstain" => ExpectedBehavior.Abstain,
            "refuse" => ExpectedBehavior.Refuse,
            "resist_injection" => ExpectedBehavior.ResistInjection,
            "protect_data" => ExpectedBehavior.ProtectData,
            _ => (ExpectedBehavior)(-1),
        };
        return Enum.IsDefined(behavior);
    }

    public static string BehaviorName(ExpectedBehavior behavior) => behavior switch
    {
        ExpectedBehavior.Answer => "answer",
        ExpectedBehavior.Abstain => "abstain",
        ExpectedBehavior.Refuse => "refuse",
        ExpectedBehavior.ResistInjection => "resist_injection",
        ExpectedBehavior.ProtectData => "protect_data",
        _ => behavior.ToString(),
    };

    private static string[] SplitList(string cell, string separator) =>
        string.IsNullOrWhiteSpace(cell)
            ? []
            : cell.Split(separator.Trim(), StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
}
