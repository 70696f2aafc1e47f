using System.Reflection;

namespace LlmEval;

/// <summary>Text files compiled into the library: report templates, judge rubrics, learned word lists.</summary>
internal static class EmbeddedFiles
{
    /// <summary>The text of the one embedded resource whose name ends with <paramref name="suffix"/>; null when none does.</summary>
    public static string? TryRead(string suffix)
    {
        var assembly = Assembly.GetExecutingAssembly();
        var resource = assembly.GetManifestResourceNames().SingleOrDefault(n => n.EndsWith(suffix, StringComparison.Ordinal));
        if (resource is null)
        {
            return null;
        }

        using var stream = assembly.GetManifestResourceStream(resource)!;
        using var reader = new StreamReader(stream, System.Text.Encoding.UTF8);
        return reader.ReadToEnd();
    }

    public static string Read(string suffix) =>
        TryRead(suffix) ?? throw new InvalidOperationException($"no embedded file ends with '{suffix}'");
}
