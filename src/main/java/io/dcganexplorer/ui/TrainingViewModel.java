package io.dcganexplorer.ui;

import io.dcganexplorer.eval.ScoreLog;
import io.dcganexplorer.image.Pixels;
import io.dcganexplorer.train.GanTrainer;
import io.dcganexplorer.train.TrainerState;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.collections.ObservableList;

/**
 * The training half of the window, without a Node: commands (train, pause, resume or continue,
 * stop, open a run), the state they are allowed in, the bounded chart series, the status-bar
 * numbers and the fixed-noise grids of the run.
 *
 * <p>It is the one face the views see, composed of small named parts that each fit in a head:
 * {@link TrainingRun} (the commands, which drive the others), {@link RunState} (where the run
 * stands and which commands that allows), {@link TrainingProgress} (status-bar numbers and time
 * left), {@link TrainingCharts} (chart series, smoothing, hover text), {@link SampleHistory} (the
 * grids by step) and {@link TrainingScores} (the score chart). Every public method here hands
 * over to one of them.
 *
 * <p>Threads: every method is called on the UI thread (the FX thread in the app, the test thread
 * in tests); the trainer reports through a {@link TrainingFeed} that delivers batches on the
 * {@code ui} executor; file reading (metrics.csv, sample PNGs, run waiting) runs on
 * {@code background}. Nothing here waits for training, and no NDArray reaches the UI thread.
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

    private final SettingsViewModel settings;
    private final TrainingRun run;
    private final RunState state;
    private final TrainingProgress progress;
    private final TrainingCharts charts;
    private final SampleHistory samples;
    private final TrainingScores scores;

    /**
     * @param settings the settings a new run is made with, and that an opened run fills in
     * @param background where trainers are made and files read
     * @param ui the UI thread, where results come back
     */
    public TrainingViewModel(SettingsViewModel settings, Executor background, Executor ui) {
        this.settings = Objects.requireNonNull(settings);
        run = new TrainingRun(settings, background, ui);
        state = run.state();
        progress = run.progress();
        charts = run.charts();
        samples = run.samples();
        scores = run.scores();
    }

    /** The settings the next run is made with. */
    public SettingsViewModel settings() {
        return settings;
    }

    /**
     * A run that could not train because its networks are wrong at the default instruction set in
     * every formulation here: the window offers to restart capped with it open. Null otherwise.
     *
     * @param runDir the run to reopen and train
     * @param why the check's finding, to show
     */
    public record SafeIsaRestart(Path runDir, String why) {}

    // Properties: the run

    /** NEW while no run is training (idle), then the trainer's state. */
    public ReadOnlyObjectProperty<TrainerState> stateProperty() {
        return state.stateProperty();
    }

    /** True from a stop request until the trainer has finished writing its checkpoint. */
    public ReadOnlyBooleanProperty stoppingProperty() {
        return state.stoppingProperty();
    }

    /** True while a run is being opened from disk. */
    public ReadOnlyBooleanProperty busyProperty() {
        return state.busyProperty();
    }

    /**
     * What the trainer last said: "finished 200 steps", "stopped at step 37", ..., or while it
     * trains, its warning ("warning: the dataset ... has 41 images, fewer than the batch ...").
     */
    public ReadOnlyStringProperty messageProperty() {
        return state.messageProperty();
    }

    /** Set when a run needs the app restarted at the safe instruction set ({@link SafeIsaRestart}). */
    public ReadOnlyObjectProperty<SafeIsaRestart> safeIsaRestartProperty() {
        return state.safeIsaRestartProperty();
    }

    /** The error to show in the window; empty when there is none. */
    public ReadOnlyStringProperty errorProperty() {
        return state.errorProperty();
    }

    /** The run being trained or last opened; null before the first. */
    public ReadOnlyObjectProperty<Path> runDirectoryProperty() {
        return state.runDirectoryProperty();
    }

    /** True while a trainer is starting, running or paused. */
    public BooleanBinding activeProperty() {
        return state.activeProperty();
    }

    /** A new run can start: none is active or opening, and the settings are valid. */
    public BooleanBinding canTrainProperty() {
        return state.canTrainProperty();
    }

    /** The trainer is running and not stopping. */
    public BooleanBinding canPauseProperty() {
        return state.canPauseProperty();
    }

    /** Resume a paused run, or continue the stopped, finished or opened one from its checkpoint. */
    public BooleanBinding canResumeProperty() {
        return state.canResumeProperty();
    }

    /** A run is active and not already stopping. */
    public BooleanBinding canStopProperty() {
        return state.canStopProperty();
    }

    /** The trainer of the current run, for tests and the close dialog; null before the first. */
    public GanTrainer trainer() {
        return run.trainer();
    }

    // Properties: progress

    /** The newest step trained, or the checkpoint's step of an opened run. */
    public ReadOnlyLongProperty stepProperty() {
        return progress.stepProperty();
    }

    /** The epoch of the newest step. */
    public ReadOnlyLongProperty epochProperty() {
        return progress.epochProperty();
    }

    /** Training speed of the newest step. */
    public ReadOnlyDoubleProperty imagesPerSecondProperty() {
        return progress.imagesPerSecondProperty();
    }

    /** Training time of the run, across resumes. */
    public ReadOnlyDoubleProperty elapsedSecondsProperty() {
        return progress.elapsedSecondsProperty();
    }

    /** Step budget of the current run, 0 for none. */
    public ReadOnlyLongProperty budgetProperty() {
        return progress.budgetProperty();
    }

    /** Fraction of the budget done, -1 without a budget. */
    public ReadOnlyDoubleProperty progressProperty() {
        return progress.progressProperty();
    }

    /** Time left to the budget, as {@link Eta#format}; "–" when unknown. */
    public ReadOnlyStringProperty etaProperty() {
        return progress.etaProperty();
    }

    // Properties: charts

    /** Changes whenever the chart series or the smoothing changed: the view redraws then. */
    public ReadOnlyLongProperty seriesVersionProperty() {
        return charts.seriesVersionProperty();
    }

    /** EMA weight of the chart lines, 0 (raw) to 0.99. */
    public DoubleProperty smoothingProperty() {
        return charts.smoothingProperty();
    }

    /** The chart data; read on the UI thread only. */
    public DownsampledSeries series() {
        return charts.series();
    }

    /** One chart channel with the current smoothing applied. */
    public double[] smoothed(int channel) {
        return charts.smoothed(channel);
    }

    /** "step 120: Loss_D 1.234  Loss_G 0.987  D(x) 0.61  D(G(z)) 0.32" for the point nearest {@code x}. */
    public String describeNear(double x) {
        return charts.describeNear(x);
    }

    // Properties: sample grids

    /** Steps of the run's fixed-noise grids, oldest first. */
    public ObservableList<Long> sampleSteps() {
        return samples.sampleSteps();
    }

    /** Index in {@link #sampleSteps()} of the grid selected; -1 for none. */
    public ReadOnlyIntegerProperty selectedSampleProperty() {
        return samples.selectedSampleProperty();
    }

    /** The grid on screen (the newest while following, or one looked back at). */
    public ReadOnlyObjectProperty<Pixels> shownSampleProperty() {
        return samples.shownSampleProperty();
    }

    /** Step of the grid on screen; -1 for none. */
    public ReadOnlyLongProperty shownSampleStepProperty() {
        return samples.shownSampleStepProperty();
    }

    // Properties: scores

    /** The run's sample-quality scores, by step; read on the UI thread only. */
    public List<ScoreLog.Row> scores() {
        return scores.scores();
    }

    /** Changes whenever {@link #scores()} does. */
    public ReadOnlyLongProperty scoreVersionProperty() {
        return scores.scoreVersionProperty();
    }

    /** What scoring during training is doing ("training the score's classifier: 35%…", "FD 41.2 at step 500"). */
    public ReadOnlyStringProperty scoreStatusProperty() {
        return scores.scoreStatusProperty();
    }

    // Commands

    /** Starts a new run in a fresh folder under the runs folder with the settings shown. */
    public void train() {
        run.train(null);
    }

    /** Starts a new run in {@code dir}, or in a fresh folder under the runs folder when null. */
    public void train(Path dir) {
        run.train(dir);
    }

    /** Pauses the running trainer after its current step. */
    public void pause() {
        run.pause();
    }

    /** Resumes a paused trainer, or continues the current run from its newest checkpoint. */
    public void resume() {
        run.resume();
    }

    /** Asks the trainer to stop after the current step; it writes a checkpoint. Returns at once. */
    public void stop() {
        run.stop();
    }

    /**
     * For closing the window: stops training if it runs, waits for the trainer (and its
     * checkpoint) on a background thread, then runs {@code then} on the UI thread.
     */
    public void stopThen(Runnable then) {
        run.stopThen(then);
    }

    /** Shows a run from disk (settings, charts, grids) so it can be continued with resume. */
    public void openRun(Path dir) {
        run.openRun(dir);
    }

    /** Opens the demo model the app ships, read-only; Continue then trains a new run from it. */
    public void openDemo() {
        run.openDemo();
    }

    /** Clears the error message (the banner's close button). */
    public void dismissError() {
        state.setError("");
    }

    /** Shows an error that arose elsewhere in the window (e.g. a file chooser). */
    public void reportError(String text) {
        state.setError(text);
    }

    /** Shows grid {@code index} of {@link #sampleSteps()}; the last one follows new grids. */
    public void selectSample(int index) {
        samples.select(index);
    }

    /** Applies one batch of training events; runs on the UI thread. Package-private for tests. */
    void apply(TrainingFeed.Batch b) {
        run.apply(b);
    }
}
