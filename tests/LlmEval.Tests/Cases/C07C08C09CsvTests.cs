using System.Text;
using LlmEval.Datasets;
using LlmEval.Tests.Support;

namespace LlmEval.Tests.Cases;

/// <summary>C07 JSON in a cell, C08 line endings, C09 byte-order mark before a quoted header.</summary>
public sealed class C07C08C09CsvTests : IDisposable
{
    private readonly TempDirectory directory = new();

    public void Dispose() => directory.Dispose();

    [Fact]
    public void C07_QuotedJsonCell_ReadsVerbatim()
    {
        var path = directory.WriteText("json.csv", "id,payload\nj1,\"{\"\"answer\"\": \"\"2024-03-09\"\"}\"\n");

        var row = Assert.Single(DatasetLoader.ReadCsvRows(path));

        Assert.Equal("""{"answer": "2024-03-09"}""", row.Cells["payload"]);
        Assert.Equal(2, row.Line);
    }

    [Fact]
    public void C07_QuotedJsonCell_LoadKeepsItAsMetadata()
    {
        var path = directory.WriteText("json.csv", "id,question,payload\nj1,What date?,\"{\"\"answer\"\": \"\"2024-03-09\"\"}\"\n");

        var goldenCase = Assert.Single(DatasetLoader.Load(new DatasetOptions { Name = "json", Path = path }));

        Assert.Equal("""{"answer": "2024-03-09"}""", goldenCase.Metadata["payload"]);
    }

    [Fact]
    public void C07_UnquotedJsonCell_RejectedWithFileLineAndColumn()
    {
        var path = directory.WriteText("json.csv", "id,question,payload\nj1,What date?,{\"answer\": \"2024-03-09\"}\n");

        var ex = Assert.Throws<InvalidInputException>(() => DatasetLoader.Load(new DatasetOptions { Name = "json", Path = path }));

        var problem = Assert.Single(ex.Problems);
        Assert.Equal(path, problem.File);
        Assert.Equal(2, problem.Line);
        Assert.Equal("payload", problem.Column);
        Assert.StartsWith($"{path}:2: column 'payload': ", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\r\n")]
    [InlineData("\n")]
    public void C08_LineEndings_ExpectedIsExactlyBuenosDias(string newline)
    {
        var path = directory.WriteText("phrases.csv", $"phrase,expected{newline}Good morning,Buenos días{newline}");

        var row = Assert.Single(DatasetLoader.ReadCsvRows(path));

        Assert.Equal("Buenos días", row.Cells["expected"]);
        Assert.Equal("Good morning", row.Cells["phrase"]);
    }

    [Theory]
    [InlineData("\r\n")]
    [InlineData("\n")]
    public void C08_NewlineInsideQuotedCell_Kept(string newline)
    {
        var path = directory.WriteText(
            "phrases.csv",
            $"phrase,expected{newline}\"Good{newline}morning\",Buenos días{newline}Good night,Buenas noches{newline}");

        var rows = DatasetLoader.ReadCsvRows(path).ToList();

        Assert.Equal(2, rows.Count);
        Assert.Equal($"Good{newline}morning", rows[0].Cells["phrase"]);
        Assert.Equal("Buenos días", rows[0].Cells["expected"]);
        Assert.Equal("Buenas noches", rows[1].Cells["expected"]);
    }

    [Fact]
    public void C08_CrlfDataset_LoadGivesExactCells()
    {
        var path = directory.WriteText(
            "support.csv",
            "id,question,reference\r\ng1,Good morning,Buenos días\r\ng2,\"Two\r\nlines\",Buenas noches\r\n");

        var cases = DatasetLoader.Load(new DatasetOptions { Name = "support", Path = path });

        Assert.Equal(["Buenos días", "Buenas noches"], cases.Select(c => c.Reference));
        Assert.Equal("Two\r\nlines", cases[1].Question);
    }

    [Fact]
    public void C09_BomBeforeQuotedHeader_SemicolonDelimiter()
    {
        var path = directory.WriteBytes("items.csv", WithBom("\"item\";\"qty\"\n\"bolt\";\"4\"\n"));

        var rows = DatasetLoader.ReadCsvRows(path, ';').ToList();

        var row = Assert.Single(rows);
        Assert.Equal(["item", "qty"], row.Cells.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("bolt", row.Cells["item"]);
        Assert.Equal("4", row.Cells["qty"]);
    }

    [Fact]
    public void C09_BomBeforeQuotedHeader_LoadFindsFirstColumn()
    {
        // Were the BOM kept in the first header, the required column 'id' would be reported missing.
        var path = directory.WriteBytes("items.csv", WithBom("\"id\";\"question\"\n\"bolt\";\"4\"\n"));

        var goldenCase = Assert.Single(DatasetLoader.Load(new DatasetOptions { Name = "items", Path = path, Delimiter = ';' }));

        Assert.Equal("bolt", goldenCase.Id);
        Assert.Equal("4", goldenCase.Question);
    }

    private static byte[] WithBom(string text) => [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text)];
}
