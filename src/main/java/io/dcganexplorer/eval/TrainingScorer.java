package io.dcganexplorer.eval;

import ai.djl.ndarray.NDManager;
import io.dcganexplorer.data.DatasetSpec;
import io.dcganexplorer.model.DcganConfig;
import io.dcganexplorer.model.Engines;
import io.dcganexplorer.model.Generator;
import io.dcganexplorer.train.Checkpoint;
import io.dcganexplorer.train.TensorFile.Tensor;
import io.dcganexplorer.train.TrainerState;
import io.dcganexplorer.train.TrainingListener;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Scores the generator while it trains: every {@link #every()} steps the trainer hands over a copy
 * of G's parameters ({@link TrainingListener#onGeneratorSnapshot}, a few milliseconds on the
 * training thread); the score ({@link Scorer}: FD of {@value #COUNT} generated images against the
 * test split) is computed on this scorer's own thread ({@code dcgan-score}, low priority), never on
 * the training or the UI thread, and appended to {@code RUN_DIR/scores.csv}. When snapshots come
 * faster than they are scored, only the newest waiting one is kept. The first score of a dataset
 * trains its classifier (minutes on a CPU; cached afterwards).
 *
 * <p>Reports go to {@link Events}, on the scoring thread, as plain Java values.
 */
public final class TrainingScorer implements TrainingListener, AutoCloseable {
    /** Generated images per score, as the {@code score} command's default. */
    public static final int COUNT = 1000;
    /** Seed of the generated images' z: the same z at every step, so the curve compares like with like. */
    public static final long Z_SEED = 1;

    /** What the scorer says; called on its thread. */
    public interface Events {
        /** What it is doing, e.g. "training the score's classifier: 35% ETA 2:10"; empty when idle. */
        void status(String text);

        /** A score was computed and appended to scores.csv. */
        void scored(ScoreLog.Row row);

        /** Scoring gave up (e.g. the dataset has no labels); training goes on. */
        void failed(String message);
    }

    private record Snapshot(long step, List<Tensor> tensors) {}

    private final Path runRoot;
    private final DatasetSpec dataset;
    private final DcganConfig config;
    private final long seed;
    private final Path cacheRoot;
    private final Scorer.Options options;
    private final Events events;
    private final int count;
    private final ExecutorService thread;
    private final AtomicReference<Snapshot> pending = new AtomicReference<>();
    private volatile long every;
    private volatile boolean closed;
    private volatile boolean cancelled;
    private volatile boolean failed;
    // touched on the scoring thread only
    private Scorer scorer;
    private double floor;
    private double ceiling;

    /**
     * @param every steps between scores (0: none until {@link #setEvery})
     * @param seed the run's seed (picks the face set of the {@code faces} kind)
     */
    public TrainingScorer(Path runRoot, DatasetSpec dataset, DcganConfig config, long seed, long every, int count,
            Path cacheRoot, Scorer.Options options, Events events) {
        this.runRoot = Objects.requireNonNull(runRoot);
        this.dataset = Objects.requireNonNull(dataset);
        this.config = Objects.requireNonNull(config);
        this.seed = seed;
        this.every = every;
        this.count = count;
        this.cacheRoot = cacheRoot;
        this.options = options;
        this.events = events;
        this.thread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "dcgan-score");
            t.setDaemon(true);
            t.setPriority(Thread.MIN_PRIORITY);
            return t;
        });
    }

    /** Steps between scores; 0 turns scoring off. */
    public long every() {
        return every;
    }

    public void setEvery(long steps) {
        every = Math.max(0, steps);
    }

    @Override
    public long generatorSnapshotEvery() {
        return closed || failed ? 0 : every;
    }

    @Override
    public void onGeneratorSnapshot(long step, List<Tensor> generator) {
        if (closed || failed) {
            return;
        }
        if (pending.getAndSet(new Snapshot(step, generator)) == null) {
            try {
                thread.execute(this::drain);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                // closed meanwhile
            }
        }
    }

    @Override
    public void onStateChanged(TrainerState state, String message) {
        if (state.isTerminal()) {
            finish(); // the last snapshot still gets scored, then the classifier is freed
        }
    }

    /** Scores the newest waiting snapshot; runs on the scoring thread. */
    private void drain() {
        Snapshot s = pending.getAndSet(null);
        if (s == null || failed) {
            return;
        }
        try {
            Engines.disableGradOnThisThread();
            if (scorer == null) {
                open();
            }
            events.status(String.format(Locale.ROOT, "scoring step %d (%d images)…", s.step(), count));
            long t0 = System.nanoTime();
            Map<String, Tensor> map = new LinkedHashMap<>();
            for (Tensor t : s.tensors()) {
                map.put(t.name(), t);
            }
            double fd;
            try (NDManager m = Engines.get().newBaseManager()) {
                Generator g = new Generator(config, m);
                Checkpoint.load("G", g, map, runRoot);
                fd = scorer.scoreGenerator(g, m, count, Z_SEED);
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            ScoreLog.Row row = new ScoreLog.Row(s.step(), fd, count, floor, ceiling, scorer.testAccuracy(), seconds,
                    "training");
            ScoreLog.append(runRoot, row);
            events.scored(row);
            events.status(String.format(Locale.ROOT, "FD %.2f at step %d (floor %.2f, noise %.0f; %.1f s)", fd,
                    s.step(), floor, ceiling, seconds));
        } catch (java.util.concurrent.CancellationException e) {
            events.status("");
        } catch (Exception | Error e) {
            failed = true;
            events.failed("scoring stopped: " + (e.getMessage() != null ? e.getMessage() : e.toString()));
        }
    }

    private void open() throws java.io.IOException {
        long[] start = {System.nanoTime()};
        scorer = Scorer.open(dataset, config.imageSize(), config.channels(), seed, cacheRoot, options,
                new Scorer.Progress() {
                    private long last;

                    @Override
                    public void say(String line) {
                        start[0] = System.nanoTime();
                        events.status("score: " + line + "…");
                    }

                    @Override
                    public void training(long done, long total, double loss) {
                        long now = System.nanoTime();
                        if (now - last < 1_000_000_000L && done < total) {
                            return;
                        }
                        last = now;
                        double elapsed = (now - start[0]) / 1e9;
                        double left = done > 0 ? elapsed * (total - done) / done : 0;
                        events.status(String.format(Locale.ROOT, "training the score's classifier: %d%%, %d s left",
                                done * 100 / Math.max(1, total), Math.round(left)));
                    }
                }, () -> cancelled);
        events.status("score: floor and ceiling…");
        floor = scorer.floor(count);
        ceiling = scorer.ceiling(count);
    }

    /**
     * Takes no more snapshots; the waiting one is still scored (the classifier trained for it if
     * need be), then the scorer's arrays are freed and the thread ends.
     */
    public void finish() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            thread.execute(() -> {
                drain();
                if (scorer != null) {
                    scorer.close();
                    scorer = null;
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // already shut down
        }
        thread.shutdown();
    }

    /** As {@link #finish()}, but a classifier being trained is given up (a new run, the window closing). */
    @Override
    public void close() {
        cancelled = true;
        finish();
    }

    /** Waits for the scoring thread to end after {@link #close()} (for tests). */
    public boolean awaitClosed(long millis) throws InterruptedException {
        return thread.awaitTermination(millis, java.util.concurrent.TimeUnit.MILLISECONDS);
    }
}
