package io.dcganexplorer.latent;

import io.dcganexplorer.eval.AttributeClassifier;
import io.dcganexplorer.eval.AttributeExpression;
import io.dcganexplorer.eval.DiscriminatorFeatures;
import io.dcganexplorer.eval.Scorer;
import io.dcganexplorer.image.GifWriter;
import io.dcganexplorer.image.PngFiles;
import io.dcganexplorer.latent.ArithmeticEvaluation.Listener;
import io.dcganexplorer.latent.ArithmeticEvaluation.Result;
import io.dcganexplorer.latent.ArithmeticEvaluation.Settings;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CancellationException;

/**
 * The measured arithmetic on one checkpoint: a round per seed (score a pool, choose exemplars,
 * render Y and the single-exemplar grids, score them), then the report of their means. Both
 * {@link ArithmeticEvaluation#evaluate} and every checkpoint of a sweep run through here.
 */
final class CheckpointArithmetic {
    /** The attribute probes for a checkpoint whose discriminator reads the given features. */
    @FunctionalInterface
    interface Probes {
        AttributeClassifier fit(DiscriminatorFeatures features) throws IOException;
    }

    private final Settings s;
    private final Listener listener;
    private final RoundClock clock;
    private final List<AttributeExpression> exprs;
    private final AttributeExpression goal;
    private final Map<String, Double> realRate;
    private final double realTarget;
    private final Scorer cnn;
    private final Probes probes;
    private final Path run;
    private final long probeSeed;
    private final AutoExemplars.Progress cancellable;

    /**
     * @param realRate each attribute's rate in the data, by name
     * @param realTarget the share of the data's images that hold the target
     * @param cnn the scorer the probes read, named in the report; null: the discriminator's features
     * @param run the run folder, for the reports' provenance
     * @param probeSeed the seed the probes are fitted with, for the provenance
     */
    CheckpointArithmetic(Settings s, Listener listener, RoundClock clock, List<AttributeExpression> exprs,
            AttributeExpression goal, Map<String, Double> realRate, double realTarget, Scorer cnn, Probes probes,
            Path run, long probeSeed) {
        this.s = s;
        this.listener = listener;
        this.clock = clock;
        this.exprs = exprs;
        this.goal = goal;
        this.realRate = realRate;
        this.realTarget = realTarget;
        this.cnn = cnn;
        this.probes = probes;
        this.run = run;
        this.probeSeed = probeSeed;
        this.cancellable = new AutoExemplars.Progress() {
            @Override
            public void scored(int n, int total) {}

            @Override
            public boolean cancelled() {
                return listener.cancelled();
            }
        };
    }

    /**
     * One seed's round as reported, with what only feeds the means: {@code calledRates} and
     * {@code targetCalled}, the pool's shares called each attribute, and the target.
     */
    private record Measured(ArithmeticReport.Round round, Map<String, Double> calledRates, double targetCalled) {}

    /**
     * The rounds on {@code dir} over the seeds firstSeed..firstSeed+repeat-1 and their report (the
     * first round's picture written to {@code png} unless null); {@code noiseSeed}, the seed as
     * given, goes to the provenance. Counts on the clock as it goes.
     */
    ArithmeticReport evaluate(Path dir, GeneratorSession session, long firstSeed, long noiseSeed, Path png)
            throws IOException {
        try (DiscriminatorFeatures features = DiscriminatorFeatures.open(dir)) {
            AttributeClassifier clf = probes.fit(features);
            clock.roundBegins(); // the rounds' clock: loading and fitting came before
            List<Measured> rounds = new ArrayList<>();
            for (int r = 0; r < s.repeat(); r++) {
                if (listener.cancelled()) {
                    throw new CancellationException();
                }
                rounds.add(round(features, clf, session, firstSeed + r, r == 0 ? png : null));
                clock.roundDone();
            }
            ArithmeticProvenance provenance = ArithmeticProvenance.of(s, run, dir,
                    session.weights().name().toLowerCase(Locale.ROOT), goal.text(), cnn != null ? cnn.folder() : null,
                    probeSeed, firstSeed, noiseSeed, png);
            return summarise(dir, clf, rounds, provenance);
        }
    }

    /** One seed: pool, exemplars, the two arithmetic grids and what the probes call them. */
    private Measured round(DiscriminatorFeatures features, AttributeClassifier clf, GeneratorSession session, long seed,
            Path png) throws IOException {
        AutoExemplars.Pool scored = AutoExemplars.score(session, features, clf, s.pool(), seed, cancellable);
        Map<String, Double> calledRates = AutoExemplars.calledRates(scored);
        // How often does G draw the target at all? A combination it rarely draws is one
        // the arithmetic can rarely land on.
        double targetCalled = scored.scores().stream().filter(goal::holds).count() / (double) scored.size();
        List<List<float[]>> g = AutoExemplars.choose(scored, exprs, s.perGroup());
        Result res = ArithmeticPicture.compute(s.means(), s.scale(), g, session, seed);
        if (png != null) {
            PngFiles.write(GifWriter.zoom(res.picture(), s.zoom()), png);
        }
        List<Map<String, Double>> avgScores = scores(res.averaged(), 9, clf);
        List<Map<String, Double>> singleScores = scores(res.single(), 9, clf);
        // Does G(mean of a group) still show the group's expression? If not, averaging
        // itself loses the attribute (it is not linear in z), whatever the arithmetic does.
        List<float[]> groupMeans = g.stream().map(s.means()::of).toList();
        List<Map<String, Double>> meanScores = scores(session.renderRaw(groupMeans).join(), 3, clf);
        List<Boolean> meanHolds = new ArrayList<>();
        for (int k = 0; k < 3; k++) {
            meanHolds.add(exprs.get(k).holds(meanScores.get(k)));
        }
        // Does A - B carry its change to C's kind of sample at all? Added to typical other
        // members of C's expression, it lands on the target this often; Y can only do as well
        // as the difference it adds to mean(C).
        List<float[]> others = AutoExemplars.typical(scored, exprs.get(2), g, ArithmeticEvaluation.TRANSFER_SAMPLES);
        Double transferAvg = AutoExemplars.transfer(session, clf, others,
                s.means().direction(g.get(0), g.get(1)), goal);
        Double transferSingle = AutoExemplars.transfer(session, clf, others,
                Latent.direction(g.get(0).subList(0, 1), g.get(1).subList(0, 1)), goal);
        double shareAvg = avgScores.stream().filter(goal::holds).count() / 9.0;
        double shareSingle = singleScores.stream().filter(goal::holds).count() / 9.0;
        List<Double> byRank = new ArrayList<>();
        for (float[] images : ArithmeticPicture.singleByRank(g, session, seed, s.scale())) {
            byRank.add(clf.scoreImages(images, 9).stream().filter(goal::holds).count() / 9.0);
        }
        return new Measured(new ArithmeticReport.Round(seed, shareAvg, shareSingle, byRank, avgScores, singleScores,
                meanScores, meanHolds, others.size(), transferAvg, transferSingle), calledRates, targetCalled);
    }

    /** The report: the means over the rounds, with a warning where the probes look untrustworthy. */
    private ArithmeticReport summarise(Path dir, AttributeClassifier clf, List<Measured> measured,
            ArithmeticProvenance provenance) {
        Map<String, Double> calledSum = new LinkedHashMap<>();
        double targetCalledSum = 0;
        double sumAvg = 0;
        double sumSingle = 0;
        double[] sumByRank = new double[s.perGroup()];
        int[] holdSum = new int[3];
        double transferAvgSum = 0;
        double transferSingleSum = 0;
        int transferRounds = 0;
        // summed in round order, as the rounds ran, so the means are the same to the last bit
        for (Measured m : measured) {
            ArithmeticReport.Round r = m.round();
            m.calledRates().forEach((k, v) -> calledSum.merge(k, v, Double::sum));
            targetCalledSum += m.targetCalled();
            for (int k = 0; k < 3; k++) {
                holdSum[k] += r.groupMeanHolds().get(k) ? 1 : 0;
            }
            if (r.transferAveraged() != null) {
                transferAvgSum += r.transferAveraged();
                transferSingleSum += r.transferSingle();
                transferRounds++;
            }
            for (int k = 0; k < r.singleShareByRank().size(); k++) {
                sumByRank[k] += r.singleShareByRank().get(k);
            }
            sumAvg += r.averagedShare();
            sumSingle += r.singleShare();
        }
        Map<String, Double> called = new LinkedHashMap<>();
        calledSum.forEach((k, v) -> called.put(k, v / s.repeat()));
        for (String n : called.keySet()) {
            double gap = Math.abs(called.get(n) - realRate.get(n));
            if (gap > ArithmeticEvaluation.SUSPECT_GAP) {
                listener.say(String.format("warning: the classifier calls %.1f%% of generated samples %s, but "
                        + "%.1f%% of the real images are: its scores of generated images may not be trusted "
                        + "(check the picture)", 100 * called.get(n), n, 100 * realRate.get(n)));
            }
        }
        Map<String, Double> holds = new LinkedHashMap<>();
        for (int k = 0; k < 3; k++) {
            holds.put(s.groups().get(k), holdSum[k] / (double) s.repeat());
        }
        List<Double> meanByRank = new ArrayList<>();
        for (double x : sumByRank) {
            meanByRank.add(x / s.repeat());
        }
        if (transferRounds > 0) {
            listener.say(String.format(Locale.ROOT, "mean(A) - mean(B) added to other samples called %s makes %.0f%% "
                    + "of them %s (A - B from the first exemplars: %.0f%%); the averaged result showed it in %.0f%%",
                    s.groups().get(2), 100 * transferAvgSum / transferRounds, goal.text(),
                    100 * transferSingleSum / transferRounds, 100 * sumAvg / s.repeat()));
        }
        String scorer = cnn != null ? "cnn: linear probes on the features of " + cnn.folder()
                + String.format(Locale.ROOT, " (its test accuracy %.4f)", cnn.testAccuracy())
                : "d: linear probes on the discriminator's features";
        return new ArithmeticReport(dir.toString(), scorer, clf.heldOutAccuracy(), s.groups(), s.means().label(),
                s.perGroup(), goal.text(), realRate, called, realTarget, targetCalledSum / s.repeat(), holds,
                sumAvg / s.repeat(), sumSingle / s.repeat(), meanByRank,
                meanByRank.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN),
                transferRounds == 0 ? null : transferAvgSum / transferRounds,
                transferRounds == 0 ? null : transferSingleSum / transferRounds,
                measured.stream().map(Measured::round).toList(), provenance);
    }

    /** Each image's probe scores, rounded to three decimals for the report. */
    private static List<Map<String, Double>> scores(float[] images, int n, AttributeClassifier clf) {
        List<Map<String, Double>> out = new ArrayList<>();
        for (Map<String, Double> p : clf.scoreImages(images, n)) {
            Map<String, Double> m = new LinkedHashMap<>();
            p.forEach((k, v) -> m.put(k, Math.round(v * 1000) / 1000.0));
            out.add(m);
        }
        return out;
    }
}
