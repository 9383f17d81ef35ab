package io.dcganexplorer.train;

import java.io.IOException;

/**
 * One side effect of a training step (the metrics file, sample grids, checkpoints), as DJL's
 * {@code EasyTrain} leaves them to its {@code TrainingListener}s, so that the trainer's loop is
 * only the step. Unlike the public {@link TrainingListener} a hook runs with the session's native
 * objects in reach, and what it throws ends the run: a checkpoint that cannot be written must not
 * pass unnoticed.
 */
interface StepHook {

    /** After every step, {@code m} being that step's measurements. */
    void afterStep(TrainingSession s, StepMetrics m) throws IOException, NonFiniteLossException;

    /** Once, after the last step, whether the budget was reached or a stop was asked for. */
    default void afterTraining(TrainingSession s) throws IOException {}
}
