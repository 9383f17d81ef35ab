package io.dcganexplorer.latent;

import io.dcganexplorer.data.AttributeTable;
import io.dcganexplorer.eval.AttributeClassifier;
import io.dcganexplorer.eval.AttributeExpression;
import io.dcganexplorer.eval.DiscriminatorFeatures;
import io.dcganexplorer.image.Pixels;
import io.dcganexplorer.model.DcganConfig;
import io.dcganexplorer.train.Checkpoint;
import io.dcganexplorer.train.RunDirectory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
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
 *
 * <p>This class holds what is opened once (data, expressions, probes, scorer) and the public
 * types; the work lives beside it: {@link CheckpointArithmetic} (the rounds on one checkpoint and
 * their report), {@link ArithmeticSweep} (a row per checkpoint, the choice, the held-out re-run),
 * {@link ArithmeticPicture} (rendering Y and the single-exemplar grids) and {@link RoundClock}
 * (the rounds' progress and time left).
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

    /** The per-checkpoint numbers a sweep lists: the JSON names of {@link SweepReport.Row}'s numbers. */
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
                throw new IllegalArgumentException("need 1 to " + MAX_PER_GROUP
                        + " per group and 1 to 100 repeats, not " + perGroup + "/" + repeat);
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
        default void swept(Path checkpoint, SweepReport.Row row, String skippedBecause) {}

        /** True to stop after the current round. */
        default boolean cancelled() {
            return false;
        }
    }

    /**
     * An expression of the groups (or the target) that the data's attributes cannot parse: an
     * {@link AttributeProbes.BadExpression} under the name its callers know.
     */
    public static final class BadExpression extends AttributeProbes.BadExpression {
        private static final long serialVersionUID = 1L;

        BadExpression(AttributeProbes.BadExpression e) {
            super(e.expression(), e.getMessage(), e.getCause());
        }
    }

    /** What one arithmetic produced: the picture and the raw result images. */
    public record Result(Pixels picture, float[] averaged, float[] single) {}

    private final Settings settings;
    private final Listener listener;
    private final AttributeProbes probes;
    private final List<AttributeExpression> exprs;
    private final AttributeExpression goal;
    private final long runSeed;
    private final Path runFolder;
    private final RoundClock clock;
    private final CheckpointArithmetic arithmetic;

    private ArithmeticEvaluation(Settings settings, Listener listener, RunDirectory run, AttributeProbes probes,
            List<AttributeExpression> exprs, AttributeExpression goal) {
        this.settings = settings;
        this.listener = listener;
        this.probes = probes;
        this.exprs = exprs;
        this.goal = goal;
        this.runSeed = run.options().seed();
        this.runFolder = run.root();
        AttributeTable table = probes.table();
        List<String> names = names(exprs, goal);
        // the data's own rates, once: the report sets the generated rates beside them
        Map<String, Double> realRate = new LinkedHashMap<>();
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
        this.clock = new RoundClock(listener);
        this.arithmetic = new CheckpointArithmetic(settings, listener, clock, exprs, goal, realRate,
                hits / (double) table.size(), probes.cnn(), this::probes, runFolder, runSeed);
    }

    /**
     * Opens the run's data and reads its attributes, parses the expressions, then opens the scorer
     * ({@code cnn} null: the probes read each checkpoint's discriminator), which is closed with this.
     * The scorer is opened only once the data is known to have attributes and the expressions parse:
     * training it would be wasted otherwise.
     *
     * @throws BadExpression when an expression names no attribute of the data
     */
    public static ArithmeticEvaluation open(RunDirectory run, DcganConfig cfg, Settings settings,
            AttributeProbes.ScorerOpener cnn, Listener listener) throws IOException {
        AttributeProbes probes = AttributeProbes.open(run, cfg, "automatic exemplars need");
        try {
            List<AttributeExpression> exprs = new ArrayList<>();
            AttributeExpression goal;
            try {
                for (String x : settings.groups()) {
                    exprs.add(probes.parse(x));
                }
                goal = probes.target(exprs, settings.target());
            } catch (AttributeProbes.BadExpression e) {
                throw new BadExpression(e);
            }
            probes.useScorer(cnn, names(exprs, goal), AttributeProbes.Fit.defaults(run.options().seed()),
                    new AttributeProbes.Listener() {
                        @Override
                        public void fitting(List<String> names, String features) {
                            listener.say("fitting attribute probes " + names + " on " + features + " ...");
                        }

                        @Override
                        public void reading(int done, int total) {
                            if (listener.cancelled()) {
                                throw new CancellationException();
                            }
                        }
                    });
            return new ArithmeticEvaluation(settings, listener, run, probes, List.copyOf(exprs), goal);
        } catch (RuntimeException | IOException e) {
            try {
                probes.close();
            } catch (IOException c) {
                e.addSuppressed(c);
            }
            throw e;
        }
    }

    /** The attributes the expressions and the target name, each once, in order. */
    private static List<String> names(List<AttributeExpression> exprs, AttributeExpression goal) {
        Set<String> n = new LinkedHashSet<>();
        exprs.forEach(x -> n.addAll(x.names()));
        n.addAll(goal.names());
        return List.copyOf(n);
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

    /**
     * The attribute probes for a checkpoint whose discriminator reads {@code features}: with the CNN
     * scorer, fitted on its features once and kept; otherwise fitted on {@code features}
     * (see {@link AttributeProbes#probes}).
     */
    public AttributeClassifier probes(DiscriminatorFeatures features) throws IOException {
        return probes.probes(features);
    }

    /**
     * The arithmetic on one checkpoint over the seeds firstSeed..firstSeed+repeat-1: the report
     * (the first round's picture written to {@code png} unless null).
     */
    public ArithmeticReport evaluate(Path dir, GeneratorSession session, long firstSeed, Path png)
            throws IOException {
        clock.reset(settings.repeat());
        return arithmetic.evaluate(dir, session, firstSeed, firstSeed, png);
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
    public SweepReport sweep(Path folder, List<Path> dirs, Checkpoint.Weights weights, long seed, Path out)
            throws IOException {
        Path scorerFolder = probes.cnn() != null ? probes.cnn().folder() : null;
        ArithmeticProvenance provenance = ArithmeticProvenance.of(settings, runFolder, folder,
                weights.name().toLowerCase(Locale.ROOT), goal.text(), scorerFolder, runSeed, seed, seed, out);
        return ArithmeticSweep.run(arithmetic, clock, settings, listener, folder, dirs, weights, seed, out,
                provenance);
    }

    /**
     * The sweep's order: a higher averaged share, then a wider lead over single exemplars; a tie keeps the
     * newer (later) row.
     */
    public static boolean betterForArithmetic(SweepReport.Row row, SweepReport.Row best) {
        return ArithmeticSweep.betterForArithmetic(row, best);
    }

    /**
     * As {@link #betterForArithmetic(SweepReport.Row, SweepReport.Row)} for rows read back as maps
     * (their {@code mean_averaged_share} and {@code mean_single_share}).
     */
    public static boolean betterForArithmetic(Map<String, Object> row, Map<String, Object> best) {
        return ArithmeticSweep.betterForArithmetic(row, best);
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
        return ArithmeticPicture.compute(means, scale, g, session, seed);
    }

    @Override
    public void close() throws IOException {
        probes.close();
    }
}
