package io.dcganexplorer.ui;

import io.dcganexplorer.train.StepMetrics;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * The status bar's numbers of the current run: step, epoch, speed, time trained, the step budget,
 * and the fraction done and time left derived from them. A part of {@link TrainingViewModel};
 * used on the UI thread only.
 */
final class TrainingProgress {
    private final ReadOnlyLongWrapper step = new ReadOnlyLongWrapper(this, "step");
    private final ReadOnlyLongWrapper epoch = new ReadOnlyLongWrapper(this, "epoch");
    private final ReadOnlyDoubleWrapper imagesPerSecond = new ReadOnlyDoubleWrapper(this, "imagesPerSecond");
    private final ReadOnlyDoubleWrapper elapsedSeconds = new ReadOnlyDoubleWrapper(this, "elapsedSeconds");
    private final ReadOnlyLongWrapper budget = new ReadOnlyLongWrapper(this, "budget");
    /** Images a step: the time left is counted in images, the speed is measured in them. */
    private final ReadOnlyIntegerWrapper batchSize = new ReadOnlyIntegerWrapper(this, "batchSize", 1);
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(this, "progress", -1);
    private final ReadOnlyStringWrapper eta = new ReadOnlyStringWrapper(this, "eta", "–");

    // Properties

    ReadOnlyLongProperty stepProperty() {
        return step.getReadOnlyProperty();
    }

    ReadOnlyLongProperty epochProperty() {
        return epoch.getReadOnlyProperty();
    }

    ReadOnlyDoubleProperty imagesPerSecondProperty() {
        return imagesPerSecond.getReadOnlyProperty();
    }

    ReadOnlyDoubleProperty elapsedSecondsProperty() {
        return elapsedSeconds.getReadOnlyProperty();
    }

    ReadOnlyLongProperty budgetProperty() {
        return budget.getReadOnlyProperty();
    }

    ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    ReadOnlyStringProperty etaProperty() {
        return eta.getReadOnlyProperty();
    }

    // Commands

    /** Takes the budget and batch of a run being started or opened; the caller updates the time left. */
    void setRun(long maxSteps, int batch) {
        budget.set(maxSteps);
        batchSize.set(batch);
    }

    /** A smaller batch than asked for (the dataset had fewer images); the caller updates the time left. */
    void setBatchSize(int batch) {
        batchSize.set(batch);
    }

    /** Sets the step without new metrics: an opened run stands at its checkpoint, not its last row. */
    void setStep(long s) {
        step.set(s);
    }

    /** Shows the numbers of the newest step. */
    void show(StepMetrics m) {
        step.set(m.step());
        epoch.set(m.epoch());
        imagesPerSecond.set(m.imagesPerSecond());
        elapsedSeconds.set(m.wallSeconds());
        update();
    }

    /**
     * Zeroes the run's counters. Budget, fraction and time left are left alone: every caller sets
     * the next run's budget and updates them right after.
     */
    void clear() {
        step.set(0);
        epoch.set(0);
        imagesPerSecond.set(0);
        elapsedSeconds.set(0);
    }

    /** Recomputes the fraction done and the time left from the numbers above. */
    void update() {
        progress.set(Eta.fraction(step.get(), budget.get()));
        eta.set(Eta.format(Eta.secondsLeft(step.get(), budget.get(), imagesPerSecond.get(), batchSize.get())));
    }
}
