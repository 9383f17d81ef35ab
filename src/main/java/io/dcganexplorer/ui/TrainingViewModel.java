package io.dcganexplorer.ui;

import io.dcganexplorer.data.DatasetSpec;
import io.dcganexplorer.eval.ScoreLog;
import io.dcganexplorer.eval.Scorer;
import io.dcganexplorer.eval.TrainingScorer;
import io.dcganexplorer.image.Pixels;
import io.dcganexplorer.image.PngFiles;
import io.dcganexplorer.model.Engines;
import io.dcganexplorer.train.GanTrainer;
import io.dcganexplorer.train.RunDirectory;
import io.dcganexplorer.train.StepMetrics;
import io.dcganexplorer.train.TrainerState;
import io.dcganexplorer.train.TrainingOptions;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.Executor;
import java.util.function.UnaryOperator;
import io.dcganexplorer.model.DcganConfig;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The training half of the window, without a Node: commands (train, pause, resume or continue,
 * stop, open a run), the state they are allowed in, the bounded chart series, the status-bar
 * numbers and the fixed-noise grids of the run.
 *
 * <p>Threads: every method is called on the UI thread (the FX thread in the app, the test thread
 * in tests); the trainer reports through a {@link TrainingFeed} that delivers batches on the
 * {@code ui} executor; file reading (metrics.csv, sample PNGs, run waiting) runs on
 * {@code background}. Nothing here waits for training.
 */
public final class TrainingViewModel {
    /** Points kept per chart series. */
    public static final int CHART_POINTS = 1000;
    /** Least time between two UI updates from training. */
    public static final long UPDATE_INTERVAL_MS = 50;
    /** Chart channels in {@link #series()}. */
    public static final int LOSS_D = 0;
    public static final int LOSS_G = 1;
    public static final int D_REAL = 2;
    public static final int D_FAKE = 3;

    private static final int CACHED_GRIDS = 24;
    private static final Pattern SAMPLE_NAME = Pattern.compile("step-(\\d+)\\.png");
    private static final GanTrainer.DatasetOpener OPENER = (spec, size, ch, seed) -> DatasetSpec.parse(spec)
            .open(size, ch, seed);

    private final SettingsViewModel settings;
    private final Executor background;
    private final Executor ui;
    private final DownsampledSeries series = new DownsampledSeries(CHART_POINTS, 4);
    private final Map<Long, Pixels> grids = new LinkedHashMap<>(32, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Pixels> e) {
            return size() > CACHED_GRIDS;
        }
    };
    private GanTrainer trainer;
    /** Scores the current run's generator every "Score every" steps off the training and UI threads; null when off. */
    private TrainingScorer scorer;
    /** The run's scores by step (scores.csv and those computed while it trains). */
    private final List<ScoreLog.Row> scores = new ArrayList<>();
    private final ReadOnlyLongWrapper scoreVersion = new ReadOnlyLongWrapper(this, "scoreVersion");
    private final ReadOnlyStringWrapper scoreStatus = new ReadOnlyStringWrapper(this, "scoreStatus", "");
    /** The current run's warning, kept in the status line while nothing else is said there. */
    private String runWarning = "";
    private int openGeneration;
    /** True while the grid view shows the newest grid and should move on with new ones. */
    private boolean follow = true;

    // Properties
    private final ReadOnlyObjectWrapper<TrainerState> state = new ReadOnlyObjectWrapper<>(this, "state",
            TrainerState.NEW);
    private final ReadOnlyBooleanWrapper stopping = new ReadOnlyBooleanWrapper(this, "stopping");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", "");
    private final ReadOnlyObjectWrapper<Path> runDirectory = new ReadOnlyObjectWrapper<>(this, "runDirectory");
    private final ReadOnlyObjectWrapper<SafeIsaRestart> safeIsaRestart = new ReadOnlyObjectWrapper<>(this,
            "safeIsaRestart");
    private final ReadOnlyLongWrapper step = new ReadOnlyLongWrapper(this, "step");
    private final ReadOnlyLongWrapper epoch = new ReadOnlyLongWrapper(this, "epoch");
    private final ReadOnlyDoubleWrapper imagesPerSecond = new ReadOnlyDoubleWrapper(this, "imagesPerSecond");
    private final ReadOnlyDoubleWrapper elapsedSeconds = new ReadOnlyDoubleWrapper(this, "elapsedSeconds");
    private final ReadOnlyLongWrapper budget = new ReadOnlyLongWrapper(this, "budget");
    private final ReadOnlyIntegerWrapper batchSize = new ReadOnlyIntegerWrapper(this, "batchSize", 1);
    private final ReadOnlyLongWrapper seriesVersion = new ReadOnlyLongWrapper(this, "seriesVersion");
    private final DoubleProperty smoothing = new SimpleDoubleProperty(this, "smoothing", 0.6) {
        @Override
        public void set(double v) {
            super.set(Math.max(0, Math.min(Smoothing.MAX, v)));
        }
    };
    private final ObservableList<Long> sampleSteps = FXCollections.observableArrayList();
    private final ReadOnlyIntegerWrapper selectedSample = new ReadOnlyIntegerWrapper(this, "selectedSample", -1);
    private final ReadOnlyObjectWrapper<Pixels> shownSample = new ReadOnlyObjectWrapper<>(this, "shownSample");
    private final ReadOnlyLongWrapper shownSampleStep = new ReadOnlyLongWrapper(this, "shownSampleStep", -1);

    private final BooleanBinding active = Bindings.createBooleanBinding(
            () -> state.get() == TrainerState.STARTING || state.get() == TrainerState.RUNNING
                    || state.get() == TrainerState.PAUSED, state);
    private final BooleanBinding canTrain;
    private final BooleanBinding canPause = Bindings.createBooleanBinding(
            () -> state.get() == TrainerState.RUNNING && !stopping.get(), state, stopping);
    private final BooleanBinding canResume;
    private final BooleanBinding canStop = Bindings.createBooleanBinding(
            () -> active.get() && !stopping.get(), active, stopping);
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(this, "progress", -1);
    private final ReadOnlyStringWrapper eta = new ReadOnlyStringWrapper(this, "eta", "–");

    public TrainingViewModel(SettingsViewModel settings, Executor background, Executor ui) {
        this.settings = Objects.requireNonNull(settings);
        this.background = Objects.requireNonNull(background);
        this.ui = Objects.requireNonNull(ui);
        canTrain = Bindings.createBooleanBinding(() -> !active.get() && !busy.get() && settings.validProperty().get(),
                active, busy, settings.validProperty());
        canResume = Bindings.createBooleanBinding(
                () -> !stopping.get() && (state.get() == TrainerState.PAUSED
                        || !active.get() && !busy.get() && runDirectory.get() != null
                                && settings.resumableValidProperty().get()),
                state, stopping, active, busy, runDirectory, settings.resumableValidProperty());
        smoothing.addListener((obs, o, n) -> seriesVersion.set(seriesVersion.get() + 1));
        settings.scoreEvery.textProperty().addListener((obs, o, n) -> updateScorer());
    }

    public SettingsViewModel settings() {
        return settings;
    }

    // Properties

    /** NEW while no run is training (idle), then the trainer's state. */
    public ReadOnlyObjectProperty<TrainerState> stateProperty() {
        return state.getReadOnlyProperty();
    }

    /** True from a stop request until the trainer has finished writing its checkpoint. */
    public ReadOnlyBooleanProperty stoppingProperty() {
        return stopping.getReadOnlyProperty();
    }

    /** True while a run is being opened from disk. */
    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    /**
     * What the trainer last said: "finished 200 steps", "stopped at step 37", ..., or while it
     * trains, its warning ("warning: the dataset ... has 41 images, fewer than the batch ...").
     */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    /**
     * A run that could not train because its networks are wrong at the default instruction set in
     * every formulation here: the window offers to restart capped with it open. Null otherwise.
     *
     * @param runDir the run to reopen and train
     * @param why the check's finding, to show
     */
    public record SafeIsaRestart(Path runDir, String why) {}

    /** Set when a run needs the app restarted at the safe instruction set ({@link SafeIsaRestart}). */
    public ReadOnlyObjectProperty<SafeIsaRestart> safeIsaRestartProperty() {
        return safeIsaRestart.getReadOnlyProperty();
    }

    /** The error to show in the window; empty when there is none. */
    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    /** The run being trained or last opened; null before the first. */
    public ReadOnlyObjectProperty<Path> runDirectoryProperty() {
        return runDirectory.getReadOnlyProperty();
    }

    public ReadOnlyLongProperty stepProperty() {
        return step.getReadOnlyProperty();
    }

    public ReadOnlyLongProperty epochProperty() {
        return epoch.getReadOnlyProperty();
    }

    public ReadOnlyDoubleProperty imagesPerSecondProperty() {
        return imagesPerSecond.getReadOnlyProperty();
    }

    /** Training time of the run, across resumes. */
    public ReadOnlyDoubleProperty elapsedSecondsProperty() {
        return elapsedSeconds.getReadOnlyProperty();
    }

    /** Step budget of the current run, 0 for none. */
    public ReadOnlyLongProperty budgetProperty() {
        return budget.getReadOnlyProperty();
    }

    /** Fraction of the budget done, -1 without a budget. */
    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty etaProperty() {
        return eta.getReadOnlyProperty();
    }

    /** Changes whenever the chart series or the smoothing changed: the view redraws then. */
    public ReadOnlyLongProperty seriesVersionProperty() {
        return seriesVersion.getReadOnlyProperty();
    }

    /** EMA weight of the chart lines, 0 (raw) to 0.99. */
    public DoubleProperty smoothingProperty() {
        return smoothing;
    }

    /** Steps of the run's fixed-noise grids, oldest first. */
    public ObservableList<Long> sampleSteps() {
        return FXCollections.unmodifiableObservableList(sampleSteps);
    }

    public ReadOnlyIntegerProperty selectedSampleProperty() {
        return selectedSample.getReadOnlyProperty();
    }

    /** The grid on screen (the newest while following, or one looked back at). */
    public ReadOnlyObjectProperty<Pixels> shownSampleProperty() {
        return shownSample.getReadOnlyProperty();
    }

    public ReadOnlyLongProperty shownSampleStepProperty() {
        return shownSampleStep.getReadOnlyProperty();
    }

    public BooleanBinding activeProperty() {
        return active;
    }

    public BooleanBinding canTrainProperty() {
        return canTrain;
    }

    public BooleanBinding canPauseProperty() {
        return canPause;
    }

    /** Resume a paused run, or continue the stopped, finished or opened one from its checkpoint. */
    public BooleanBinding canResumeProperty() {
        return canResume;
    }

    public BooleanBinding canStopProperty() {
        return canStop;
    }

    /** The run's sample-quality scores, by step; read on the UI thread only. */
    public List<ScoreLog.Row> scores() {
        return Collections.unmodifiableList(scores);
    }

    /** Changes whenever {@link #scores()} does. */
    public ReadOnlyLongProperty scoreVersionProperty() {
        return scoreVersion.getReadOnlyProperty();
    }

    /** What scoring during training is doing ("training the score's classifier: 35%…", "FD 41.2 at step 500"). */
    public ReadOnlyStringProperty scoreStatusProperty() {
        return scoreStatus.getReadOnlyProperty();
    }

    /** The chart data; read on the UI thread only. */
    public DownsampledSeries series() {
        return series;
    }

    /** One chart channel with the current smoothing applied. */
    public double[] smoothed(int channel) {
        return Smoothing.ema(series.channel(channel), smoothing.get());
    }

    /** The trainer of the current run, for tests and the close dialog; null before the first. */
    public GanTrainer trainer() {
        return trainer;
    }

    // Commands

    /** Starts a new run in a fresh folder under the runs folder with the settings shown. */
    public void train() {
        train(null);
    }

    /** Starts a new run in {@code dir}, or in a fresh folder under the runs folder when null. */
    public void train(Path dir) {
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

    public void pause() {
        if (canPause.get()) {
            trainer.pause();
        }
    }

    /** Resumes a paused trainer, or continues the current run from its newest checkpoint. */
    public void resume() {
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

    /** Asks the trainer to stop after the current step; it writes a checkpoint. Returns at once. */
    public void stop() {
        if (canStop.get()) {
            stopping.set(true);
            trainer.stop();
        }
    }

    /**
     * For closing the window: stops training if it runs, waits for the trainer (and its
     * checkpoint) on a background thread, then runs {@code then} on the UI thread.
     */
    public void stopThen(Runnable then) {
        GanTrainer t = trainer;
        if (t == null || !active.get()) {
            then.run();
            return;
        }
        stop();
        background.execute(() -> {
            try {
                t.await(10, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            ui.execute(then);
        });
    }

    /** Shows a run from disk (settings, charts, grids) so it can be continued with resume. */
    public void openRun(Path dir) {
        if (active.get() || busy.get()) {
            return;
        }
        open(dir, false);
    }

    /** Clears the error message (the banner's close button). */
    public void dismissError() {
        error.set("");
    }

    /** Shows an error that arose elsewhere in the window (e.g. a file chooser). */
    public void reportError(String text) {
        error.set(text);
    }

    /** Shows grid {@code index} of {@link #sampleSteps()}; the last one follows new grids. */
    public void selectSample(int index) {
        if (index < 0 || index >= sampleSteps.size()) {
            return;
        }
        selectedSample.set(index);
        follow = index == sampleSteps.size() - 1;
        long s = sampleSteps.get(index);
        Pixels p = grids.get(s);
        if (p != null) {
            show(s, p);
            return;
        }
        Path file = sampleFile(s);
        if (file == null) {
            return;
        }
        background.execute(() -> {
            try {
                Pixels read = PngFiles.read(file);
                ui.execute(() -> {
                    grids.put(s, read);
                    if (selectedSample.get() >= 0 && selectedSample.get() < sampleSteps.size()
                            && sampleSteps.get(selectedSample.get()) == s) {
                        show(s, read);
                    }
                });
            } catch (IOException | RuntimeException e) {
                ui.execute(() -> error.set("could not read sample grid " + file + ": " + e.getMessage()));
            }
        });
    }

    /** "step 120: Loss_D 1.234  Loss_G 0.987  D(x) 0.61  D(G(z)) 0.32" for the point nearest {@code x}. */
    public String describeNear(double x) {
        int n = series.size();
        if (n == 0) {
            return "";
        }
        int best = 0;
        int lo = 0;
        int hi = n - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (series.step(mid) < x) {
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        best = Math.min(n - 1, lo);
        if (best > 0 && Math.abs(series.step(best - 1) - x) <= Math.abs(series.step(best) - x)) {
            best--;
        }
        return String.format(Locale.ROOT, "step %d:  Loss_D %.3f  Loss_G %.3f  D(x) %.3f  D(G(z)) %.3f%s",
                series.step(best), series.value(LOSS_D, best), series.value(LOSS_G, best),
                series.value(D_REAL, best), series.value(D_FAKE, best),
                series.bucketSize() > 1 ? "  (mean of " + series.bucketSize() + " steps)" : "");
    }

    // Internals

    private void start(GanTrainer t) {
        TrainingFeed feed = new TrainingFeed(ui, b -> {
            if (trainer == t) {
                apply(b);
            }
        }, UPDATE_INTERVAL_MS);
        t.addListener(feed);
        trainer = t;
        runWarning = "";
        TrainingOptions o = t.run().options();
        runDirectory.set(t.run().root());
        budget.set(o.maxSteps());
        batchSize.set(o.batchSize());
        message.set("");
        stopping.set(false);
        state.set(TrainerState.STARTING);
        updateProgress();
        if (scorer != null) {
            scorer.close();
            scorer = null;
        }
        updateScorer();
        t.start();
    }

    /**
     * Starts scoring the current trainer when "Score every" is above 0, or passes a changed
     * interval to its scorer (the setting may change while training runs).
     */
    private void updateScorer() {
        GanTrainer t = trainer;
        int every = settings.scoreEvery.isValid() ? settings.scoreEvery.value() : 0;
        if (scorer != null) {
            scorer.setEvery(every);
            return;
        }
        if (t == null || every <= 0 || !active.get()) {
            return;
        }
        try {
            RunDirectory run = t.run();
            TrainingScorer s = new TrainingScorer(run.root(), DatasetSpec.parse(run.options().dataset()), run.config(),
                    run.options().seed(), every, TrainingScorer.COUNT, Scorer.defaultCacheRoot(), Scorer.Options.DEFAULT,
                    new TrainingScorer.Events() {
                        @Override
                        public void status(String text) {
                            ui.execute(() -> {
                                if (trainer == t) {
                                    scoreStatus.set(text);
                                }
                            });
                        }

                        @Override
                        public void scored(ScoreLog.Row row) {
                            ui.execute(() -> {
                                if (trainer == t) {
                                    addScore(row);
                                }
                            });
                        }

                        @Override
                        public void failed(String text) {
                            status(text);
                        }
                    });
            scorer = s;
            t.addListener(s);
        } catch (IllegalArgumentException e) {
            scoreStatus.set("scoring is off: " + e.getMessage());
        }
    }

    private void addScore(ScoreLog.Row row) {
        scores.removeIf(r -> r.step() == row.step());
        int i = 0;
        while (i < scores.size() && scores.get(i).step() < row.step()) {
            i++;
        }
        scores.add(i, row);
        scoreVersion.set(scoreVersion.get() + 1);
    }

    private void clearRun() {
        scores.clear();
        scoreStatus.set("");
        scoreVersion.set(scoreVersion.get() + 1);
        series.clear();
        grids.clear();
        sampleSteps.clear();
        selectedSample.set(-1);
        follow = true;
        shownSample.set(null);
        shownSampleStep.set(-1);
        step.set(0);
        epoch.set(0);
        imagesPerSecond.set(0);
        elapsedSeconds.set(0);
        seriesVersion.set(seriesVersion.get() + 1);
    }

    /** Applies one batch of training events; runs on the UI thread. */
    void apply(TrainingFeed.Batch b) {
        StepMetrics last = null;
        for (TrainingFeed.Event e : b.events()) {
            if (e instanceof TrainingFeed.Step s) {
                StepMetrics m = s.metrics();
                series.add(m.step(), m.lossD(), m.lossG(), m.dReal(), m.dFakeBefore());
                last = m;
            } else if (e instanceof TrainingFeed.SamplesWritten w) {
                addSampleStep(w.step());
            } else if (e instanceof TrainingFeed.Warning w) {
                runWarning = "warning: " + w.message();
                message.set(runWarning);
                if (trainer != null) {
                    batchSize.set(trainer.run().options().batchSize()); // the warning may be of a smaller batch
                }
                updateProgress();
            } else if (e instanceof TrainingFeed.StateChanged c) {
                state.set(c.state());
                message.set(c.message().isEmpty() ? runWarning : c.message());
                if (c.state() == TrainerState.FAILED) {
                    error.set(c.message());
                    if (trainer != null && trainer.safeIsaNeeded().isPresent()) {
                        safeIsaRestart.set(new SafeIsaRestart(trainer.run().root(), c.message()));
                    }
                }
                if (c.state().isTerminal()) {
                    stopping.set(false);
                }
            }
        }
        if (last != null) {
            showMetrics(last);
            seriesVersion.set(seriesVersion.get() + 1);
        }
        TrainingFeed.Grid g = b.newestGrid();
        if (g != null) {
            grids.put(g.step(), g.pixels());
            addSampleStep(g.step());
            if (follow) {
                selectedSample.set(sampleSteps.size() - 1);
                show(g.step(), g.pixels());
            }
        }
    }

    private void showMetrics(StepMetrics m) {
        step.set(m.step());
        epoch.set(m.epoch());
        imagesPerSecond.set(m.imagesPerSecond());
        elapsedSeconds.set(m.wallSeconds());
        updateProgress();
    }

    private void updateProgress() {
        progress.set(Eta.fraction(step.get(), budget.get()));
        eta.set(Eta.format(Eta.secondsLeft(step.get(), budget.get(), imagesPerSecond.get(), batchSize.get())));
    }

    private void addSampleStep(long s) {
        int i = Collections.binarySearch(sampleSteps, s);
        if (i < 0) {
            sampleSteps.add(-i - 1, s);
        }
    }

    private void show(long s, Pixels p) {
        shownSample.set(p);
        shownSampleStep.set(s);
    }

    private Path sampleFile(long s) {
        Path dir = runDirectory.get();
        return dir == null ? null : dir.resolve("samples").resolve(String.format(Locale.ROOT, "step-%06d.png", s));
    }

    /** What a run directory holds, read off the UI thread. */
    private record Loaded(RunDirectory run, List<StepMetrics> rows, List<Long> samples, long checkpointStep,
            List<ScoreLog.Row> scores) {}

    private void open(Path dir, boolean thenContinue) {
        busy.set(true);
        error.set("");
        int generation = ++openGeneration;
        background.execute(() -> {
            try {
                RunDirectory run = RunDirectory.open(dir);
                long cp = run.latestCheckpoint().map(p -> stepOf(p.getFileName().toString(), "step-(\\d+)"))
                        .orElse(0L);
                List<StepMetrics> rows = new ArrayList<>();
                for (StepMetrics m : run.readMetrics()) {
                    if (m.step() <= cp) {
                        rows.add(m); // later rows are trained again when the run continues
                    }
                }
                List<Long> samples = new ArrayList<>();
                for (Path p : run.samples()) {
                    long s = stepOf(p.getFileName().toString(), SAMPLE_NAME.pattern());
                    if (s >= 0) {
                        samples.add(s);
                    }
                }
                List<ScoreLog.Row> scoreRows = new ArrayList<>();
                for (ScoreLog.Row r : ScoreLog.read(dir)) {
                    if (r.step() <= cp) {
                        scoreRows.add(r); // as the metrics: later steps are trained again
                    }
                }
                Loaded l = new Loaded(run, rows, samples, cp, scoreRows);
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

    private static long stepOf(String name, String regex) {
        Matcher m = Pattern.compile(regex).matcher(name);
        return m.matches() ? Long.parseLong(m.group(1)) : -1;
    }

    private void showLoaded(Loaded l, boolean thenContinue) {
        trainer = null;
        clearRun();
        scores.addAll(l.scores());
        scoreVersion.set(scoreVersion.get() + 1);
        runDirectory.set(l.run().root());
        TrainingOptions o = l.run().options();
        settings.load(l.run().config(), o, l.checkpointStep());
        budget.set(o.maxSteps() > l.checkpointStep() ? o.maxSteps() : 0);
        batchSize.set(o.batchSize());
        for (StepMetrics m : l.rows()) {
            series.add(m.step(), m.lossD(), m.lossG(), m.dReal(), m.dFakeBefore());
        }
        if (!l.rows().isEmpty()) {
            showMetrics(l.rows().get(l.rows().size() - 1));
        }
        step.set(l.checkpointStep());
        updateProgress();
        seriesVersion.set(seriesVersion.get() + 1);
        sampleSteps.setAll(l.samples());
        state.set(TrainerState.NEW);
        message.set("opened " + l.run().root() + " at step " + l.checkpointStep()
                + (l.checkpointStep() == 0 ? " (no checkpoint: continuing starts it from the beginning)" : ""));
        if (!sampleSteps.isEmpty()) {
            selectSample(sampleSteps.size() - 1);
        }
        busy.set(false); // last: listeners of busy see the whole run
        if (thenContinue) {
            continueRun();
        }
    }
}
