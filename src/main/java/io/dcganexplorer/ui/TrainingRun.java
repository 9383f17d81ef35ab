package io.dcganexplorer.ui;

import io.dcganexplorer.data.DatasetSpec;
import io.dcganexplorer.model.DcganConfig;
import io.dcganexplorer.model.Engines;
import io.dcganexplorer.train.GanTrainer;
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
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * The run's commands and state: train, pause, resume or continue, stop, open a run; the trainer's
 * state and which commands it allows; the message, the error and the safe-ISA restart offer. It
 * drives the other parts of {@link TrainingViewModel} (progress, charts, grids, scores), which it
 * creates, because a run that starts or opens replaces what all of them show.
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
    private final TrainingProgress progress = new TrainingProgress();
    private final TrainingCharts charts = new TrainingCharts();
    private final SampleHistory samples;
    private final TrainingScores scores;
    private GanTrainer trainer;
    /** The current run's warning, kept in the status line while nothing else is said there. */
    private String runWarning = "";
    /** Counts opens, so that only the newest one's result is shown. */
    private int openGeneration;

    private final ReadOnlyObjectWrapper<TrainerState> state = new ReadOnlyObjectWrapper<>(this, "state",
            TrainerState.NEW);
    private final ReadOnlyBooleanWrapper stopping = new ReadOnlyBooleanWrapper(this, "stopping");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", "");
    private final ReadOnlyObjectWrapper<Path> runDirectory = new ReadOnlyObjectWrapper<>(this, "runDirectory");
    private final ReadOnlyObjectWrapper<TrainingViewModel.SafeIsaRestart> safeIsaRestart =
            new ReadOnlyObjectWrapper<>(this, "safeIsaRestart");

    private final BooleanBinding active = Bindings.createBooleanBinding(
            () -> state.get() == TrainerState.STARTING || state.get() == TrainerState.RUNNING
                    || state.get() == TrainerState.PAUSED, state);
    private final BooleanBinding canTrain;
    private final BooleanBinding canPause = Bindings.createBooleanBinding(
            () -> state.get() == TrainerState.RUNNING && !stopping.get(), state, stopping);
    private final BooleanBinding canResume;
    private final BooleanBinding canStop = Bindings.createBooleanBinding(
            () -> active.get() && !stopping.get(), active, stopping);

    TrainingRun(SettingsViewModel settings, Executor background, Executor ui) {
        this.settings = Objects.requireNonNull(settings);
        this.background = Objects.requireNonNull(background);
        this.ui = Objects.requireNonNull(ui);
        samples = new SampleHistory(background, ui, runDirectory::get, error::set);
        scores = new TrainingScores(settings, ui, () -> trainer, active::get);
        canTrain = Bindings.createBooleanBinding(() -> !active.get() && !busy.get() && settings.validProperty().get(),
                active, busy, settings.validProperty());
        canResume = Bindings.createBooleanBinding(
                () -> !stopping.get() && (state.get() == TrainerState.PAUSED
                        || !active.get() && !busy.get() && runDirectory.get() != null
                                && settings.resumableValidProperty().get()),
                state, stopping, active, busy, runDirectory, settings.resumableValidProperty());
    }

    // Parts

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

    // Properties

    ReadOnlyObjectProperty<TrainerState> stateProperty() {
        return state.getReadOnlyProperty();
    }

    ReadOnlyBooleanProperty stoppingProperty() {
        return stopping.getReadOnlyProperty();
    }

    ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    ReadOnlyObjectProperty<Path> runDirectoryProperty() {
        return runDirectory.getReadOnlyProperty();
    }

    ReadOnlyObjectProperty<TrainingViewModel.SafeIsaRestart> safeIsaRestartProperty() {
        return safeIsaRestart.getReadOnlyProperty();
    }

    GanTrainer trainer() {
        return trainer;
    }

    BooleanBinding activeProperty() {
        return active;
    }

    BooleanBinding canTrainProperty() {
        return canTrain;
    }

    BooleanBinding canPauseProperty() {
        return canPause;
    }

    BooleanBinding canResumeProperty() {
        return canResume;
    }

    BooleanBinding canStopProperty() {
        return canStop;
    }

    // Commands

    void train(Path dir) {
        if (!canTrain.get()) {
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
            error.set("could not start training: " + e.getMessage());
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
        if (canPause.get()) {
            trainer.pause();
        }
    }

    void resume() {
        if (!canResume.get()) {
            return;
        }
        if (state.get() == TrainerState.PAUSED) {
            trainer.resume();
            return;
        }
        if (state.get() == TrainerState.FAILED && trainer != null) {
            // The series holds steps after the last checkpoint; reload what the resume keeps.
            open(runDirectory.get(), true);
            return;
        }
        continueRun();
    }

    void stop() {
        if (canStop.get()) {
            stopping.set(true);
            trainer.stop();
        }
    }

    void stopThen(Runnable then) {
        GanTrainer t = trainer;
        if (t == null || !active.get()) {
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
        if (active.get() || busy.get()) {
            return;
        }
        open(dir, false);
    }

    void dismissError() {
        error.set("");
    }

    void reportError(String text) {
        error.set(text);
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
                message.set(runWarning);
                if (trainer != null) {
                    progress.setBatchSize(trainer.run().options().batchSize()); // the warning may be of a smaller batch
                }
                progress.update();
            } else if (e instanceof TrainingFeed.StateChanged c) {
                state.set(c.state());
                message.set(c.message().isEmpty() ? runWarning : c.message());
                if (c.state() == TrainerState.FAILED) {
                    error.set(c.message());
                    if (trainer != null && trainer.safeIsaNeeded().isPresent()) {
                        safeIsaRestart.set(new TrainingViewModel.SafeIsaRestart(trainer.run().root(), c.message()));
                    }
                }
                if (c.state().isTerminal()) {
                    stopping.set(false);
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
        Path dir = runDirectory.get();
        UnaryOperator<TrainingOptions> changes;
        int threads;
        int keep;
        try {
            changes = settings.resumeChanges();
            threads = settings.threads.value();
            keep = settings.keepCheckpoints.value();
        } catch (IllegalArgumentException e) {
            error.set("could not continue " + dir + ": " + e.getMessage());
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
     * Makes the trainer on a background thread (creating a run writes files and starts the engine,
     * which takes a moment the first time) and starts it on the UI thread.
     */
    private void launch(Callable<GanTrainer> make, boolean newRun, String failure) {
        error.set("");
        busy.set(true);
        message.set(newRun ? "preparing the run…" : "opening the run…");
        background.execute(() -> {
            try {
                GanTrainer t = make.call();
                ui.execute(() -> {
                    busy.set(false);
                    if (newRun) {
                        clearRun();
                    }
                    start(t);
                });
            } catch (Exception | Error e) {
                ui.execute(() -> {
                    busy.set(false);
                    message.set("");
                    error.set(failure + (e.getMessage() != null ? e.getMessage() : e.toString()));
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
        runDirectory.set(t.run().root());
        progress.setRun(o.maxSteps(), o.batchSize());
        message.set("");
        stopping.set(false);
        state.set(TrainerState.STARTING);
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
        busy.set(true);
        error.set("");
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
                    busy.set(false);
                    error.set("could not open run " + dir + ": " + e.getMessage());
                });
            }
        });
    }

    private void showLoaded(OpenedRun l, boolean thenContinue) {
        trainer = null;
        clearRun();
        scores.load(l.scores());
        runDirectory.set(l.run().root());
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
        state.set(TrainerState.NEW);
        message.set("opened " + l.run().root() + " at step " + l.checkpointStep()
                + (l.checkpointStep() == 0 ? " (no checkpoint: continuing starts it from the beginning)" : ""));
        samples.selectNewest();
        busy.set(false); // last: listeners of busy see the whole run
        if (thenContinue) {
            continueRun();
        }
    }
}
