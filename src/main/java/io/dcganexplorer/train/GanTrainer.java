package io.dcganexplorer.train;

import io.dcganexplorer.data.BatchStream;
import io.dcganexplorer.data.DatasetException;
import io.dcganexplorer.data.ImageDataset;
import io.dcganexplorer.image.Pixels;
import io.dcganexplorer.image.PngFiles;
import io.dcganexplorer.model.DcganConfig;
import io.dcganexplorer.model.GanStep;
import io.dcganexplorer.model.Numerics;
import io.dcganexplorer.train.TensorFile.Tensor;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/**
 * Trains a DCGAN on one thread that it owns ({@code dcgan-trainer}); every NDArray lives and dies
 * on that thread. Other threads control it with {@link #pause()}, {@link #resume()} and
 * {@link #stop()}, safe at any moment, and observe it through {@link TrainingListener}s, which
 * receive only plain Java values.
 *
 * <p>Determinism: weights, data order, z and the fixed noise all come from seeded Java
 * generators whose state is checkpointed, so the same seed, config and data give the same losses
 * step for step, and 10 steps + save + load + 10 steps equals 20 steps.
 *
 * <p>One writer per run: {@link #create} and {@link #resume} take the run directory's
 * {@link RunLock} and refuse a run that another trainer (in any process) holds; the lock is kept
 * until the training thread ends, or until {@link #close()} for a trainer that never started.
 * While the thread runs it is registered with {@link OrderlyShutdown}, so the JVM does not exit
 * before the trainer has finished its step and written its checkpoint.
 */
public final class GanTrainer {

    /** Opens the dataset named by a spec at the run's image size and channels. */
    @FunctionalInterface
    public interface DatasetOpener {
        ImageDataset open(String spec, int imageSize, int channels, long seed) throws DatasetException;
    }

    /** How many of the newest checkpoints a run keeps unless told otherwise. */
    public static final int DEFAULT_KEEP_CHECKPOINTS = 3;
    /** Steps in a row whose update was skipped for an overflowing gradient before the run stops. */
    static final int MAX_OVERFLOWED_STEPS = 10;
    /** How long the way out of the JVM waits for the last step and checkpoint. */
    private static final long EXIT_WAIT_MINUTES = 5;

    private final RunDirectory run;
    private final RunLock runLock;
    private final DatasetOpener opener;
    private final boolean resuming;
    private final List<TrainingListener> listeners = new CopyOnWriteArrayList<>();
    private final Object lock = new Object();
    private boolean pauseRequested;
    private volatile boolean stopRequested;
    private volatile TrainerState state = TrainerState.NEW;
    private volatile String message = "";
    private volatile Numerics.SafeIsaNeeded safeIsaNeeded;
    private volatile long step;
    private volatile long lastCheckpointStep = -1;
    private volatile int keepCheckpoints = DEFAULT_KEEP_CHECKPOINTS;
    /** Steps in a row whose D or G update was skipped; only the training thread touches it. */
    private int overflowedInARow;
    private Thread thread;
    private OrderlyShutdown.Registration exitStop;

    private GanTrainer(RunDirectory run, RunLock runLock, DatasetOpener opener, boolean resuming) {
        this.run = run;
        this.runLock = runLock;
        this.opener = opener;
        this.resuming = resuming;
    }

    /**
     * How many of the newest checkpoints to keep after each save (default 3); 0 keeps every one, so
     * that a run's history can be compared later ({@code arithmetic}, {@code score} per checkpoint).
     * Not part of the run's options: each session of training chooses it.
     */
    public void setKeepCheckpoints(int keep) {
        if (keep < 0) {
            throw new IllegalArgumentException("checkpoints to keep must be 0 (all) or more, not " + keep);
        }
        keepCheckpoints = keep;
    }

    /**
     * A new run in {@code dir}, which must not already hold one.
     *
     * @throws RunLock.RunInUseException if another trainer holds {@code dir}
     */
    public static GanTrainer create(Path dir, DcganConfig config, TrainingOptions options, DatasetOpener opener)
            throws IOException {
        RunDirectory.refuseExistingRun(dir);
        RunLock lock = RunLock.acquire(dir, "training");
        try {
            return new GanTrainer(RunDirectory.create(dir, config, options), lock, opener, false);
        } catch (IOException | RuntimeException e) {
            lock.close();
            throw e;
        }
    }

    /**
     * Continues the run in {@code dir} from its newest checkpoint (or from the start if it has
     * none). {@code change} may alter the options that are safe to change (step budget, intervals).
     *
     * @throws RunLock.RunInUseException if another trainer holds {@code dir}; nothing is changed then
     */
    public static GanTrainer resume(Path dir, UnaryOperator<TrainingOptions> change, DatasetOpener opener)
            throws IOException {
        if (!Files.isRegularFile(dir.resolve("config.json"))) {
            RunDirectory.open(dir); // says why it is no run, without leaving a lock file behind
        }
        RunLock lock = RunLock.acquire(dir, "training");
        try {
            RunDirectory run = RunDirectory.open(dir);
            TrainingOptions old = run.options();
            TrainingOptions now = change.apply(old);
            // The dataset may have moved, and the budget, intervals and optimiser may change; the batch
            // size and seed fix the data order and the noise, so changing them would not be a resume.
            if (now.batchSize() != old.batchSize() || now.seed() != old.seed()) {
                throw new IOException("cannot change batch size or seed when resuming " + dir);
            }
            if (!now.equals(old)) {
                run.updateOptions(now);
            }
            return new GanTrainer(run, lock, opener, true);
        } catch (IOException | RuntimeException e) {
            lock.close();
            throw e;
        }
    }

    public RunDirectory run() {
        return run;
    }

    public void addListener(TrainingListener l) {
        listeners.add(l);
    }

    public void removeListener(TrainingListener l) {
        listeners.remove(l);
    }

    public TrainerState state() {
        return state;
    }

    /** Why the trainer finished or failed; empty while it runs. */
    public String message() {
        return message;
    }

    /**
     * Set when training could not start because this configuration's networks are wrong at the
     * default instruction set in every formulation: the process must restart capped to train it.
     */
    public Optional<Numerics.SafeIsaNeeded> safeIsaNeeded() {
        return Optional.ofNullable(safeIsaNeeded);
    }

    /** Steps completed in this run. */
    public long step() {
        return step;
    }

    /** Starts the training thread. */
    public synchronized void start() {
        if (thread != null) {
            throw new IllegalStateException("trainer already started");
        }
        if (state != TrainerState.NEW) {
            throw new IllegalStateException("trainer was closed");
        }
        thread = new Thread(this::runLoop, "dcgan-trainer");
        thread.setDaemon(true);
        exitStop = OrderlyShutdown.register("the trainer of " + run.root(), this::stopForExit);
        thread.start();
    }

    /**
     * Gives the run up: a trainer that was never started releases the run's lock (and can no
     * longer start); a started one is asked to stop, as {@link #stop()}, and releases the lock when
     * its thread ends.
     */
    public void close() {
        synchronized (this) {
            if (thread == null) {
                if (state == TrainerState.NEW) {
                    state = TrainerState.FINISHED;
                    message = "closed before it started";
                }
                runLock.close();
                return;
            }
        }
        stop();
    }

    /** For {@link OrderlyShutdown}: stop after the step, wait for the checkpoint; true if it was written. */
    private boolean stopForExit() throws InterruptedException {
        stop();
        return await(EXIT_WAIT_MINUTES, TimeUnit.MINUTES) && state != TrainerState.FAILED;
    }

    /** Asks the loop to wait after the current step. */
    public void pause() {
        synchronized (lock) {
            pauseRequested = true;
        }
    }

    public void resume() {
        synchronized (lock) {
            pauseRequested = false;
            lock.notifyAll();
        }
    }

    /** Asks the loop to end after the current step and write a checkpoint; returns at once. */
    public void stop() {
        stopRequested = true;
        synchronized (lock) {
            lock.notifyAll();
        }
    }

    /** Waits for the training thread to end. */
    public boolean await(long timeout, TimeUnit unit) throws InterruptedException {
        Thread t;
        synchronized (this) {
            t = thread;
        }
        if (t == null) {
            return state.isTerminal();
        }
        t.join(unit.toMillis(timeout));
        return !t.isAlive();
    }

    private void setState(TrainerState s, String msg) {
        state = s;
        message = msg;
        for (TrainingListener l : listeners) {
            try {
                l.onStateChanged(s, msg);
            } catch (RuntimeException e) {
                System.err.println("training listener failed: " + e);
            }
        }
    }

    // ------------------------------------------------------------------------------------------
    // The training thread

    /**
     * The thread's whole life. Every native resource is closed, the run's lock released and the
     * exit registration removed before the final state is announced, so whoever sees FINISHED or
     * FAILED may at once train the same run again.
     */
    private void runLoop() {
        TrainerState end = TrainerState.FAILED;
        String why;
        try {
            why = trainRun();
            end = TrainerState.FINISHED;
        } catch (NonFiniteLossException e) {
            why = e.getMessage();
        } catch (IOException e) {
            why = e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            why = "training was interrupted";
        } catch (Numerics.SafeIsaNeeded e) {
            safeIsaNeeded = e;
            why = e.getMessage();
        } catch (RuntimeException | Error e) {
            why = "training failed: " + e;
        } finally {
            runLock.close();
            if (exitStop != null) {
                exitStop.close();
            }
        }
        setState(end, why);
    }

    /** Opens the data and the networks, trains, and returns why it ended ("finished 200 steps"). */
    private String trainRun() throws IOException, InterruptedException, NonFiniteLossException {
        setState(TrainerState.STARTING, "");
        DcganConfig cfg = run.config();
        checkNumerics(cfg);
        TrainingOptions opt = run.options();
        try (ImageDataset data = opener.open(opt.dataset(), cfg.imageSize(), cfg.channels(), opt.seed())) {
            if (data.imageSize() != cfg.imageSize() || data.channels() != cfg.channels()) {
                throw new DatasetException(data.description() + " yields " + data.imageSize() + "x" + data.imageSize()
                        + "x" + data.channels() + " images; the model needs " + cfg.imageSize() + "x"
                        + cfg.imageSize() + "x" + cfg.channels());
            }
            opt = fitBatchToData(data, opt);
            try (TrainingSession s = new TrainingSession(run, cfg, opt)) {
                if (resuming) {
                    s.loadLatest();
                    step = s.step();
                    lastCheckpointStep = s.step();
                }
                try (BatchStream stream = new BatchStream(data, opt.batchSize(), opt.seed(), s.epoch(), s.nextBatch(), 4);
                        BufferedWriter csv = openMetrics(s.step())) {
                    return train(s, stream, csv, opt);
                }
            }
        }
    }

    /**
     * Chooses how the networks compute on this machine ({@link Numerics}; seconds when this
     * configuration was never checked here, with progress in the state's message) and records the
     * choice in config.json's provenance.
     */
    private void checkNumerics(DcganConfig cfg) throws IOException {
        Numerics.Choice c = Numerics.choose(cfg, (what, fraction) -> setState(TrainerState.STARTING,
                String.format(Locale.ROOT, "checking this machine's convolutions: %s, %.0f%%", what, 100 * fraction)));
        run.recordProvenance(Provenance.NUMERICS, c.describe());
        setState(TrainerState.STARTING, "");
    }

    /**
     * A dataset smaller than one batch trains with batches of its own size, once said as a warning.
     * The smaller batch is recorded in config.json, so continuing the run keeps it exactly. A run
     * that already has a checkpoint keeps the batch it was trained with: the data order of a resume
     * depends on it.
     */
    private TrainingOptions fitBatchToData(ImageDataset data, TrainingOptions opt) throws IOException {
        int n = data.size();
        if (n >= opt.batchSize() || n < 1) {
            return opt; // an empty dataset is refused by the batch stream, with its name
        }
        if (run.latestCheckpoint().isPresent()) {
            throw new DatasetException(data.description() + " has " + n + " images, fewer than one batch of "
                    + opt.batchSize() + ", the batch size this run was trained with (a run keeps its batch size once "
                    + "it has a checkpoint): continue it on data with at least " + opt.batchSize() + " images");
        }
        TrainingOptions fitted = opt.withBatchSize(n);
        run.updateOptions(fitted);
        warn("the dataset " + data.description() + " has " + n + " images, fewer than the batch of " + opt.batchSize()
                + ": training with batches of " + n + " (recorded in " + run.configFile().getFileName()
                + ", so continuing the run keeps it)");
        return fitted;
    }

    /**
     * Says that this step's D and/or G update was skipped (its gradient overflowed, see
     * {@link Adam#GRADIENT_LIMIT}); after {@link #MAX_OVERFLOWED_STEPS} such steps in a row the run
     * stops, since a network that gets no update is not being trained.
     */
    private void warnOverflow(TrainingSession s) throws NonFiniteLossException {
        List<String> which = new ArrayList<>();
        if (s.skippedD()) {
            which.add(String.format(java.util.Locale.ROOT, "D's (largest element %.3g)", s.adamD.lastMaxGradient()));
        }
        if (s.skippedG()) {
            which.add(String.format(java.util.Locale.ROOT, "G's (largest element %.3g)", s.adamG.lastMaxGradient()));
        }
        String what = "step " + s.step() + ": " + String.join(" and ", which) + " gradient overflowed, so that update "
                + "was skipped (applied, it would have made Adam's second moment infinite and frozen those weights "
                + "for good); skipped so far: D " + s.adamD.skippedSteps() + ", G " + s.adamG.skippedSteps();
        warn(what);
        if (overflowedInARow >= MAX_OVERFLOWED_STEPS) {
            throw new NonFiniteLossException("training stopped at step " + s.step() + ": the gradients overflowed "
                    + MAX_OVERFLOWED_STEPS + " steps in a row. "
                    + (lastCheckpointStep > 0 ? "The last good checkpoint (step " + lastCheckpointStep + ") is kept; " : "")
                    + "try a lower learning rate.");
        }
    }

    private void warn(String text) {
        for (TrainingListener l : listeners) {
            try {
                l.onWarning(text);
            } catch (RuntimeException e) {
                System.err.println("training listener failed: " + e);
            }
        }
    }

    private BufferedWriter openMetrics(long fromStep) throws IOException {
        run.truncateMetrics(fromStep);
        return run.openMetricsForAppend();
    }

    private String train(TrainingSession s, BatchStream stream, BufferedWriter csv, TrainingOptions opt)
            throws IOException, InterruptedException, NonFiniteLossException {
        setState(TrainerState.RUNNING, "");
        double[] recent = new double[20];
        int recentCount = 0;
        while (!stopRequested && (opt.maxSteps() == 0 || s.step() < opt.maxSteps())) {
            if (!waitWhilePaused()) {
                break;
            }
            long t0 = System.nanoTime();
            BatchStream.Batch batch = stream.next();
            GanStep.Losses r = s.trainStep(batch);
            stream.recycle(batch);
            s.advance(batch, stream.batchesPerEpoch());
            step = s.step();
            double dt = (System.nanoTime() - t0) / 1e9;
            s.addWallSeconds(dt);
            recent[recentCount++ % recent.length] = dt;
            double sum = 0;
            int n = Math.min(recentCount, recent.length);
            for (int i = 0; i < n; i++) {
                sum += recent[i];
            }
            StepMetrics m = s.metrics(batch.epoch(), r, opt.batchSize() * n / sum);
            if (!m.finite()) {
                throw new NonFiniteLossException("training stopped at step " + s.step() + ": the loss is not a number "
                        + "(Loss_D=" + m.lossD() + ", Loss_G=" + m.lossG() + "). "
                        + (lastCheckpointStep > 0 ? "The last good checkpoint (step " + lastCheckpointStep
                                + ") is kept; " : "")
                        + "try a lower learning rate.");
            }
            overflowedInARow = s.skippedD() || s.skippedG() ? overflowedInARow + 1 : 0;
            if (s.skippedD() || s.skippedG()) {
                warnOverflow(s);
            }
            csv.write(m.toCsv());
            csv.newLine();
            csv.flush();
            for (TrainingListener l : listeners) {
                try {
                    l.onStep(m);
                } catch (RuntimeException e) {
                    System.err.println("training listener failed: " + e);
                }
            }
            publishSnapshots(s);
            if (opt.sampleEvery() > 0 && s.step() % opt.sampleEvery() == 0) {
                publishSamples(s);
            }
            if (opt.checkpointEvery() > 0 && s.step() % opt.checkpointEvery() == 0) {
                save(s);
            }
        }
        if (s.step() != lastCheckpointStep && s.step() > 0) {
            if (opt.sampleEvery() > 0 && s.step() % opt.sampleEvery() != 0) {
                publishSamples(s);
            }
            save(s);
        }
        return stopRequested ? "stopped at step " + s.step() : "finished " + s.step() + " steps";
    }

    /** Blocks while paused; false if a stop arrived meanwhile. */
    private boolean waitWhilePaused() throws InterruptedException {
        synchronized (lock) {
            if (pauseRequested && !stopRequested) {
                setState(TrainerState.PAUSED, "paused at step " + step);
                while (pauseRequested && !stopRequested) {
                    lock.wait();
                }
                if (!stopRequested) {
                    setState(TrainerState.RUNNING, "");
                }
            }
            return !stopRequested;
        }
    }

    /** G's parameters copied once for every listener that wants them at this step. */
    private void publishSnapshots(TrainingSession s) {
        List<Tensor> snapshot = null;
        for (TrainingListener l : listeners) {
            try {
                long every = l.generatorSnapshotEvery();
                if (every > 0 && s.step() % every == 0) {
                    if (snapshot == null) {
                        snapshot = List.copyOf(Checkpoint.tensorsOf("G", s.rendering()));
                    }
                    l.onGeneratorSnapshot(s.step(), snapshot);
                }
            } catch (RuntimeException e) {
                System.err.println("training listener failed: " + e);
            }
        }
    }

    private void publishSamples(TrainingSession s) throws IOException {
        Pixels grid = s.sampleGrid();
        PngFiles.write(grid, run.sampleFile(s.step()));
        for (TrainingListener l : listeners) {
            try {
                l.onSamples(s.step(), grid);
            } catch (RuntimeException e) {
                System.err.println("training listener failed: " + e);
            }
        }
    }

    private void save(TrainingSession s) throws IOException {
        Path dir = s.save();
        lastCheckpointStep = s.step();
        if (keepCheckpoints > 0) {
            Checkpoint.prune(run, keepCheckpoints);
        }
        for (TrainingListener l : listeners) {
            try {
                l.onCheckpoint(s.step(), dir);
            } catch (RuntimeException e) {
                System.err.println("training listener failed: " + e);
            }
        }
    }

    /** A loss became NaN or infinite. */
    static final class NonFiniteLossException extends Exception {
        private static final long serialVersionUID = 1L;

        NonFiniteLossException(String message) {
            super(message);
        }
    }
}
