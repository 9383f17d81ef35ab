package io.dcganexplorer.cli;

import ai.djl.ndarray.NDManager;
import io.dcganexplorer.data.DatasetException;
import io.dcganexplorer.data.DatasetSpec;
import io.dcganexplorer.eval.ScoreLog;
import io.dcganexplorer.eval.Scorer;
import io.dcganexplorer.model.DcganConfig;
import io.dcganexplorer.model.Engines;
import io.dcganexplorer.model.Generator;
import io.dcganexplorer.train.Checkpoint;
import io.dcganexplorer.train.CheckpointAverage;
import io.dcganexplorer.train.Durations;
import io.dcganexplorer.train.RunDirectory;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code score}: the Frechet distance between generated images and the dataset's test images in
 * the features of a classifier the project trains on the dataset itself ({@link Scorer}), with the
 * floor (real training images) and the ceiling (uniform noise) beside it. Each score is appended
 * to {@code RUN_DIR/scores.csv}.
 */
@Command(name = "score", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Sample quality: Frechet distance of generated vs test images in the features of a classifier "
                + "trained on the dataset (trained once, then cached), with floor (real training images) and ceiling "
                + "(uniform noise). Appends to RUN_DIR/scores.csv (or --out FILE)."})
final class ScoreCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    GeneratorSource source;

    @Option(names = "--all", description = "Score every checkpoint of the run, oldest first (instead of --checkpoint).")
    boolean all;

    @Option(names = "--count", defaultValue = "1000",
            description = "Generated images (and real images of the floor, noise images of the ceiling) "
                    + "(default: 1000).")
    int count;

    @Option(names = "--dataset", paramLabel = "SPEC",
            description = "Dataset whose test split to compare with (default: the run's own, from config.json).")
    String dataset;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the generated images' z (default: 1).")
    long seed;

    @Option(names = "--cache", paramLabel = "DIR",
            description = "Where classifiers are cached (default: ~/.cache/dcgan-explorer, or -Ddcgan.cache.dir).")
    Path cache;

    @Option(names = "--out", paramLabel = "FILE",
            description = "Append the scores to FILE instead of RUN_DIR/scores.csv (needed with --demo, which is "
                    + "read-only).")
    Path out;

    @Option(names = "--classifier-epochs", defaultValue = "2",
            description = "Epochs to train a classifier that is not cached yet (default: 2).")
    int epochs;

    @Option(names = "--classifier-images", defaultValue = "60000",
            description = "Most training images for a classifier that is not cached yet (default: 60000).")
    int trainImages;

    @Override
    public Integer call() {
        return Commands.guard(spec, this::run);
    }

    private int run() throws IOException {
        if (count < 2 || count > 100_000) {
            throw Commands.invalid(spec, "--count", count, "must be 2 to 100000");
        }
        if (epochs < 1 || epochs > 100 || trainImages < 10) {
            throw Commands.invalid(spec, "--classifier-epochs/--classifier-images", epochs + "/" + trainImages,
                    "need 1 to 100 epochs and at least 10 images");
        }
        if (all && source.checkpoint != null) {
            throw Commands.invalid(spec, "--all", "with --checkpoint", "give one or the other");
        }
        DatasetSpec ds;
        try {
            ds = dataset == null ? null : DatasetSpec.parse(dataset);
        } catch (IllegalArgumentException e) {
            throw Commands.invalid(spec, "--dataset", dataset, e.getMessage());
        }
        RunDirectory run = source.run();
        if (out == null) {
            RunDirectory.requireWritable(run.root(), "pass --out FILE to append the scores there");
        }
        Path scores = out != null ? out : ScoreLog.file(run.root());
        List<Path> checkpoints;
        if (all) {
            checkpoints = run.checkpoints();
            if (checkpoints.isEmpty()) {
                throw new Cli.Failure(source.runDir + " has no checkpoint yet (" + run.checkpointsDir()
                        + " holds no step-NNNNNN folder): train it first");
            }
        } else {
            checkpoints = List.of(source.checkpointDir(run));
        }
        if (ds == null) {
            try {
                ds = DatasetSpec.parse(run.options().dataset());
            } catch (IllegalArgumentException e) {
                throw new Cli.Failure(run.configFile() + ": bad dataset '" + run.options().dataset() + "': "
                        + e.getMessage());
            }
        }
        DcganConfig cfg = run.config();
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Engines.configure(0);
        long t0 = System.nanoTime();
        TrainingProgress progress = new TrainingProgress(err);
        try (Scorer scorer = Scorer.open(ds, cfg.imageSize(), cfg.channels(), run.options().seed(),
                cache != null ? cache : Scorer.defaultCacheRoot(), new Scorer.Options(epochs, trainImages), progress,
                () -> false)) {
            progress.finish();
            Scorer.Meta meta = scorer.meta();
            stdout.printf(Locale.ROOT, "classifier: %s, test accuracy %.4f on %d test images (%s, %s in %s)%n",
                    meta.kind().equals("classes") ? meta.labels().size() + "-class CNN" : meta.labels().size()
                            + "-attribute CNN", meta.testAccuracy(), meta.testImages(), scorer.trainedNow()
                                    ? String.format(Locale.ROOT, "trained now in %.1f s", meta.trainSeconds())
                                    : String.format(Locale.ROOT, "cached, trained in %.1f s", meta.trainSeconds()),
                    meta.dataset(), scorer.folder());
            double floor = scorer.floor(count);
            double ceiling = scorer.ceiling(count);
            stdout.printf(Locale.ROOT, "floor   (%d real training images):  FD %10.3f%n",
                    Math.min(count, scorer.trainSplitImages()), floor);
            stdout.printf(Locale.ROOT, "ceiling (%d uniform-noise images):  FD %10.3f%n", count, ceiling);
            stdout.flush();
            for (Path dir : checkpoints) {
                long s0 = System.nanoTime();
                Checkpoint.Meta cm = Checkpoint.readMeta(dir);
                boolean averaged = CheckpointAverage.isAveraged(cm);
                Checkpoint.Weights weights = source.weights(spec);
                boolean trainedBesideAverage = weights == Checkpoint.Weights.TRAINED && Checkpoint.hasAverage(dir);
                double fd;
                try (NDManager m = Engines.get().newBaseManager()) {
                    Generator g = Checkpoint.loadGenerator(dir, m, weights);
                    if (g.config().imageSize() != cfg.imageSize() || g.config().channels() != cfg.channels()) {
                        throw new DatasetException(dir + " renders " + g.config().imageSize() + "x"
                                + g.config().imageSize() + "x" + g.config().channels() + " images, the run "
                                + cfg.imageSize() + "x" + cfg.imageSize() + "x" + cfg.channels());
                    }
                    fd = scorer.scoreGenerator(g, m, count, seed);
                }
                double seconds = (System.nanoTime() - s0) / 1e9;
                stdout.printf(Locale.ROOT, (averaged ? "averaged up to " : "") + "step %d (%s%s): FD %.3f  (%d "
                        + "generated vs %d test images, %.1f s)%n", cm.step(), dir.getFileName(),
                        trainedBesideAverage ? ", trained weights" : "", fd, count, scorer.testImages(), seconds);
                stdout.flush();
                ScoreLog.appendTo(scores, new ScoreLog.Row(cm.step(), fd, count, floor, ceiling, meta.testAccuracy(),
                        seconds, (averaged ? ScoreLog.AVERAGED : trainedBesideAverage ? ScoreLog.TRAINED : "cli:")
                        + dir.getFileName()));
            }
            err.printf(Locale.ROOT, "appended %d row(s) to %s (%.1f s in all)%n", checkpoints.size(),
                    scores, (System.nanoTime() - t0) / 1e9);
            err.flush();
            return 0;
        }
    }

    /** The scorer's phases and the classifier's training progress (with ETA) on stderr. */
    static final class TrainingProgress implements Scorer.Progress {
        private final PrintWriter err;
        private final long start = System.nanoTime();
        private long trainStart;
        private long lastPrint;
        private long phaseStart = System.nanoTime();

        TrainingProgress(PrintWriter err) {
            this.err = err;
        }

        @Override
        public void say(String line) {
            trainStart = 0;
            phaseStart = System.nanoTime();
            err.println(line + " ...");
            err.flush();
        }

        @Override
        public void training(long done, long total, double loss) {
            long now = System.nanoTime();
            if (trainStart == 0) {
                // the first report comes after its batches: count the clock from the phase's start
                trainStart = phaseStart;
                lastPrint = now;
            }
            if (done < total && now - lastPrint < 5_000_000_000L) {
                return;
            }
            lastPrint = now;
            double elapsed = (now - trainStart) / 1e9;
            String eta = done > 0 ? Durations.clock(elapsed * (total - done) / done) : "-";
            err.printf(Locale.ROOT, "classifier: %d/%d images %3d%% loss %.4f elapsed %s ETA %s%n", done, total,
                    done * 100 / Math.max(1, total), loss, Durations.clock(elapsed), eta);
            err.flush();
        }

        void finish() {
            err.flush();
        }

        double seconds() {
            return (System.nanoTime() - start) / 1e9;
        }
    }
}
