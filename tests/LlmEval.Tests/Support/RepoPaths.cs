namespace LlmEval.Tests.Support;

/// <summary>Paths inside the repository, found from the test assembly rather than the current folder.</summary>
internal static class RepoPaths
{
    private static readonly Lazy<string> RootPath = new(FindRoot);

    /// <summary>The folder that holds <c>LlmEval.sln</c>.</summary>
    public static string Root => RootPath.Value;

    public static string ShippedSuite => Path.Combine(Root, "eval", "llmeval.json");

    public static string PromptsDirectory => Path.Combine(Root, "eval", "prompts");

    public static string Prompt(string version) => Path.Combine(PromptsDirectory, version + ".scriban");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "LlmEval.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"no LlmEval.sln above {AppContext.BaseDirectory}");
    }
}
