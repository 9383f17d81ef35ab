package io.dcganexplorer.ui;

import io.dcganexplorer.data.DatasetSpec;
import io.dcganexplorer.model.DcganConfig;
import io.dcganexplorer.model.Engines;
import io.dcganexplorer.train.GanTrainer;
import io.dcganexplorer.train.RunDirectory;
import io.dcganexplorer.train.ShippedDemo;
import io.dcganexplorer.train.StepMetrics;
import io.dcganexplorer.train.TrainerState;
import io.dcganexplorer.train.TrainingOptions;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/**
 * The run's commands: train, pause, resume or continue, stop, open a run. It drives the other
 * parts of {@link TrainingViewModel} ({@link RunState}, progress, charts, grids, scores), which it
 * creates, because a run that starts or opens replaces what all of them show, and it turns the
 * trainer's batched events into their changes.
 *
 * <p>Threads: called on the UI thread; making a trainer and reading a run go to {@code background}
 * and come back through {@code ui}; the trainer reports through a {@link TrainingFeed}. Nothing
 * here waits for training.
 */
final class TrainingRun {
    private static final GanTrainer.DatasetOpener OPENER = (spec, size, ch, seed) -> DatasetSpec.parse(spec)
            .open(size, ch, seed);

    private final SettingsViewModel settings;
    private final Executor background;
    private final Executor ui;
    private final RunState state;
    private final TrainingProgress progress = new TrainingProgress();
    private final TrainingCharts charts = new TrainingCharts();
    private final SampleHistory samples;
    private final TrainingScores scores;
    private GanTrainer trainer;
    /** The current run's warning, kept in the status line while nothing else is said there. */
    private String runWarning = "";
    /** Counts opens, so that only the newest one's result is shown. */
    private int openGeneration;

    TrainingRun(SettingsViewModel settings, Executor background, Executor ui) {
        this.settings = Objects.requireNonNull(settings);
        this.background = Objects.requireNonNull(background);
        this.ui = Objects.requireNonNull(ui);
        state = new RunState(settings);
        samples = new SampleHistory(background, ui, state::runDirectory, state::setError);
        scores = new TrainingScores(settings, ui, () -> trainer, state::isActive);
    }

    // Parts

    RunState state() {
        return state;
    }

    TrainingProgress progress() {
        return progress;
    }

    TrainingCharts charts() {
        return charts;
    }

    SampleHistory samples() {
        return samples;
    }

    TrainingScores scores() {
        return scores;
    }

    GanTrainer trainer() {
        return trainer;
    }

    // Commands

    void train(Path dir) {
        if (!state.canTrainProperty().get()) {
            return;
        }
        DcganConfig config;
        TrainingOptions options;
        Path target;
        int threads;
        int keep;
        try {
            config = settings.config();
            options = settings.options();
            target = dir != null ? dir : settings.newRunDirectory(LocalDateTime.now());
            threads = settings.threads.value();
            keep = settings.keepCheckpoints.value();
        } catch (IllegalArgumentException e) {
            state.setError("could not start training: " + e.getMessage());
            return;
        }
        launch(() -> {
            Engines.configure(threads);
            GanTrainer t = GanTrainer.create(target, config, options, OPENER);
            t.setKeepCheckpoints(keep);
            return t;
        }, true, "could not start training in " + target + ": ");
    }

    void pause() {
        if (state.canPauseProperty().get()) {
            trainer.pause();
        }
    }

    void resume() {
        if (!state.canResumeProperty().get()) {
            return;
        }
        if (state.trainerState() == TrainerState.PAUSED) {
            trainer.resume();
            return;
        }
        if (state.trainerState() == TrainerState.FAILED && trainer != null) {
            // The series holds steps after the last checkpoint; reload what the resume keeps.
            open(state.runDirectory(), true);
            return;
        }
        continueRun();
    }

    void stop() {
        if (state.canStopProperty().get()) {
            state.setStopping(true);
            trainer.stop();
        }
    }

    void stopThen(Runnable then) {
        GanTrainer t = trainer;
        if (t == null || !state.isActive()) {
            then.run();
            return;
        }
        stop();
        // The wait for the checkpoint happens on a background thread: the UI thread never waits on training.
        background.execute(() -> {
            try {
                t.await(10, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            ui.execute(then);
        });
    }

    void openRun(Path dir) {
        if (state.isActive() || state.isBusy()) {
            return;
        }
        open(dir, false);
    }

    /** Opens the shipped demo (extracted into the cache first, off the UI thread, if needed). */
    void openDemo() {
        if (state.isActive() || state.isBusy()) {
            return;
        }
        state.setBusy(true);
        state.setError("");
        background.execute(() -> {
            try {
                Path dir = ShippedDemo.open().runDir();
                ui.execute(() -> open(dir, false));
            } catch (IOException | RuntimeException e) {
                ui.execute(() -> {
                    state.setBusy(false);
                    state.setError("could not open the shipped demo: " + e.getMessage());
                });
            }
        });
    }

    /** Applies one batch of training events; runs on the UI thread. */
    void apply(TrainingFeed.Batch b) {
        StepMetrics last = null;
        for (TrainingFeed.Event e : b.events()) {
            if (e instanceof TrainingFeed.Step s) {
                charts.add(s.metrics());
                last = s.metrics();
            } else if (e instanceof TrainingFeed.SamplesWritten w) {
                samples.addStep(w.step());
            } else if (e instanceof TrainingFeed.Warning w) {
                runWarning = "warning: " + w.message();
                state.setMessage(runWarning);
                if (trainer != null) {
                    progress.setBatchSize(trainer.run().options().batchSize()); // the warning may be of a smaller batch
                }
                progress.update();
            } else if (e instanceof TrainingFeed.StateChanged c) {
                state.setState(c.state());
                state.setMessage(c.message().isEmpty() ? runWarning : c.message());
                if (c.state() == TrainerState.FAILED) {
                    state.setError(c.message());
                    if (trainer != null && trainer.safeIsaNeeded().isPresent()) {
                        state.offerSafeIsaRestart(
                                new TrainingViewModel.SafeIsaRestart(trainer.run().root(), c.message()));
                    }
                }
                if (c.state().isTerminal()) {
                    state.setStopping(false);
                }
            }
        }
        if (last != null) {
            progress.show(last);
            charts.changed();
        }
        TrainingFeed.Grid g = b.newestGrid();
        if (g != null) {
            samples.addGrid(g.step(), g.pixels());
        }
    }

    // Internals

    private void continueRun() {
        Path dir = state.runDirectory();
        if (ShippedDemo.isExtractedPath(dir)) {
            trainFromDemo(dir);
            return;
        }
        UnaryOperator<TrainingOptions> changes;
        int threads;
        int keep;
        try {
            changes = settings.resumeChanges();
            threads = settings.threads.value();
            keep = settings.keepCheckpoints.value();
        } catch (IllegalArgumentException e) {
            state.setError("could not continue " + dir + ": " + e.getMessage());
            return;
        }
        launch(() -> {
            Engines.configure(threads);
            GanTrainer t = GanTrainer.resume(dir, changes, OPENER);
            t.setKeepCheckpoints(keep);
            return t;
        }, false, "could not continue " + dir + ": ");
    }

    /**
     * Continue on the read-only demo: a new run under the runs folder that starts from the demo's
     * weights with a fresh optimiser and the options shown.
     */
    private void trainFromDemo(Path demo) {
        TrainingOptions options;
        Path target;
        int threads;
        int keep;
        try {
            options = settings.options();
            target = settings.newRunDirectory(LocalDateTime.now());
            threads = settings.threads.value();
            keep = settings.keepCheckpoints.value();
        } catch (IllegalArgumentException e) {
            state.setError("could not train from the demo: " + e.getMessage());
            return;
        }
        launch(() -> {
            Engines.configure(threads);
            RunDirectory run = RunDirectory.open(demo);
            Path init = run.latestCheckpoint().orElseThrow(() -> new IOException(demo + " holds no checkpoint"));
            GanTrainer t = GanTrainer.createFrom(target, run.config(), options, init, ShippedDemo.NAME, OPENER);
            t.setKeepCheckpoints(keep);
            return t;
        }, true, "could not start a run from the demo in " + target + ": ");
    }

    /**
     * Makes the trainer on a background thread (creating a run writes files and starts the engine,
     * which takes a moment the first time) and starts it on the UI thread.
     */
    private void launch(Callable<GanTrainer> make, boolean newRun, String failure) {
        state.setError("");
        state.setBusy(true);
        state.setMessage(newRun ? "preparing the run…" : "opening the run…");
        background.execute(() -> {
            try {
                GanTrainer t = make.call();
                ui.execute(() -> {
                    state.setBusy(false);
                    if (newRun) {
                        clearRun();
                    }
                    start(t);
                });
            } catch (Exception | Error e) {
                ui.execute(() -> {
                    state.setBusy(false);
                    state.setMessage("");
                    state.setError(failure + (e.getMessage() != null ? e.getMessage() : e.toString()));
                });
            }
        });
    }

    private void start(GanTrainer t) {
        // Batches of an earlier trainer may still be queued on the UI thread: drop them.
        TrainingFeed feed = new TrainingFeed(ui, b -> {
            if (trainer == t) {
                apply(b);
            }
        }, TrainingViewModel.UPDATE_INTERVAL_MS);
        t.addListener(feed);
        trainer = t;
        runWarning = "";
        TrainingOptions o = t.run().options();
        state.setRunDirectory(t.run().root());
        progress.setRun(o.maxSteps(), o.batchSize());
        state.setMessage("");
        state.setStopping(false);
        state.setState(TrainerState.STARTING);
        progress.update();
        scores.restart();
        t.start();
    }

    private void clearRun() {
        scores.clear();
        charts.clear();
        samples.clear();
        progress.clear();
        charts.changed();
    }

    private void open(Path dir, boolean thenContinue) {
        state.setBusy(true);
        state.setError("");
        int generation = ++openGeneration;
        background.execute(() -> {
            try {
                OpenedRun l = OpenedRun.read(dir);
                ui.execute(() -> {
                    if (generation == openGeneration) {
                        showLoaded(l, thenContinue);
                    }
                });
            } catch (IOException | RuntimeException e) {
                ui.execute(() -> {
                    state.setBusy(false);
                    state.setError("could not open run " + dir + ": " + e.getMessage());
                });
            }
        });
    }

    private void showLoaded(OpenedRun l, boolean thenContinue) {
        trainer = null;
        clearRun();
        scores.load(l.scores());
        state.setRunDirectory(l.run().root());
        TrainingOptions o = l.run().options();
        settings.load(l.run().config(), o, l.checkpointStep());
        progress.setRun(o.maxSteps() > l.checkpointStep() ? o.maxSteps() : 0, o.batchSize());
        for (StepMetrics m : l.rows()) {
            charts.add(m);
        }
        if (!l.rows().isEmpty()) {
            progress.show(l.rows().get(l.rows().size() - 1));
        }
        progress.setStep(l.checkpointStep());
        progress.update();
        charts.changed();
        samples.setSteps(l.samples());
        state.setState(TrainerState.NEW);
        state.setMessage("opened " + l.run().root() + " at step " + l.checkpointStep()
                + (l.checkpointStep() == 0 ? " (no checkpoint: continuing starts it from the beginning)" : ""));
        samples.selectNewest();
        state.setBusy(false); // last: listeners of busy see the whole run
        if (thenContinue) {
            continueRun();
        }
    }
}
