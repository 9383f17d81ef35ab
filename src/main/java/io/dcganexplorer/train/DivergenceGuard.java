package io.dcganexplorer.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * Ends a run that diverged, before any other hook sees the step: a step whose loss is not finite
 * must reach neither metrics.csv nor a checkpoint. A step whose update was skipped for an
 * overflowing gradient (see {@link Adam#GRADIENT_LIMIT}) is said as a warning; after
 * {@link #MAX_OVERFLOWED_STEPS} such steps in a row the run stops, since a network that gets no
 * update is not being trained.
 */
final class DivergenceGuard implements StepHook {
    /** Steps in a row whose update was skipped for an overflowing gradient before the run stops. */
    static final int MAX_OVERFLOWED_STEPS = 10;

    private final LongSupplier lastCheckpointStep;
    private final ListenerList listeners;
    private int overflowedInARow;

    /** {@code lastCheckpointStep} names the checkpoint that the failure message offers instead. */
    DivergenceGuard(LongSupplier lastCheckpointStep, ListenerList listeners) {
        this.lastCheckpointStep = lastCheckpointStep;
        this.listeners = listeners;
    }

    @Override
    public void afterStep(TrainingSession s, StepMetrics m) throws NonFiniteLossException {
        if (!m.finite()) {
            throw new NonFiniteLossException("training stopped at step " + s.step() + ": the loss is not a number "
                    + "(Loss_D=" + m.lossD() + ", Loss_G=" + m.lossG() + "). " + lastGoodCheckpoint()
                    + "try a lower learning rate.");
        }
        boolean skipped = s.skippedD() || s.skippedG();
        overflowedInARow = skipped ? overflowedInARow + 1 : 0;
        if (skipped) {
            warnOverflow(s);
        }
    }

    private void warnOverflow(TrainingSession s) throws NonFiniteLossException {
        List<String> which = new ArrayList<>();
        if (s.skippedD()) {
            which.add(String.format(Locale.ROOT, "D's (largest element %.3g)", s.adamD.lastMaxGradient()));
        }
        if (s.skippedG()) {
            which.add(String.format(Locale.ROOT, "G's (largest element %.3g)", s.adamG.lastMaxGradient()));
        }
        listeners.warn("step " + s.step() + ": " + String.join(" and ", which) + " gradient overflowed, so that "
                + "update was skipped (applied, it would have made Adam's second moment infinite and frozen those "
                + "weights for good); skipped so far: D " + s.adamD.skippedSteps() + ", G " + s.adamG.skippedSteps());
        if (overflowedInARow >= MAX_OVERFLOWED_STEPS) {
            throw new NonFiniteLossException("training stopped at step " + s.step() + ": the gradients overflowed "
                    + MAX_OVERFLOWED_STEPS + " steps in a row. " + lastGoodCheckpoint() + "try a lower learning rate.");
        }
    }

    private String lastGoodCheckpoint() {
        long last = lastCheckpointStep.getAsLong();
        return last > 0 ? "The last good checkpoint (step " + last + ") is kept; " : "";
    }
}
