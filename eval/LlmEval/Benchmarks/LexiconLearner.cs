using LlmEval.Text;

namespace LlmEval.Benchmarks;

/// <summary>What a learned lexicon should be chosen for when its threshold is picked.</summary>
public enum LexiconObjective
{
    /// <summary>F1 of the positive class.</summary>
    F1,

    /// <summary>Share of texts classified correctly.</summary>
    Accuracy,
}

/// <summary>The outcome of learning a lexicon: the lexicon and the cross-validated figures that chose it.</summary>
public sealed record LearnedLexicon(WeightedLexicon Lexicon, double L2, double CrossValidatedObjective, int Examples, int Features)
{
    /// <summary>Weights below this magnitude were dropped (chosen by cross-validation).</summary>
    public double MinimumWeight { get; init; }

    /// <summary>Extra negative (benign) texts learned from besides <see cref="Examples"/>.</summary>
    public int BenignExamples { get; init; }

    /// <summary>Out-of-fold share of the benign texts scored positive at the chosen threshold (NaN without any).</summary>
    public double BenignFalsePositiveRate { get; init; } = double.NaN;
}

/// <summary>
/// Learns a <see cref="WeightedLexicon"/> from labelled texts: binary features (words, and word pairs when asked,
/// plus any rule features the caller's featuriser adds) seen in at least <c>minimumDocuments</c> texts (rarer ones stay
/// neutral), optionally with unlabelled benign texts as extra negatives (trained on, and bounding the false alarms the
/// threshold may cause out of fold, but not part of the objective), weights from L2-regularised
/// logistic regression fitted by full-batch gradient descent (deterministic: no sampling). The L2 strength and the
/// decision threshold are chosen by 5-fold cross-validation on the same (development) texts, so a test split is never
/// looked at.
/// </summary>
public static class LexiconLearner
{
    private const int Folds = 5;
    private const int Iterations = 300;
    private static readonly double[] L2Grid = [0.1, 0.3, 1];

    // Weights smaller than this are dropped: a word that barely leans one way in 750 tweets is mostly noise.
    private static readonly double[] PruneGrid = [0, 0.25, 0.5, 0.75];

    public static LearnedLexicon Learn(
        IReadOnlyList<(string Text, bool Positive)> examples,
        Func<string, IReadOnlyList<string>> featurise,
        bool bigrams,
        LexiconObjective objective,
        IReadOnlyList<string>? benign = null,
        int minimumDocuments = 2,
        double maximumBenignFalsePositiveRate = 1)
    {
        benign ??= [];
        var featureSets = examples.Select(e => featurise(e.Text).Distinct(StringComparer.Ordinal).ToArray()).ToArray();
        var labels = examples.Select(e => e.Positive).ToArray();
        var benignSets = benign.Select(t => featurise(t).Distinct(StringComparer.Ordinal).ToArray()).ToArray();
        var allSets = featureSets.Concat(benignSets).ToArray();
        var allLabels = labels.Concat(benignSets.Select(_ => false)).ToArray();

        double bestObjective = double.MinValue, bestL2 = L2Grid[0], bestThreshold = 0.5, bestPrune = 0, bestBenignRate = double.NaN;
        var bestFeasible = false;
        foreach (var (l2, prune) in L2Grid.SelectMany(l => PruneGrid.Select(p => (l, p))))
        {
            var outOfFold = new double[examples.Count];
            var benignOutOfFold = new double[benignSets.Length];
            for (var fold = 0; fold < Folds; fold++)
            {
                // The benign texts are folded like the labelled ones: each is scored by a model that never saw it.
                var train = Enumerable.Range(0, allSets.Length)
                    .Where(i => (i < examples.Count ? i : i - examples.Count) % Folds != fold)
                    .ToArray();
                var model = Fit(train.Select(i => allSets[i]).ToArray(), train.Select(i => allLabels[i]).ToArray(), l2, bigrams, minimumDocuments).Pruned(prune);
                foreach (var i in Enumerable.Range(0, examples.Count).Where(i => i % Folds == fold))
                {
                    outOfFold[i] = model.Evidence(featureSets[i]);
                }

                foreach (var i in Enumerable.Range(0, benignSets.Length).Where(i => i % Folds == fold))
                {
                    benignOutOfFold[i] = model.Evidence(benignSets[i]);
                }
            }

            // Only positive evidence may flag a text: a text with no listed feature must stay negative, whatever the
            // class balance of the training data (two thirds of the Davidson sample is toxic). The objective is
            // measured on the labelled texts only; the benign texts bound the false alarms the threshold may cause.
            var (threshold, value) = BestThreshold(outOfFold, labels, objective, minimum: 1e-6, benignOutOfFold, maximumBenignFalsePositiveRate);
            var benignRate = benignOutOfFold.Length == 0 ? double.NaN : benignOutOfFold.Count(s => s >= threshold) / (double)benignOutOfFold.Length;
            var feasible = benignOutOfFold.Length == 0 || benignRate <= maximumBenignFalsePositiveRate;
            // A feasible setting beats an infeasible one; a tie goes to the larger pruning: fewer weak words, fewer
            // false alarms on text unlike the training data.
            if ((feasible && !bestFeasible) || (feasible == bestFeasible && (value > bestObjective || (value == bestObjective && prune > bestPrune))))
            {
                (bestObjective, bestL2, bestThreshold, bestPrune, bestBenignRate, bestFeasible) = (value, l2, threshold, prune, benignRate, feasible);
            }
        }

        // The score is logistic(evidence - threshold): exactly 0.5 at the chosen evidence threshold, and below 0.5
        // for a text with no listed feature. The fitted bias (the class prior) is deliberately left out.
        var final = Fit(allSets, allLabels, bestL2, bigrams, minimumDocuments).Pruned(bestPrune);
        var lexicon = new WeightedLexicon(final.Weights, -bestThreshold, 0.5, bigrams);
        return new LearnedLexicon(lexicon, bestL2, bestObjective, examples.Count, final.Weights.Count)
        {
            MinimumWeight = bestPrune,
            BenignExamples = benignSets.Length,
            BenignFalsePositiveRate = bestBenignRate,
        };
    }

    /// <summary>The threshold (midpoint between adjacent scores) that maximises the objective.</summary>
    public static (double Threshold, double Value) BestThreshold(
        IReadOnlyList<double> scores,
        IReadOnlyList<bool> labels,
        LexiconObjective objective,
        double minimum = double.MinValue,
        IReadOnlyList<double>? benignScores = null,
        double maximumBenignFalsePositiveRate = 1)
    {
        var candidates = scores.Distinct().Order().ToList();
        var thresholds = candidates.Zip(candidates.Skip(1), (a, b) => (a + b) / 2)
            .Prepend(candidates[0])
            .Select(t => Math.Max(t, minimum))
            .Distinct()
            .ToList();
        double bestValue = double.MinValue, bestThreshold = 0.5;
        // Without any threshold meeting the bound on benign false alarms, the best unbounded one is returned.
        if (benignScores is { Count: > 0 } && thresholds.Any(t => Rate(t) <= maximumBenignFalsePositiveRate))
        {
            thresholds = thresholds.Where(t => Rate(t) <= maximumBenignFalsePositiveRate).ToList();
        }

        foreach (var t in thresholds)
        {
            var predicted = scores.Select(s => s >= t).ToList();
            var value = objective == LexiconObjective.F1
                ? Statistics.Binary(predicted, labels).F1
                : Statistics.Binary(predicted, labels).Accuracy;
            if (value > bestValue)
            {
                (bestValue, bestThreshold) = (value, t);
            }
        }

        return (bestThreshold, bestValue);

        double Rate(double t) => benignScores!.Count(s => s >= t) / (double)benignScores!.Count;
    }

    private sealed record Model(Dictionary<string, double> Weights, double Bias)
    {
        public Model Pruned(double minimum) =>
            minimum <= 0 ? this : new Model(Weights.Where(kv => Math.Abs(kv.Value) >= minimum).ToDictionary(StringComparer.Ordinal), Bias);

        /// <summary>Sum of the weights of the features present (the bias left out).</summary>
        public double Evidence(string[] features) => features.Sum(f => Weights.GetValueOrDefault(f));

        public (double Score, int Hits) Score(string[] features)
        {
            var sum = Bias;
            var hits = 0;
            foreach (var f in features)
            {
                if (Weights.TryGetValue(f, out var w))
                {
                    sum += w;
                    hits++;
                }
            }

            return (1 / (1 + Math.Exp(-sum)), hits);
        }
    }

    private static Model Fit(string[][] featureSets, bool[] labels, double l2, bool bigrams, int minimumDocuments)
    {
        // Keep features seen in at least minimumDocuments training texts; a word seen once or twice says more about
        // those texts than about the class, and an unlisted word counts as neutral.
        var vocabulary = featureSets
            .SelectMany(f => f)
            .GroupBy(f => f, StringComparer.Ordinal)
            .Where(g => g.Count() >= minimumDocuments && (bigrams || !g.Key.Contains(' ', StringComparison.Ordinal)))
            .Select((g, i) => (g.Key, i))
            .ToDictionary(p => p.Key, p => p.i, StringComparer.Ordinal);
        var rows = featureSets.Select(f => f.Where(vocabulary.ContainsKey).Select(k => vocabulary[k]).ToArray()).ToArray();
        var weights = new double[vocabulary.Count];
        var gradientSquares = new double[vocabulary.Count];
        double bias = 0, biasSquares = 0;
        const double rate = 0.5;
        var n = rows.Length;

        for (var iteration = 0; iteration < Iterations; iteration++)
        {
            var gradient = new double[weights.Length];
            var biasGradient = 0.0;
            for (var r = 0; r < n; r++)
            {
                var z = bias;
                foreach (var j in rows[r])
                {
                    z += weights[j];
                }

                var error = 1 / (1 + Math.Exp(-z)) - (labels[r] ? 1 : 0);
                biasGradient += error;
                foreach (var j in rows[r])
                {
                    gradient[j] += error;
                }
            }

            // Adagrad steps on the mean log-loss plus (l2 / n) * |w|^2 / 2.
            for (var j = 0; j < weights.Length; j++)
            {
                var g = gradient[j] / n + l2 / n * weights[j];
                gradientSquares[j] += g * g;
                weights[j] -= rate * g / (Math.Sqrt(gradientSquares[j]) + 1e-8);
            }

            var bg = biasGradient / n;
            biasSquares += bg * bg;
            bias -= rate * bg / (Math.Sqrt(biasSquares) + 1e-8);
        }

        var kept = vocabulary
            .Where(kv => Math.Abs(weights[kv.Value]) >= 0.02)
            .ToDictionary(kv => kv.Key, kv => weights[kv.Value], StringComparer.Ordinal);
        return new Model(kept, bias);
    }
}
