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

    /**
     * How often this listener wants {@link #onGeneratorSnapshot}: every this many steps, 0 for
     * never. Read after every step, so it may change while training runs.
     */
    default long generatorSnapshotEvery() {
        return 0;
    }

    /**
     * A copy of the generator's parameters (named {@code G/NAME}, as in a checkpoint) after
     * {@code step}, as plain arrays made on the training thread; the list is shared between
     * listeners and must not be changed. For work on G elsewhere (the sample-quality score).
     */
    default void onGeneratorSnapshot(long step, java.util.List<TensorFile.Tensor> generator) {}

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
