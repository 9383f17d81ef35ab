package io.dcganexplorer.latent;

import io.dcganexplorer.data.AttributeTable;
import io.dcganexplorer.data.DatasetSpec;
import io.dcganexplorer.data.ImageDataset;
import io.dcganexplorer.eval.AttributeClassifier;
import io.dcganexplorer.eval.AttributeExpression;
import io.dcganexplorer.eval.DiscriminatorFeatures;
import io.dcganexplorer.eval.ImageFeatures;
import io.dcganexplorer.eval.Scorer;
import io.dcganexplorer.image.GifWriter;
import io.dcganexplorer.image.ImageGrids;
import io.dcganexplorer.image.Pixels;
import io.dcganexplorer.image.PngFiles;
import io.dcganexplorer.model.DcganConfig;
import io.dcganexplorer.train.Checkpoint;
import io.dcganexplorer.train.RunDirectory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CancellationException;

/**
 * The measured face arithmetic of {@code arithmetic --auto} and {@code --sweep}, shared by the
 * command line and the Explore tab: exemplars chosen by attribute probes among generated samples,
 * Y = mean(A) - mean(B) + mean(C) and the single-exemplar a - b + c, each as a 3x3 noise grid,
 * scored by the same probes over seeds seed..seed+repeat-1.
 *
 * <p>Opened once for one checkpoint or a sweep: the data and its attribute table, the three
 * expressions, the target, the real rates and, with the CNN scorer, the probes on its features
 * (they do not depend on the checkpoint, so they are fitted once; probes on D's features are
 * fitted again for every checkpoint). Not thread-safe: one thread runs it, and
 * {@link Listener#cancelled()} stops it between rounds (a {@link CancellationException}).
 */
public final class ArithmeticEvaluation implements AutoCloseable {
    /**
     * A gap between the share of generated samples the classifier calls an attribute and the
     * attribute's rate in the data above which the report warns. On the full-width 64x64 faces
     * run the probe on D's features called 76.8% of samples smiling (50% of real faces; an
     * independent classifier: 37%): the shares it reported were mostly false smiles.
     */
    public static final double SUSPECT_GAP = 0.15;

    /** Other members of C's expression per round that mean(A) - mean(B) is added to, to measure its transfer. */
    public static final int TRANSFER_SAMPLES = 64;

    /** The per-checkpoint numbers a sweep lists. */
    public static final List<String> SWEEP_FIELDS = List.of("mean_averaged_share", "mean_single_share",
            "mean_single_share_any_rank", "generated_target_rate", "generated_called_rate", "mean_transfer_averaged");

    /** The most exemplars per group. */
    public static final int MAX_PER_GROUP = 32;

    /**
     * What to compute: the three expressions (A, B, C), the target (null: derived from them), how
     * groups are averaged, exemplars per group, samples scored per round, rounds (seeds), the noise
     * around Y and the picture's integer zoom.
     */
    public record Settings(List<String> groups, String target, GroupMean means, int perGroup, int pool, int repeat,
            float scale, int zoom) {
        public Settings {
            groups = List.copyOf(groups);
            Objects.requireNonNull(means, "means");
            if (groups.size() != 3) {
                throw new IllegalArgumentException("three expressions (A, B, C), not " + groups.size());
            }
            if (perGroup < 1 || perGroup > MAX_PER_GROUP || repeat < 1 || repeat > 100) {
                throw new IllegalArgumentException("need 1 to " + MAX_PER_GROUP + " per group and 1 to 100 repeats, not "
                        + perGroup + "/" + repeat);
            }
            AutoExemplars.checkPool(pool, 3, perGroup);
            if (!(scale >= 0 && scale <= 10) || zoom < 1) {
                throw new IllegalArgumentException("noise scale 0 to 10 and zoom >= 1, not " + scale + "/" + zoom);
            }
        }
    }

    /**
     * How far the work is: rounds done of all it has, and the seconds since the first round began
     * (after the scorer was loaded and the probes fitted, so that loading does not inflate the
     * estimate).
     */
    public record Rounds(long done, long total, double elapsedSeconds) {
        /** Seconds left at the rate so far; -1 until a round is done. */
        public double secondsLeft() {
            return done > 0 ? elapsedSeconds / done * Math.max(0, total - done) : -1;
        }
    }

    /** Where the work reports, and how it is stopped. Called on the working thread. */
    public interface Listener {
        /** A line for the person (the command line prints it on stderr). */
        void say(String line);

        /** After each round (one seed on one checkpoint), and when a skipped checkpoint shrinks the total. */
        default void progress(Rounds rounds) {}

        /** A sweep's row for a checkpoint, as it is done (null row: skipped, with the reason). */
        default void swept(Path checkpoint, Map<String, Object> row, String skippedBecause) {}

        /** True to stop after the current round. */
        default boolean cancelled() {
            return false;
        }
    }

    /** An expression of the groups (or the target) that the data's attributes cannot parse. */
    public static final class BadExpression extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;
        private final String expression;

        BadExpression(String expression, String message, Throwable cause) {
            super(message, cause);
            this.expression = expression;
        }

        /** The expression as given. */
        public String expression() {
            return expression;
        }
    }

    /** What one arithmetic produced: the picture and the raw result images. */
    public record Result(Pixels picture, float[] averaged, float[] single) {}

    private final Settings settings;
    private final Listener listener;
    private final ImageDataset data;
    private final Scorer cnn;
    private final List<AttributeExpression> exprs;
    private final AttributeExpression goal;
    private final List<String> names;
    private final Map<String, Double> realRate = new LinkedHashMap<>();
    private final double realTarget;
    private final long runSeed;
    private final AutoExemplars.Progress cancellable;
    private AttributeClassifier cnnProbes;
    private long roundsDone;
    private long roundsTotal;
    /** When the first round began (nanoTime), or -1 before. */
    private long roundsStart = -1;

    private ArithmeticEvaluation(Settings settings, Listener listener, RunDirectory run, ImageDataset data,
            AttributeTable table, Scorer cnn) {
        this.settings = settings;
        this.listener = listener;
        this.data = data;
        this.cnn = cnn;
        this.runSeed = run.options().seed();
        this.cancellable = new AutoExemplars.Progress() {
            @Override
            public void scored(int n, int total) {}

            @Override
            public boolean cancelled() {
                return listener.cancelled();
            }
        };
        List<AttributeExpression> e = new ArrayList<>();
        for (String x : settings.groups()) {
            e.add(parse(x, table));
        }
        this.exprs = List.copyOf(e);
        this.goal = settings.target() != null ? parse(settings.target(), table) : derive(exprs, table);
        Set<String> n = new LinkedHashSet<>();
        exprs.forEach(x -> n.addAll(x.names()));
        n.addAll(goal.names());
        this.names = List.copyOf(n);
        for (String a : names) {
            realRate.put(a, table.images(a, true).length / (double) table.size());
        }
        int hits = 0;
        for (int i = 0; i < table.size(); i++) {
            boolean all = true;
            for (int k = 0; k < goal.names().size() && all; k++) {
                all = table.has(i, goal.names().get(k)) == goal.wanted().get(k);
            }
            hits += all ? 1 : 0;
        }
        this.realTarget = hits / (double) table.size();
    }

    /** Opens the scorer whose features the attribute probes read, training it first if need be. */
    @FunctionalInterface
    public interface ScorerOpener {
        Scorer open() throws IOException;
    }

    /**
     * Opens the run's data and reads its attributes, then the scorer ({@code cnn} null: the probes
     * read each checkpoint's discriminator), which is closed with this. The scorer is opened only
     * once the data is known to have attributes: training it would be wasted otherwise.
     *
     * @throws BadExpression when an expression names no attribute of the data
     */
    public static ArithmeticEvaluation open(RunDirectory run, DcganConfig cfg, Settings settings, ScorerOpener cnn,
            Listener listener) throws IOException {
        ImageDataset data = null;
        Scorer scorer = null;
        try {
            data = DatasetSpec.parse(run.options().dataset()).open(cfg.imageSize(), cfg.channels(), run.options().seed());
            String dataset = run.options().dataset();
            AttributeTable table = data.attributes().orElseThrow(() -> new IOException(dataset
                    + " has no attributes: automatic exemplars need data such as the built-in faces or CelebA"));
            scorer = cnn != null ? cnn.open() : null;
            return new ArithmeticEvaluation(settings, listener, run, data, table, scorer);
        } catch (RuntimeException | IOException e) {
            closeQuietly(scorer, e);
            closeQuietly(data, e);
            throw e;
        }
    }

    public Settings settings() {
        return settings;
    }

    /** The three expressions A, B and C, parsed against the data's attributes. */
    public List<AttributeExpression> expressions() {
        return exprs;
    }

    /** The target of A - B + C: as given, or derived from the three. */
    public AttributeExpression target() {
        return goal;
    }

    private static AttributeExpression parse(String x, AttributeTable table) {
        try {
            return AttributeExpression.parse(x, table);
        } catch (IllegalArgumentException ex) {
            throw new BadExpression(x, ex.getMessage(), ex);
        }
    }

    /** Target of A - B + C (see {@link AttributeExpression#arithmeticTarget}); the message says how to give one. */
    static AttributeExpression derive(List<AttributeExpression> e, AttributeTable table) {
        try {
            return AttributeExpression.arithmeticTarget(e, table);
        } catch (IllegalArgumentException ex) {
            throw new IllegalArgumentException(ex.getMessage() + "; give the target (--target)", ex);
        }
    }

    /**
     * The attribute probes for a checkpoint whose discriminator reads {@code features}: with the CNN
     * scorer, fitted on its features once and kept; otherwise fitted on {@code features}.
     */
    public AttributeClassifier probes(DiscriminatorFeatures features) throws IOException {
        if (cnn != null && cnnProbes != null) {
            return cnnProbes;
        }
        ImageFeatures probed = cnn != null ? cnn.features() : features;
        listener.say("fitting attribute probes " + names + " on the " + (cnn != null ? "real-pixel CNN's" : "discriminator's")
                + " features of " + data.description() + " ...");
        AttributeClassifier clf = AttributeClassifier.train(probed, data, names, AttributeClassifier.DEFAULT_TRAIN,
                AttributeClassifier.DEFAULT_TEST, runSeed, (n, total) -> checkCancelled());
        if (cnn != null) {
            cnnProbes = clf;
        }
        return clf;
    }

    private void checkCancelled() {
        if (listener.cancelled()) {
            throw new CancellationException();
        }
    }

    private void startCounting(long total) {
        roundsDone = 0;
        roundsTotal = total;
        roundsStart = -1;
    }

    private Rounds rounds() {
        return new Rounds(roundsDone, roundsTotal, roundsStart < 0 ? 0 : (System.nanoTime() - roundsStart) / 1e9);
    }

    private void roundDone() {
        roundsDone++;
        listener.progress(rounds());
    }

    /**
     * The arithmetic on one checkpoint over the seeds firstSeed..firstSeed+repeat-1: the report
     * (the first round's picture written to {@code png} unless null).
     */
    public Map<String, Object> evaluate(Path dir, GeneratorSession session, long firstSeed, Path png)
            throws IOException {
        startCounting(settings.repeat());
        return evaluateRounds(dir, session, firstSeed, png);
    }

    private Map<String, Object> evaluateRounds(Path dir, GeneratorSession session, long firstSeed, Path png)
            throws IOException {
        Settings s = settings;
        try (DiscriminatorFeatures features = DiscriminatorFeatures.open(dir)) {
            AttributeClassifier clf = probes(features);
            if (roundsStart < 0) {
                roundsStart = System.nanoTime(); // the rounds' clock: loading and fitting came before
            }
            Map<String, Object> report = new LinkedHashMap<>();
            report.put("checkpoint", dir.toString());
            report.put("scorer", cnn != null ? "cnn: linear probes on the features of " + cnn.folder()
                    + String.format(java.util.Locale.ROOT, " (its test accuracy %.4f)", cnn.testAccuracy())
                    : "d: linear probes on the discriminator's features");
            report.put("classifier_heldout_accuracy", clf.heldOutAccuracy());
            report.put("groups", s.groups());
            report.put("means", s.means().label());
            report.put("per_group", s.perGroup());
            report.put("target", goal.text());
            Map<String, Double> calledSum = new LinkedHashMap<>();
            double targetCalledSum = 0;
            List<Map<String, Object>> rounds = new ArrayList<>();
            double sumAvg = 0;
            double sumSingle = 0;
            double[] sumByRank = new double[s.perGroup()];
            int[] holdSum = new int[3];
            double transferAvgSum = 0;
            double transferSingleSum = 0;
            int transferRounds = 0;
            for (int r = 0; r < s.repeat(); r++) {
                checkCancelled();
                long seed = firstSeed + r;
                AutoExemplars.Pool scored = AutoExemplars.score(session, features, clf, s.pool(), seed, cancellable);
                AutoExemplars.calledRates(scored).forEach((k, v) -> calledSum.merge(k, v, Double::sum));
                // How often does G draw the target at all? A combination it rarely draws is one
                // the arithmetic can rarely land on.
                targetCalledSum += scored.scores().stream().filter(goal::holds).count() / (double) scored.size();
                List<List<float[]>> g = AutoExemplars.choose(scored, exprs, s.perGroup());
                Result res = compute(s, g, session, seed);
                if (r == 0 && png != null) {
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
                    holdSum[k] += meanHolds.get(k) ? 1 : 0;
                }
                // Does A - B carry its change to C's kind of sample at all? Added to typical other
                // members of C's expression, it lands on the target this often; Y can only do as well
                // as the difference it adds to mean(C).
                List<float[]> others = AutoExemplars.typical(scored, exprs.get(2), g, TRANSFER_SAMPLES);
                Double transferAvg = AutoExemplars.transfer(session, clf, others, s.means().direction(g.get(0), g.get(1)), goal);
                Double transferSingle = AutoExemplars.transfer(session, clf, others,
                        Latent.direction(g.get(0).subList(0, 1), g.get(1).subList(0, 1)), goal);
                if (transferAvg != null) {
                    transferAvgSum += transferAvg;
                    transferSingleSum += transferSingle;
                    transferRounds++;
                }
                double shareAvg = avgScores.stream().filter(goal::holds).count() / 9.0;
                double shareSingle = singleScores.stream().filter(goal::holds).count() / 9.0;
                List<Double> byRank = new ArrayList<>();
                for (float[] images : singleByRank(g, session, seed, s.scale())) {
                    byRank.add(clf.scoreImages(images, 9).stream().filter(goal::holds).count() / 9.0);
                }
                for (int k = 0; k < byRank.size(); k++) {
                    sumByRank[k] += byRank.get(k);
                }
                sumAvg += shareAvg;
                sumSingle += shareSingle;
                Map<String, Object> round = new LinkedHashMap<>();
                round.put("seed", seed);
                round.put("averaged_share", shareAvg);
                round.put("single_share", shareSingle);
                round.put("single_share_by_rank", byRank);
                round.put("averaged_scores", avgScores);
                round.put("single_scores", singleScores);
                round.put("group_mean_scores", meanScores);
                round.put("group_mean_holds", meanHolds);
                round.put("transfer_samples", others.size());
                round.put("transfer_averaged", transferAvg);
                round.put("transfer_single", transferSingle);
                rounds.add(round);
                roundDone();
            }
            Map<String, Double> called = new LinkedHashMap<>();
            calledSum.forEach((k, v) -> called.put(k, v / s.repeat()));
            report.put("real_attribute_rate", realRate);
            report.put("generated_called_rate", called);
            report.put("real_target_rate", realTarget);
            report.put("generated_target_rate", targetCalledSum / s.repeat());
            for (String n : called.keySet()) {
                double gap = Math.abs(called.get(n) - realRate.get(n));
                if (gap > SUSPECT_GAP) {
                    listener.say(String.format("warning: the classifier calls %.1f%% of generated samples %s, but %.1f%% of the "
                            + "real images are: its scores of generated images may not be trusted (check the picture)",
                            100 * called.get(n), n, 100 * realRate.get(n)));
                }
            }
            Map<String, Double> holds = new LinkedHashMap<>();
            for (int k = 0; k < 3; k++) {
                holds.put(s.groups().get(k), holdSum[k] / (double) s.repeat());
            }
            report.put("group_mean_holds_share", holds);
            report.put("mean_averaged_share", sumAvg / s.repeat());
            report.put("mean_single_share", sumSingle / s.repeat());
            List<Double> meanByRank = new ArrayList<>();
            for (double x : sumByRank) {
                meanByRank.add(x / s.repeat());
            }
            report.put("mean_single_share_by_rank", meanByRank);
            report.put("mean_single_share_any_rank", meanByRank.stream().mapToDouble(Double::doubleValue).average()
                    .orElse(Double.NaN));
            report.put("mean_transfer_averaged", transferRounds == 0 ? null : transferAvgSum / transferRounds);
            report.put("mean_transfer_single", transferRounds == 0 ? null : transferSingleSum / transferRounds);
            if (transferRounds > 0) {
                listener.say(String.format(java.util.Locale.ROOT, "mean(A) - mean(B) added to other samples called %s makes %.0f%% "
                        + "of them %s (A - B from the first exemplars: %.0f%%); the averaged result showed it in %.0f%%",
                        s.groups().get(2), 100 * transferAvgSum / transferRounds, goal.text(),
                        100 * transferSingleSum / transferRounds, 100 * sumAvg / s.repeat()));
            }
            report.put("rounds", rounds);
            return report;
        }
    }

    /**
     * {@code --sweep}: the arithmetic on every checkpoint of {@code dirs} over the seeds
     * seed..seed+repeat-1; the checkpoint with the highest averaged share (then the widest lead over
     * single exemplars, then the newest) is chosen and run again on the next {@code repeat} seeds,
     * which took no part in the choice. Choosing the best of many checkpoints by a number inflates
     * that number; the held-out seeds give a fresh pool, fresh exemplars and fresh noise, so their
     * shares are an honest estimate for the chosen generator. A checkpoint that cannot be read is
     * skipped, named and counted; the held-out picture goes to {@code out} unless null.
     *
     * @throws IOException when no checkpoint could be read, or the held-out run fails
     */
    public Map<String, Object> sweep(Path folder, List<Path> dirs, Checkpoint.Weights weights, long seed, Path out)
            throws IOException {
        if (dirs.isEmpty()) {
            throw new IOException("nothing to sweep: " + folder + " holds no step-NNNNNN checkpoint folder");
        }
        int repeat = settings.repeat();
        long heldOut = seed + repeat;
        startCounting((long) (dirs.size() + 1) * repeat);
        List<Map<String, Object>> rows = new ArrayList<>();
        Map<String, Object> best = null;
        Path bestDir = null;
        List<Map<String, Object>> skipped = new ArrayList<>();
        for (int i = 0; i < dirs.size(); i++) {
            Path dir = dirs.get(i);
            Map<String, Object> r;
            try (GeneratorSession session = GeneratorSession.open(dir, weights)) {
                r = evaluateRounds(dir, session, seed, null);
            } catch (IOException e) {
                // one damaged or foreign checkpoint should not cost the others: skip it, say so, count it
                Map<String, Object> bad = new LinkedHashMap<>();
                bad.put("checkpoint", dir.getFileName().toString());
                bad.put("error", String.valueOf(e.getMessage()));
                skipped.add(bad);
                roundsTotal -= repeat;
                listener.say(String.format(Locale.ROOT, "[%d/%d] skipped %s: %s", i + 1, dirs.size(),
                        dir.getFileName(), e.getMessage()));
                listener.swept(dir, null, String.valueOf(e.getMessage()));
                listener.progress(rounds());
                continue;
            }
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("checkpoint", dir.getFileName().toString());
            row.put("step", RunDirectory.stepOf(dir));
            for (String k : SWEEP_FIELDS) {
                row.put(k, r.get(k));
            }
            rows.add(row);
            if (best == null || betterForArithmetic(row, best)) {
                best = row;
                bestDir = dir;
            }
            listener.say(String.format(Locale.ROOT,
                    "[%d/%d] %s: averaged %.3f, single %.3f on seeds %d-%d (about %s left)", i + 1, dirs.size(),
                    row.get("checkpoint"), (Double) row.get("mean_averaged_share"),
                    (Double) row.get("mean_single_share"), seed, seed + repeat - 1,
                    duration(rounds().secondsLeft())));
            listener.swept(dir, row, null);
        }
        if (best == null) {
            throw new IOException("no checkpoint in " + folder + " could be swept: all " + dirs.size()
                    + " skipped (" + dirs.get(0).getFileName() + ": " + skipped.get(0).get("error") + ")");
        }
        Map<String, Object> held;
        try (GeneratorSession session = GeneratorSession.open(bestDir, weights)) {
            held = evaluateRounds(bestDir, session, heldOut, out);
        }
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("sweep_folder", folder.toString());
        report.put("means", settings.means().label());
        report.put("per_group", settings.perGroup());
        report.put("weights", weights.name().toLowerCase(Locale.ROOT));
        report.put("sweep_seeds", List.of(seed, seed + repeat - 1));
        report.put("checkpoints", rows);
        report.put("skipped", skipped);
        report.put("selected", best.get("checkpoint"));
        report.put("selected_dir", bestDir.toString());
        report.put("selected_by", "the highest mean_averaged_share on the sweep seeds, then the widest lead over "
                + "mean_single_share, then the newest");
        report.put("held_out_seeds", List.of(heldOut, heldOut + repeat - 1));
        report.put("held_out", held);
        listener.say(String.format(Locale.ROOT,
                "chose %s of %d on seeds %d-%d (averaged %.3f, single %.3f); on held-out seeds %d-%d: averaged "
                        + "%.3f, single %.3f%s", best.get("checkpoint"), rows.size(), seed, seed + repeat - 1,
                (Double) best.get("mean_averaged_share"), (Double) best.get("mean_single_share"), heldOut,
                heldOut + repeat - 1, (Double) held.get("mean_averaged_share"),
                (Double) held.get("mean_single_share"), out == null ? "" : "; wrote " + out)
                + (skipped.isEmpty() ? "" : "; skipped " + skipped.size() + " unreadable checkpoint(s)"));
        return report;
    }

    /** The sweep's order: a higher averaged share, then a wider lead over single exemplars; a tie keeps the newer (later) row. */
    public static boolean betterForArithmetic(Map<String, Object> row, Map<String, Object> best) {
        double a = (Double) row.get("mean_averaged_share");
        double b = (Double) best.get("mean_averaged_share");
        if (Math.abs(a - b) > 1e-9) {
            return a > b;
        }
        double leadRow = a - (Double) row.get("mean_single_share");
        double leadBest = b - (Double) best.get("mean_single_share");
        return leadRow >= leadBest - 1e-9;
    }

    /** "m:ss" or "h:mm:ss", as the command line's progress lines give time left. */
    static String duration(double seconds) {
        long s = Math.max(0, Math.round(seconds));
        return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }

    private static List<Map<String, Double>> scores(float[] images, int n, AttributeClassifier clf) {
        List<Map<String, Double>> out = new ArrayList<>();
        for (Map<String, Double> p : clf.scoreImages(images, n)) {
            Map<String, Double> m = new LinkedHashMap<>();
            p.forEach((k, v) -> m.put(k, Math.round(v * 1000) / 1000.0));
            out.add(m);
        }
        return out;
    }

    /**
     * The 3x3 result of single exemplars of each rank: a_i - b_i + c_i (the i-th member of each group)
     * for every i the three groups share; rank 0 is the picture's single-exemplar grid. The first
     * members are each group's likeliest, so they alone are no fair picture of what one exemplar does.
     */
    private static List<float[]> singleByRank(List<List<float[]>> g, GeneratorSession session, long seed, float scale) {
        int ranks = Math.min(g.get(0).size(), Math.min(g.get(1).size(), g.get(2).size()));
        List<float[]> out = new ArrayList<>();
        for (int i = 0; i < ranks; i++) {
            float[] y = Latent.arithmetic(g.get(0).get(i), g.get(1).get(i), g.get(2).get(i));
            out.add(session.renderRaw(Latent.noiseGrid(y, scale, seed)).join());
        }
        return out;
    }

    /**
     * Y = mean(A) - mean(B) + mean(C) with {@code s}'s means and the naive a - b + c of each group's
     * first member, each rendered as a 3x3 noise grid around it (seed {@code seed}); the picture
     * shows the exemplars and their means, the averaged 3x3 and the single 3x3 side by side.
     */
    public static Result compute(Settings s, List<List<float[]>> g, GeneratorSession session, long seed) {
        return compute(s.means(), s.scale(), g, session, seed);
    }

    /** As {@link #compute(Settings, List, GeneratorSession, long)} with the means and noise scale given. */
    public static Result compute(GroupMean means, float scale, List<List<float[]>> g, GeneratorSession session,
            long seed) {
        float[] y = means.arithmetic(g.get(0), g.get(1), g.get(2));
        float[] naive = Latent.arithmetic(g.get(0).get(0), g.get(1).get(0), g.get(2).get(0));
        List<float[]> grid = Latent.noiseGrid(y, scale, seed);
        List<float[]> naiveGrid = Latent.noiseGrid(naive, scale, seed);
        int cols = 0;
        List<float[]> groupRows = new ArrayList<>();
        for (List<float[]> members : g) {
            cols = Math.max(cols, members.size() + 1);
        }
        for (List<float[]> members : g) {
            List<float[]> row = new ArrayList<>(members);
            while (row.size() < cols - 1) {
                row.add(null);
            }
            row.add(means.of(members));
            groupRows.addAll(row);
        }
        List<float[]> present = groupRows.stream().filter(Objects::nonNull).toList();
        List<Pixels> groupImages = session.render(present).join();
        List<Pixels> laidOut = new ArrayList<>();
        int k = 0;
        Pixels blank = blank(groupImages.get(0));
        for (float[] z : groupRows) {
            laidOut.add(z == null ? blank : groupImages.get(k++));
        }
        float[] avg = session.renderRaw(grid).join();
        float[] single = session.renderRaw(naiveGrid).join();
        DcganConfig cfg = session.config();
        Pixels picture = ImageGrids.hconcat(List.of(
                ImageGrids.tile(laidOut, cols, 2),
                ImageGrids.grid(avg, 9, cfg.channels(), cfg.imageSize(), 3, 2),
                ImageGrids.grid(single, 9, cfg.channels(), cfg.imageSize(), 3, 2)), 12);
        return new Result(picture, avg, single);
    }

    private static Pixels blank(Pixels like) {
        int[] argb = new int[like.width() * like.height()];
        Arrays.fill(argb, 0xFF202020);
        return new Pixels(like.width(), like.height(), argb);
    }

    private static void closeQuietly(AutoCloseable c, Exception cause) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (Exception e) {
            cause.addSuppressed(e);
        }
    }

    @Override
    public void close() throws IOException {
        try {
            if (cnn != null) {
                cnn.close();
            }
        } finally {
            try {
                data.close();
            } catch (Exception e) {
                throw e instanceof IOException io ? io : new IOException(e);
            }
        }
    }
}
