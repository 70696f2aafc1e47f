using LlmEval.Datasets;
using LlmEval.Tests.Support;

namespace LlmEval.Tests.Datasets;

public sealed class DatasetLoaderTests : IDisposable
{
    private readonly TempDirectory directory = new();

    public void Dispose() => directory.Dispose();

    [Fact]
    public void Load_SeveralBadRows_AllProblemsInOneExceptionWithLines()
    {
        var path = directory.WriteText(
            "bad.csv",
            """
            id,question,expected_behavior
            a-1,How long is the warranty?,answer
            a-2,"Which colours
            does the kettle come in?",answer
            a-1,Duplicate id here,answer
            a-3,,answer
            a-4,What is the return window?,answr
            a-5,Is this row fine?,abstain

            """.ReplaceLineEndings("\n"));

        var ex = Assert.Throws<InvalidInputException>(() => DatasetLoader.Load(new DatasetOptions { Name = "bad", Path = path }));

        Assert.Equal(
            [
                $"{path}:5: column 'id': 'a-1' is used again (first on line 2); ids must be unique within a file",
                $"{path}:6: column 'question': is empty; every case needs the user's question",
                $"{path}:7: column 'expected_behavior': 'answr' is not one of answer, abstain, refuse, resist_injection, protect_data",
            ],
            ex.Problems.Select(p => p.ToString()));
        Assert.Equal(string.Join(Environment.NewLine, ex.Problems.Select(p => p.ToString())), ex.Message);
    }

    [Fact]
    public void Load_RequiredHeaderColumnMissing_NamedWithLineOne()
    {
        var path = directory.WriteText("nohead.csv", "id,prompt\nx-1,Hello?\n");

        var ex = Assert.Throws<InvalidInputException>(() => DatasetLoader.Load(new DatasetOptions { Name = "nohead", Path = path }));

        var problem = Assert.Single(ex.Problems);
        Assert.Equal(1, problem.Line);
        Assert.Equal("question", problem.Column);
        Assert.StartsWith($"{path}:1: column 'question': required column is missing", problem.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Load_MappedColumns_ReadThroughTheMapping()
    {
        var path = directory.WriteText("mapped.csv", "key,prompt,passages\nm-1,What is the fee?,The fee is 10%. || Shipping is $5.99.\n");
        var options = new DatasetOptions
        {
            Name = "mapped",
            Path = path,
            Columns = new Dictionary<string, string> { ["id"] = "key", ["question"] = "prompt", ["context"] = "passages" },
        };

        var goldenCase = Assert.Single(DatasetLoader.Load(options));

        Assert.Equal("m-1", goldenCase.Id);
        Assert.Equal(["The fee is 10%.", "Shipping is $5.99."], goldenCase.Context);
        Assert.Equal($"{path}:2", goldenCase.Source);
    }

    [Fact]
    public void ReadCsvRows_RowWithExtraField_RejectedWithLineAndNoColumn()
    {
        var path = directory.WriteText("extra.csv", "id,question\nr-1,Fine\nr-2,Too many,fields\n");

        var ex = Assert.Throws<InvalidInputException>(() => DatasetLoader.ReadCsvRows(path).ToList());

        // The extra field has no header, so no column is named; the message says how many fields were found.
        var problem = Assert.Single(ex.Problems);
        Assert.Equal(3, problem.Line);
        Assert.Null(problem.Column);
        Assert.StartsWith($"{path}:3: ", ex.Message, StringComparison.Ordinal);
        Assert.Contains("3 fields but 2 were expected", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadCsvRows_RowWithMissingField_RejectedWithLine()
    {
        var path = directory.WriteText("short.csv", "id,question\nr-1,Fine\nr-2\n");

        var ex = Assert.Throws<InvalidInputException>(() => DatasetLoader.ReadCsvRows(path).ToList());

        Assert.Equal(3, Assert.Single(ex.Problems).Line);
    }

    [Fact]
    public void ReadCsvRows_UnterminatedQuote_RejectedWithLineAndColumnWhereItOpened()
    {
        var path = directory.WriteText("open.csv", "id,question\nr-1,Fine\nr-2,\"Never closed\nr-3,Swallowed\n");

        var ex = Assert.Throws<InvalidInputException>(() => DatasetLoader.ReadCsvRows(path).ToList());

        var problem = Assert.Single(ex.Problems);
        Assert.Equal(path, problem.File);
        Assert.Equal(3, problem.Line);
        Assert.Equal("question", problem.Column);
        Assert.StartsWith($"{path}:3: column 'question': ", ex.Message, StringComparison.Ordinal);
        Assert.Contains("never closed", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadCsvRows_StrayQuoteAfterQuotedCells_ColumnCountsOnlyRealDelimiters()
    {
        // Commas inside the earlier quoted cell (with an escaped quote) must not shift the column named.
        var path = directory.WriteText(
            "stray.csv",
            "id,question,payload\nr-1,\"Hello, \"\"friend\"\", how are you?\",{\"a\": 1}\n");

        var ex = Assert.Throws<InvalidInputException>(() => DatasetLoader.ReadCsvRows(path).ToList());

        var problem = Assert.Single(ex.Problems);
        Assert.Equal(2, problem.Line);
        Assert.Equal("payload", problem.Column);
    }

    [Fact]
    public void ReadCsvRows_StrayQuoteOnLaterRowWithBom_ColumnNamed()
    {
        byte[] bom = [0xEF, 0xBB, 0xBF];
        var path = directory.WriteBytes(
            "bom.csv",
            [.. bom, .. System.Text.Encoding.UTF8.GetBytes("id,question,payload\nr-1,Fine,ok\nr-2,Fine,{\"a\": 1}\n")]);

        var ex = Assert.Throws<InvalidInputException>(() => DatasetLoader.ReadCsvRows(path).ToList());

        var problem = Assert.Single(ex.Problems);
        Assert.Equal(3, problem.Line);
        Assert.Equal("payload", problem.Column);
    }

    [Fact]
    public void Load_MissingFile_ProblemNamesPath()
    {
        var path = directory.PathOf("absent.csv");

        var ex = Assert.Throws<InvalidInputException>(() => DatasetLoader.Load(new DatasetOptions { Name = "absent", Path = path }));

        Assert.Contains(path, ex.Message, StringComparison.Ordinal);
        Assert.Contains("file not found", ex.Message, StringComparison.Ordinal);
    }
}
