package io.dcganexplorer.train;

import io.dcganexplorer.image.Pixels;
import java.nio.file.Path;

/**
 * Receives training events. Every method is called on the training thread: implementations must
 * return quickly and must not call back into the trainer's blocking methods. Only plain Java data
 * crosses here, never an NDArray.
 */
public interface TrainingListener {

    /** After every step. */
    default void onStep(StepMetrics metrics) {}

    /** Every {@code sampleEvery} steps: the fixed-noise grid, as plain pixels. */
    default void onSamples(long step, Pixels grid) {}

    /** After a checkpoint has been written and renamed into place. */
    default void onCheckpoint(long step, Path checkpointDir) {}

    /** On every state change; {@code message} explains FAILED and FINISHED. */
    default void onStateChanged(TrainerState state, String message) {}

    /**
     * Something the person should know that does not stop training, said once, e.g. that a dataset
     * smaller than one batch trains with smaller batches.
     */
    default void onWarning(String message) {}
}
