package io.dcganexplorer.ui;

import io.dcganexplorer.train.TrainerState;
import java.nio.file.Path;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * Where the run stands and which commands that allows: the trainer's state, stopping, opening,
 * the run directory, what to say (message, error, safe-ISA restart offer), and the bindings the
 * buttons enable on. A part of {@link TrainingViewModel}; {@link TrainingRun} writes it, the views
 * read it. Used on the UI thread only.
 */
final class RunState {
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

    /** The settings decide whether a new run can start and whether an opened one can continue. */
    RunState(SettingsViewModel settings) {
        canTrain = Bindings.createBooleanBinding(() -> !active.get() && !busy.get() && settings.validProperty().get(),
                active, busy, settings.validProperty());
        canResume = Bindings.createBooleanBinding(
                () -> !stopping.get() && (state.get() == TrainerState.PAUSED
                        || !active.get() && !busy.get() && runDirectory.get() != null
                                && settings.resumableValidProperty().get()),
                state, stopping, active, busy, runDirectory, settings.resumableValidProperty());
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

    TrainerState trainerState() {
        return state.get();
    }

    boolean isActive() {
        return active.get();
    }

    boolean isBusy() {
        return busy.get();
    }

    Path runDirectory() {
        return runDirectory.get();
    }

    // Written by TrainingRun

    void setState(TrainerState s) {
        state.set(s);
    }

    void setStopping(boolean b) {
        stopping.set(b);
    }

    void setBusy(boolean b) {
        busy.set(b);
    }

    void setMessage(String text) {
        message.set(text);
    }

    void setError(String text) {
        error.set(text);
    }

    void setRunDirectory(Path dir) {
        runDirectory.set(dir);
    }

    void offerSafeIsaRestart(TrainingViewModel.SafeIsaRestart r) {
        safeIsaRestart.set(r);
    }
}
