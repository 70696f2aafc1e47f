using MathNet.Numerics.Statistics;

namespace LlmEval.Benchmarks;

/// <summary>Counts of a binary classification against labels, and the usual figures derived from them.</summary>
public sealed record BinaryCounts(int TruePositive, int FalsePositive, int TrueNegative, int FalseNegative)
{
    public int N => TruePositive + FalsePositive + TrueNegative + FalseNegative;

    public double Precision => TruePositive + FalsePositive == 0 ? 0 : TruePositive / (double)(TruePositive + FalsePositive);

    public double Recall => TruePositive + FalseNegative == 0 ? 0 : TruePositive / (double)(TruePositive + FalseNegative);

    public double Specificity => TrueNegative + FalsePositive == 0 ? 0 : TrueNegative / (double)(TrueNegative + FalsePositive);

    public double F1 => Precision + Recall == 0 ? 0 : 2 * Precision * Recall / (Precision + Recall);

    public double Accuracy => N == 0 ? 0 : (TruePositive + TrueNegative) / (double)N;

    /// <summary>Mean of recall and specificity: accuracy that a class imbalance cannot inflate.</summary>
    public double BalancedAccuracy => (Recall + Specificity) / 2;
}

/// <summary>Agreement statistics for the benchmark.</summary>
public static class Statistics
{
    public static BinaryCounts Binary(IReadOnlyList<bool> predicted, IReadOnlyList<bool> labels)
    {
        int tp = 0, fp = 0, tn = 0, fn = 0;
        for (var i = 0; i < predicted.Count; i++)
        {
            switch (predicted[i], labels[i])
            {
                case (true, true): tp++; break;
                case (true, false): fp++; break;
                case (false, false): tn++; break;
                default: fn++; break;
            }
        }

        return new BinaryCounts(tp, fp, tn, fn);
    }

    /// <summary>
    /// Area under the ROC curve by the rank (Mann–Whitney U) formula: the chance that a random positive scores above
    /// a random negative, ties counting one half. Ranks with ties averaged come from MathNet.Numerics.
    /// </summary>
    public static double RocAuc(IReadOnlyList<double> scores, IReadOnlyList<bool> labels)
    {
        var positives = labels.Count(l => l);
        var negatives = labels.Count - positives;
        if (positives == 0 || negatives == 0)
        {
            return double.NaN;
        }

        var ranks = scores.Ranks(RankDefinition.Average);
        var positiveRankSum = 0.0;
        for (var i = 0; i < ranks.Length; i++)
        {
            if (labels[i])
            {
                positiveRankSum += ranks[i];
            }
        }

        var u = positiveRankSum - positives * (positives + 1) / 2.0;
        return u / ((double)positives * negatives);
    }
}
