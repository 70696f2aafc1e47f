using System.Globalization;

namespace LlmEval.Text;

/// <summary>How numbers read in messages and reports: invariant culture, "88.5%" with no space.</summary>
public static class Formats
{
    public static string Percent(double? fraction, int decimals = 1) =>
        fraction is { } f
            ? (f * 100).ToString(decimals == 0 ? "0" : "0." + new string('0', decimals), CultureInfo.InvariantCulture) + "%"
            : "n/a";
}
