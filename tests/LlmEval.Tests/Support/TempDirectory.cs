using System.Text;

namespace LlmEval.Tests.Support;

/// <summary>A fresh folder under the system temp folder, deleted when the test ends.</summary>
internal sealed class TempDirectory : IDisposable
{
    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);

    public TempDirectory()
    {
        FullPath = Path.Combine(Path.GetTempPath(), "llmeval-tests", Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(FullPath);
    }

    public string FullPath { get; }

    public string PathOf(string relativePath) => Path.Combine(FullPath, relativePath);

    /// <summary>Writes text exactly as given (no BOM, no line-ending translation) and returns the full path.</summary>
    public string WriteText(string relativePath, string content) => WriteBytes(relativePath, Utf8NoBom.GetBytes(content));

    public string WriteBytes(string relativePath, byte[] content)
    {
        var path = PathOf(relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, content);
        return path;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(FullPath, recursive: true);
        }
        catch (IOException)
        {
            // A browser or child process may still hold a file for a moment; the temp folder is cleaned anyway.
        }
        catch (UnauthorizedAccessException)
        {
            // As above.
        }
    }
}
