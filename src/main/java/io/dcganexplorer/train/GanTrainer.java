package io.dcganexplorer.train;

import io.dcganexplorer.data.BatchStream;
import io.dcganexplorer.data.DatasetException;
import io.dcganexplorer.data.ImageDataset;
import io.dcganexplorer.model.DcganConfig;
import io.dcganexplorer.model.GanStep;
import io.dcganexplorer.model.Numerics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
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
 *
 * <p>Layout, after DJL's {@code EasyTrain}: this class is the state machine and a loop that only
 * steps ({@link TrainingSession} holds the networks and saves and loads them); the metrics file,
 * sample grids, checkpoints and the divergence check are {@link StepHook}s that the loop calls after
 * each step in a fixed order.
 */
public final class GanTrainer {

    /** Opens the dataset named by a spec at the run's image size and channels. */
    @FunctionalInterface
    public interface DatasetOpener {
        ImageDataset open(String spec, int imageSize, int channels, long seed) throws DatasetException;
    }

    /** How many of the newest checkpoints a run keeps unless told otherwise. */
    public static final int DEFAULT_KEEP_CHECKPOINTS = 3;
    /** How long the way out of the JVM waits for the last step and checkpoint. */
    private static final long EXIT_WAIT_MINUTES = 5;

    private final RunDirectory run;
    private final RunLock runLock;
    private final DatasetOpener opener;
    private final boolean resuming;
    /** The checkpoint a new run starts from ({@link #createFrom}); null for fresh weights. */
    private Path initFrom;
    private final ListenerList listeners = new ListenerList();
    private final Object lock = new Object();
    private boolean pauseRequested;
    private volatile boolean stopRequested;
    private volatile TrainerState state = TrainerState.NEW;
    private volatile String message = "";
    private volatile Numerics.SafeIsaNeeded safeIsaNeeded;
    private volatile long step;
    private volatile int keepCheckpoints = DEFAULT_KEEP_CHECKPOINTS;
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
     * A new run in {@code dir} that starts from the weights of the checkpoint {@code init} (another
     * run's, or the shipped demo's) with a fresh optimiser, at step 0 ({@code train --init-from}).
     * {@code config} must be the checkpoint's architecture; where the weights came from is recorded
     * in config.json's provenance ({@code init_from}).
     */
    public static GanTrainer createFrom(Path dir, DcganConfig config, TrainingOptions options, Path init,
            String initName, DatasetOpener opener) throws IOException {
        Checkpoint.Meta meta = Checkpoint.readMeta(init);
        Checkpoint.checkArchitecture(init, meta, config);
        GanTrainer t = create(dir, config, options, opener);
        try {
            t.run.recordProvenance("init_from", initName + " at step " + meta.step());
        } catch (IOException | RuntimeException e) {
            t.close();
            throw e;
        }
        t.initFrom = init;
        return t;
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
        RunDirectory.requireWritable(dir, "train from it in a new run: train --init-from demo --run-dir NEW");
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

    /** The run this trainer writes. */
    public RunDirectory run() {
        return run;
    }

    /** Adds a listener, from any thread; it is called on the training thread, after those added before. */
    public void addListener(TrainingListener l) {
        listeners.add(l);
    }

    /** Removes a listener, from any thread; it may still receive the event being delivered. */
    public void removeListener(TrainingListener l) {
        listeners.remove(l);
    }

    /** Where the trainer is in its life; safe to read from any thread. */
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

    /** Lets a paused loop go on with the next step. */
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

    /** Waits for the training thread to end; true if it has (or, never started, the trainer is closed). */
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
        listeners.each(l -> l.onStateChanged(s, msg));
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
                } else if (initFrom != null) {
                    s.loadInitial(initFrom);
                }
                try (BatchStream stream =
                                new BatchStream(data, opt.batchSize(), opt.seed(), s.epoch(), s.nextBatch(), 4);
                        MetricsCsv csv = MetricsCsv.open(run, s.step())) {
                    return train(s, stream, hooks(s, csv, opt), opt.maxSteps());
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
        listeners.warn("the dataset " + data.description() + " has " + n + " images, fewer than the batch of "
                + opt.batchSize() + ": training with batches of " + n + " (recorded in "
                + run.configFile().getFileName() + ", so continuing the run keeps it)");
        return fitted;
    }

    /**
     * The side effects of a step, in the order listeners have always seen them: onStep, G's
     * snapshots, the sample grid, the checkpoint. The guard comes first so that a diverged step
     * reaches neither the metrics file nor a checkpoint.
     */
    private List<StepHook> hooks(TrainingSession s, MetricsCsv csv, TrainingOptions opt) {
        CheckpointKeeper checkpoints = new CheckpointKeeper(run, opt.checkpointEvery(), () -> keepCheckpoints,
                listeners, s.step());
        return List.of(
                new DivergenceGuard(checkpoints::lastStep, listeners),
                csv,
                (session, m) -> listeners.each(l -> l.onStep(m)),
                new GeneratorSnapshots(listeners),
                new SampleGrids(run, opt.sampleEvery(), checkpoints, listeners),
                checkpoints);
    }

    /**
     * The loop, as pytorch/examples' dcgan/main.py has it: a batch, one update of D and one of G
     * ({@link GanStep}), then the step's side effects. {@code maxSteps} 0 trains until stopped.
     */
    private String train(TrainingSession s, BatchStream stream, List<StepHook> hooks, long maxSteps)
            throws IOException, InterruptedException, NonFiniteLossException {
        setState(TrainerState.RUNNING, "");
        StepTimer timer = new StepTimer(s.opt.batchSize());
        while (!stopRequested && (maxSteps == 0 || s.step() < maxSteps) && waitWhilePaused()) {
            timer.start();
            BatchStream.Batch batch = stream.next();
            GanStep.Losses losses = s.trainStep(batch);
            stream.recycle(batch);
            s.advance(batch, stream.batchesPerEpoch());
            step = s.step();
            s.addWallSeconds(timer.lap());
            StepMetrics m = s.metrics(batch.epoch(), losses, timer.imagesPerSecond());
            for (StepHook h : hooks) {
                h.afterStep(s, m);
            }
        }
        for (StepHook h : hooks) {
            h.afterTraining(s);
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
}
