package io.dcganexplorer.cli;

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
import io.dcganexplorer.latent.AutoExemplars;
import io.dcganexplorer.latent.GeneratorSession;
import io.dcganexplorer.latent.GroupMean;
import io.dcganexplorer.latent.Latent;
import io.dcganexplorer.model.DcganConfig;
import io.dcganexplorer.model.Engines;
import io.dcganexplorer.train.Json;
import io.dcganexplorer.train.RunDirectory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code arithmetic}: the paper's Fig. 7, Y = mean(A) - mean(B) + mean(C), shown as a 3x3 grid
 * (G(Y) in the centre, G(Y + u) around it, u uniform in +-scale), beside the naive result from
 * the first exemplar of each group alone. Groups come from seeds, or with {@code --auto} from the
 * generated samples that a linear attribute classifier scores highest for each expression (among
 * the half the discriminator finds most real); then a JSON report of the classifier's scores is
 * printed. The classifier reads the features of the CNN that {@code score} trains on real pixels
 * ({@code --scorer cnn}, the default) or the discriminator's own ({@code --scorer d}): on the
 * full-width 64x64 faces run the D-feature probe called 77% of generated samples smiling where the
 * CNN probe called 37% (real faces: 50%), and most of its "smiles" showed none. The report also
 * gives the transfer of mean(A) - mean(B): the share of other samples of C's expression that show
 * the target once it is added: whether this generator's change adds in z at all.
 */
@Command(name = "arithmetic", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Vector arithmetic on averaged exemplars (paper Fig. 7): A - B + C.")
final class ArithmeticCommand implements Callable<Integer> {
    /**
     * A gap between the share of generated samples the classifier calls an attribute and the
     * attribute's rate in the data above which the report warns. On the full-width 64x64 faces
     * run the probe on D's features called 76.8% of samples smiling (50% of real faces; an
     * independent classifier: 37%): the shares it reported were mostly false smiles.
     */
    static final double SUSPECT_GAP = 0.15;

    /** Other members of C's expression per round that mean(A) - mean(B) is added to, to measure its transfer. */
    static final int TRANSFER_SAMPLES = 64;

    @Spec
    CommandSpec spec;

    @Mixin
    GeneratorSource source;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Groups groups;

    static final class Groups {
        @ArgGroup(exclusive = false)
        Explicit explicit;

        @Option(names = "--auto", arity = "3", paramLabel = "EXPR",
                description = "Three attribute expressions for A, B, C, e.g. \"smiling&!male\" \"!smiling&!male\" "
                        + "\"!smiling&male\".")
        List<String> auto;
    }

    static final class Explicit {
        @Option(names = "--a", split = ",", required = true, paramLabel = "SEED", description = "Seeds of group A.")
        List<Long> a;

        @Option(names = "--b", split = ",", required = true, paramLabel = "SEED", description = "Seeds of group B.")
        List<Long> b;

        @Option(names = "--c", split = ",", required = true, paramLabel = "SEED", description = "Seeds of group C.")
        List<Long> c;
    }

    @Option(names = "--out", paramLabel = "FILE", required = true, description = "PNG to write.")
    Path out;

    @Option(names = "--scale", defaultValue = "0.25", description = "Noise around Y, per dimension (default: 0.25).")
    float scale;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the noise and the sample pool (default: 1).")
    long seed;

    @Option(names = "--per-group", defaultValue = "3", description = "Exemplars per group with --auto (default: 3).")
    int perGroup;

    @Option(names = "--pool", defaultValue = "2000", description = "Samples scored with --auto (default: 2000).")
    int pool;

    @Option(names = "--target", paramLabel = "EXPR",
            description = "What the result should show, for the report (default: derived, e.g. smiling&male).")
    String target;

    @Option(names = "--repeat", defaultValue = "1",
            description = "With --auto: repeat over this many seeds (seed, seed+1, ...) and report the mean shares.")
    int repeat;

    /** Whose features the attribute probes read. */
    enum ScorerKind {
        cnn, d
    }

    @Option(names = "--scorer", defaultValue = "cnn", paramLabel = "cnn|d",
            description = "Features the attribute probes read: cnn, the classifier `score` trains on real pixels "
                    + "(trained once per dataset and size, then cached), or d, the run's discriminator (default: cnn).")
    ScorerKind scorer;

    @Option(names = "--cache", paramLabel = "DIR",
            description = "Where the cnn scorer's classifiers are cached (default: ~/.cache/dcgan-explorer, or "
                    + "-Ddcgan.cache.dir).")
    Path cache;

    @Option(names = "--classifier-epochs", defaultValue = "2",
            description = "Epochs to train the cnn classifier when it is not cached yet (default: 2).")
    int classifierEpochs;

    @Option(names = "--means", defaultValue = "plain", paramLabel = "plain|rescaled",
            converter = Commands.GroupMeanConverter.class,
            description = "How each group becomes one vector: plain, the element-wise mean (the paper), or rescaled, "
                    + "the mean's direction at its members' average norm, so the averaged Y is as long as a single "
                    + "exemplar's a - b + c (default: plain).")
    GroupMean means;

    @Option(names = "--zoom", defaultValue = "1", description = "Integer upscale of the image (default: 1).")
    int zoom;

    @Option(names = "--sweep", arity = "0..1", paramLabel = "FOLDER", fallbackValue = "",
            description = "With --auto: the same arithmetic on every checkpoint in FOLDER (default: the run's "
                    + "checkpoints) over seeds seed..seed+repeat-1; the checkpoint with the highest averaged share "
                    + "(then the widest lead over single exemplars, then the newest) is run again on the next "
                    + "repeat seeds, which chose nothing: that held-out report is the one to quote. Keep every "
                    + "checkpoint with train --keep-checkpoints 0.")
    String sweep;


    @Override
    public Integer call() {
        return Commands.guard(spec, this::run);
    }

    private int run() throws IOException {
        if (scale < 0 || scale > 10) {
            throw Commands.invalid(spec, "--scale", scale, "must be 0 to 10");
        }
        if (perGroup < 1 || perGroup > 32 || pool < 3 * perGroup || repeat < 1 || repeat > 100) {
            throw Commands.invalid(spec, "--per-group/--pool/--repeat", perGroup + "/" + pool + "/" + repeat,
                    "need 1 to 32 per group, a pool of at least 3 x per-group, 1 to 100 repeats");
        }
        if (sweep != null) {
            String swept = sweep.isEmpty() ? "(the run's checkpoints)" : sweep;
            if (groups.auto == null) {
                throw Commands.invalid(spec, "--sweep", swept, "needs --auto: a sweep scores each checkpoint's results");
            }
            if (source.checkpoint != null) {
                throw Commands.invalid(spec, "--sweep", swept,
                        "sweeps several checkpoints; leave out --checkpoint " + source.checkpoint);
            }
        }
        if (groups.auto != null && (classifierEpochs < 1 || classifierEpochs > 100)) {
            throw Commands.invalid(spec, "--classifier-epochs", classifierEpochs, "must be 1 to 100");
        }
        RunDirectory run = source.run();
        DcganConfig cfg = run.config();
        Engines.configure(0);
        if (sweep != null) {
            return sweep(run, cfg);
        }
        Path dir = source.checkpointDir(run);
        try (GeneratorSession session = GeneratorSession.open(dir, source.weights(spec))) {
            if (groups.auto == null) {
                List<List<float[]>> g = List.of(Commands.seedsToZ(groups.explicit.a, cfg), Commands.seedsToZ(groups.explicit.b, cfg),
                        Commands.seedsToZ(groups.explicit.c, cfg));
                Result r = compute(g, session, seed);
                PngFiles.write(GifWriter.zoom(r.picture, zoom), out);
                say("wrote " + out + " from " + dir);
                return 0;
            }
            try (Probing p = Probing.open(this, run, cfg)) {
                print(evaluate(p, dir, session, seed, out));
                return 0;
            }
        }
    }

    /**
     * {@code --sweep}: the same arithmetic on every checkpoint of a folder over the seeds
     * seed..seed+repeat-1; the checkpoint with the highest averaged share (then the widest lead over
     * single exemplars, then the newest) is chosen and run again on the next {@code repeat} seeds,
     * which took no part in the choice. Choosing the best of many checkpoints by a number inflates
     * that number; the held-out seeds give a fresh pool, fresh exemplars and fresh noise, so their
     * shares are an honest estimate for the chosen generator.
     */
    private int sweep(RunDirectory run, DcganConfig cfg) throws IOException {
        Path folder = sweep.isEmpty() ? run.checkpointsDir() : Path.of(sweep);
        if (!java.nio.file.Files.isDirectory(folder)) {
            throw new Cli.Failure("no folder " + folder + " to sweep");
        }
        List<Path> dirs = RunDirectory.checkpointsIn(folder);
        if (dirs.isEmpty()) {
            throw new Cli.Failure("nothing to sweep: " + folder + " holds no step-NNNNNN checkpoint folder");
        }
        long heldOut = seed + repeat;
        try (Probing p = Probing.open(this, run, cfg)) {
            List<Map<String, Object>> rows = new ArrayList<>();
            long t0 = System.nanoTime();
            Map<String, Object> best = null;
            Path bestDir = null;
            List<Map<String, Object>> skipped = new ArrayList<>();
            for (int i = 0; i < dirs.size(); i++) {
                Path dir = dirs.get(i);
                Map<String, Object> r;
                try (GeneratorSession session = GeneratorSession.open(dir, source.weights(spec))) {
                    r = evaluate(p, dir, session, seed, null);
                } catch (IOException e) {
                    // one damaged or foreign checkpoint should not cost the others: skip it, say so, count it
                    Map<String, Object> bad = new LinkedHashMap<>();
                    bad.put("checkpoint", dir.getFileName().toString());
                    bad.put("error", String.valueOf(e.getMessage()));
                    skipped.add(bad);
                    say(String.format(java.util.Locale.ROOT, "[%d/%d] skipped %s: %s", i + 1, dirs.size(),
                            dir.getFileName(), e.getMessage()));
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
                double perCheckpoint = (System.nanoTime() - t0) / 1e9 / (i + 1);
                say(String.format(java.util.Locale.ROOT,
                        "[%d/%d] %s: averaged %.3f, single %.3f on seeds %d-%d (about %s left)", i + 1, dirs.size(),
                        row.get("checkpoint"), (Double) row.get("mean_averaged_share"),
                        (Double) row.get("mean_single_share"), seed, seed + repeat - 1,
                        ProgressPrinter.duration(perCheckpoint * (dirs.size() - i))));
            }
            if (best == null) {
                throw new Cli.Failure("no checkpoint in " + folder + " could be swept: all " + dirs.size()
                        + " skipped (" + dirs.get(0).getFileName() + ": " + skipped.get(0).get("error") + ")");
            }
            Map<String, Object> held;
            try (GeneratorSession session = GeneratorSession.open(bestDir, source.weights(spec))) {
                held = evaluate(p, bestDir, session, heldOut, out);
            }
            Map<String, Object> report = new LinkedHashMap<>();
            report.put("sweep_folder", folder.toString());
            report.put("means", means.label());
            report.put("sweep_seeds", List.of(seed, seed + repeat - 1));
            report.put("checkpoints", rows);
            report.put("skipped", skipped);
            report.put("selected", best.get("checkpoint"));
            report.put("selected_by", "the highest mean_averaged_share on the sweep seeds, then the widest lead over "
                    + "mean_single_share, then the newest");
            report.put("held_out_seeds", List.of(heldOut, heldOut + repeat - 1));
            report.put("held_out", held);
            say(String.format(java.util.Locale.ROOT,
                    "chose %s of %d on seeds %d-%d (averaged %.3f, single %.3f); on held-out seeds %d-%d: averaged "
                            + "%.3f, single %.3f; wrote %s", best.get("checkpoint"), rows.size(), seed, seed + repeat - 1,
                    (Double) best.get("mean_averaged_share"), (Double) best.get("mean_single_share"), heldOut,
                    heldOut + repeat - 1, (Double) held.get("mean_averaged_share"),
                    (Double) held.get("mean_single_share"), out)
                    + (skipped.isEmpty() ? "" : "; skipped " + skipped.size() + " unreadable checkpoint(s)"));
            print(report);
            return 0;
        }
    }

    /** The per-checkpoint numbers a sweep lists. */
    static final List<String> SWEEP_FIELDS = List.of("mean_averaged_share", "mean_single_share",
            "mean_single_share_any_rank", "generated_target_rate", "generated_called_rate", "mean_transfer_averaged");

    /** The sweep's order: a higher averaged share, then a wider lead over single exemplars; a tie keeps the newer (later) row. */
    static boolean betterForArithmetic(Map<String, Object> row, Map<String, Object> best) {
        double a = (Double) row.get("mean_averaged_share");
        double b = (Double) best.get("mean_averaged_share");
        if (Math.abs(a - b) > 1e-9) {
            return a > b;
        }
        double leadRow = a - (Double) row.get("mean_single_share");
        double leadBest = b - (Double) best.get("mean_single_share");
        return leadRow >= leadBest - 1e-9;
    }

    private void print(Map<String, Object> report) {
        spec.commandLine().getOut().println(Json.GSON.toJson(report));
        spec.commandLine().getOut().flush();
    }

    /**
     * The attribute side of {@code --auto}, opened once for one checkpoint or a sweep: the data and
     * its attribute table, the three expressions, the target, the real rates and the CNN scorer. The
     * probes on the CNN's features do not depend on the checkpoint, so they are fitted once; probes
     * on D's features are fitted again for every checkpoint.
     */
    private static final class Probing implements AutoCloseable {
        final ArithmeticCommand cmd;
        final ImageDataset data;
        final Scorer cnn;
        final List<AttributeExpression> exprs;
        final AttributeExpression goal;
        final List<String> names;
        final Map<String, Double> realRate = new LinkedHashMap<>();
        final double realTarget;
        final long runSeed;
        private AttributeClassifier cnnProbes;

        private Probing(ArithmeticCommand cmd, RunDirectory run, ImageDataset data,
                io.dcganexplorer.data.AttributeTable table, Scorer cnn) {
            this.cmd = cmd;
            this.data = data;
            this.cnn = cnn;
            this.runSeed = run.options().seed();
            List<AttributeExpression> e = new ArrayList<>();
            for (String x : cmd.groups.auto) {
                try {
                    e.add(AttributeExpression.parse(x, table));
                } catch (IllegalArgumentException ex) {
                    throw Commands.invalid(cmd.spec, "--auto", x, ex.getMessage());
                }
            }
            this.exprs = List.copyOf(e);
            this.goal = cmd.target != null ? AttributeExpression.parse(cmd.target, table) : derive(exprs, table);
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

        static Probing open(ArithmeticCommand cmd, RunDirectory run, DcganConfig cfg) throws IOException {
            ImageDataset data = DatasetSpec.parse(run.options().dataset()).open(cfg.imageSize(), cfg.channels(),
                    run.options().seed());
            Scorer cnn = null;
            try {
                var table = data.attributes().orElseThrow(() -> new Cli.Failure(run.options().dataset()
                        + " has no attributes: --auto needs data such as the built-in faces or CelebA"));
                cnn = cmd.scorer == ScorerKind.cnn ? cmd.openCnn(run, cfg) : null;
                return new Probing(cmd, run, data, table, cnn);
            } catch (RuntimeException | IOException e) {
                closeQuietly(cnn, e);
                closeQuietly(data, e);
                throw e;
            }
        }

        /** The attribute probes for a checkpoint whose discriminator reads {@code features}. */
        AttributeClassifier probes(DiscriminatorFeatures features) throws IOException {
            if (cnn != null && cnnProbes != null) {
                return cnnProbes;
            }
            ImageFeatures probed = cnn != null ? cnn.features() : features;
            cmd.say("fitting attribute probes " + names + " on the " + (cnn != null ? "real-pixel CNN's" : "discriminator's")
                    + " features of " + data.description() + " ...");
            AttributeClassifier clf = AttributeClassifier.train(probed, data, names, AttributeClassifier.DEFAULT_TRAIN,
                    AttributeClassifier.DEFAULT_TEST, runSeed);
            if (cnn != null) {
                cnnProbes = clf;
            }
            return clf;
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

    /**
     * The arithmetic of {@code --auto} on one checkpoint over the seeds firstSeed..firstSeed+repeat-1:
     * the report (the first round's picture written to {@code png} unless null).
     */
    private Map<String, Object> evaluate(Probing p, Path dir, GeneratorSession session, long firstSeed, Path png)
            throws IOException {
        try (DiscriminatorFeatures features = DiscriminatorFeatures.open(dir)) {
            AttributeClassifier clf = p.probes(features);
            Map<String, Object> report = new LinkedHashMap<>();
            report.put("checkpoint", dir.toString());
            report.put("scorer", p.cnn != null ? "cnn: linear probes on the features of " + p.cnn.folder()
                    + String.format(java.util.Locale.ROOT, " (its test accuracy %.4f)", p.cnn.testAccuracy())
                    : "d: linear probes on the discriminator's features");
            report.put("classifier_heldout_accuracy", clf.heldOutAccuracy());
            report.put("groups", groups.auto);
            report.put("means", means.label());
            report.put("target", p.goal.text());
            Map<String, Double> calledSum = new LinkedHashMap<>();
            double targetCalledSum = 0;
            List<Map<String, Object>> rounds = new ArrayList<>();
            double sumAvg = 0;
            double sumSingle = 0;
            double[] sumByRank = new double[perGroup];
            int[] holdSum = new int[3];
            double transferAvgSum = 0;
            double transferSingleSum = 0;
            int transferRounds = 0;
            for (int r = 0; r < repeat; r++) {
                long s = firstSeed + r;
                AutoExemplars.Pool scored = AutoExemplars.score(session, features, clf, pool, s, AutoExemplars.Progress.NONE);
                AutoExemplars.calledRates(scored).forEach((k, v) -> calledSum.merge(k, v, Double::sum));
                // How often does G draw the target at all? A combination it rarely draws is one
                // the arithmetic can rarely land on.
                targetCalledSum += scored.scores().stream().filter(p.goal::holds).count() / (double) scored.size();
                List<List<float[]>> g = AutoExemplars.choose(scored, p.exprs, perGroup);
                Result res = compute(g, session, s);
                if (r == 0 && png != null) {
                    PngFiles.write(GifWriter.zoom(res.picture, zoom), png);
                }
                List<Map<String, Double>> avgScores = scores(res.averaged, 9, clf);
                List<Map<String, Double>> singleScores = scores(res.single, 9, clf);
                // Does G(mean of a group) still show the group's expression? If not, averaging
                // itself loses the attribute (it is not linear in z), whatever the arithmetic does.
                List<float[]> groupMeans = g.stream().map(means::of).toList();
                List<Map<String, Double>> meanScores = scores(session.renderRaw(groupMeans).join(), 3, clf);
                List<Boolean> meanHolds = new ArrayList<>();
                for (int k = 0; k < 3; k++) {
                    meanHolds.add(p.exprs.get(k).holds(meanScores.get(k)));
                    holdSum[k] += meanHolds.get(k) ? 1 : 0;
                }
                // Does A - B carry its change to C's kind of sample at all? Added to typical other
                // members of C's expression, it lands on the target this often; Y can only do as well
                // as the difference it adds to mean(C).
                List<float[]> others = AutoExemplars.typical(scored, p.exprs.get(2), g, TRANSFER_SAMPLES);
                Double transferAvg = AutoExemplars.transfer(session, clf, others, means.direction(g.get(0), g.get(1)), p.goal);
                Double transferSingle = AutoExemplars.transfer(session, clf, others,
                        Latent.direction(g.get(0).subList(0, 1), g.get(1).subList(0, 1)), p.goal);
                if (transferAvg != null) {
                    transferAvgSum += transferAvg;
                    transferSingleSum += transferSingle;
                    transferRounds++;
                }
                double shareAvg = avgScores.stream().filter(p.goal::holds).count() / 9.0;
                double shareSingle = singleScores.stream().filter(p.goal::holds).count() / 9.0;
                List<Double> byRank = new ArrayList<>();
                for (float[] images : singleByRank(g, session, s, scale)) {
                    byRank.add(clf.scoreImages(images, 9).stream().filter(p.goal::holds).count() / 9.0);
                }
                for (int k = 0; k < byRank.size(); k++) {
                    sumByRank[k] += byRank.get(k);
                }
                sumAvg += shareAvg;
                sumSingle += shareSingle;
                Map<String, Object> round = new LinkedHashMap<>();
                round.put("seed", s);
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
            }
            Map<String, Double> called = new LinkedHashMap<>();
            calledSum.forEach((k, v) -> called.put(k, v / repeat));
            report.put("real_attribute_rate", p.realRate);
            report.put("generated_called_rate", called);
            report.put("real_target_rate", p.realTarget);
            report.put("generated_target_rate", targetCalledSum / repeat);
            for (String n : called.keySet()) {
                double gap = Math.abs(called.get(n) - p.realRate.get(n));
                if (gap > SUSPECT_GAP) {
                    say(String.format("warning: the classifier calls %.1f%% of generated samples %s, but %.1f%% of the "
                            + "real images are: its scores of generated images may not be trusted (check the picture)",
                            100 * called.get(n), n, 100 * p.realRate.get(n)));
                }
            }
            Map<String, Double> holds = new LinkedHashMap<>();
            for (int k = 0; k < 3; k++) {
                holds.put(groups.auto.get(k), holdSum[k] / (double) repeat);
            }
            report.put("group_mean_holds_share", holds);
            report.put("mean_averaged_share", sumAvg / repeat);
            report.put("mean_single_share", sumSingle / repeat);
            List<Double> meanByRank = new ArrayList<>();
            for (double x : sumByRank) {
                meanByRank.add(x / repeat);
            }
            report.put("mean_single_share_by_rank", meanByRank);
            report.put("mean_single_share_any_rank", meanByRank.stream().mapToDouble(Double::doubleValue).average()
                    .orElse(Double.NaN));
            report.put("mean_transfer_averaged", transferRounds == 0 ? null : transferAvgSum / transferRounds);
            report.put("mean_transfer_single", transferRounds == 0 ? null : transferSingleSum / transferRounds);
            if (transferRounds > 0) {
                say(String.format(java.util.Locale.ROOT, "mean(A) - mean(B) added to other samples called %s makes %.0f%% "
                        + "of them %s (A - B from the first exemplars: %.0f%%); the averaged result showed it in %.0f%%",
                        groups.auto.get(2), 100 * transferAvgSum / transferRounds, p.goal.text(),
                        100 * transferSingleSum / transferRounds, 100 * sumAvg / repeat));
            }
            report.put("rounds", rounds);
            return report;
        }
    }

    /** Target of A - B + C (see {@link AttributeExpression#arithmeticTarget}); the message says how to give one. */
    static AttributeExpression derive(List<AttributeExpression> e, io.dcganexplorer.data.AttributeTable table) {
        try {
            return AttributeExpression.arithmeticTarget(e, table);
        } catch (IllegalArgumentException ex) {
            throw new IllegalArgumentException(ex.getMessage() + "; give --target", ex);
        }
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

    /** The dataset's real-pixel classifier (as {@code score} uses), trained now if not cached. */
    private Scorer openCnn(RunDirectory run, DcganConfig cfg) throws IOException {
        ScoreCommand.TrainingProgress progress = new ScoreCommand.TrainingProgress(spec.commandLine().getErr());
        Scorer s = Scorer.open(DatasetSpec.parse(run.options().dataset()), cfg.imageSize(), cfg.channels(),
                run.options().seed(), cache != null ? cache : Scorer.defaultCacheRoot(),
                new Scorer.Options(classifierEpochs, Scorer.Options.DEFAULT.maxTrainImages()), progress, () -> false);
        progress.finish();
        say(String.format(java.util.Locale.ROOT, "scorer: the CNN in %s, test accuracy %.4f (%s)", s.folder(),
                s.testAccuracy(), s.trainedNow() ? "trained now" : "cached"));
        return s;
    }

    /** What one arithmetic produced: the picture and the raw result images. */
    record Result(Pixels picture, float[] averaged, float[] single) {}

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

    private Result compute(List<List<float[]>> g, GeneratorSession session, long seed) {
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
        List<float[]> present = groupRows.stream().filter(java.util.Objects::nonNull).toList();
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
        java.util.Arrays.fill(argb, 0xFF202020);
        return new Pixels(like.width(), like.height(), argb);
    }

    private void say(String line) {
        spec.commandLine().getErr().println(line);
        spec.commandLine().getErr().flush();
    }
}
