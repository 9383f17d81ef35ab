package io.dcganexplorer.train;

import java.io.IOException;
import java.nio.file.Path;
import java.util.function.IntSupplier;

/**
 * Writes a checkpoint every {@code every} steps (0: none on the way) and one of the last step, so
 * that a run stopped at any moment continues from where it stopped; then keeps only the newest few,
 * since each holds both networks and both optimisers.
 */
final class CheckpointKeeper implements StepHook {
    private final RunDirectory run;
    private final long every;
    private final IntSupplier keep;
    private final ListenerList listeners;
    private long lastStep;

    /**
     * @param keep how many checkpoints to keep, 0 for all; asked at each save, since the person may
     *     change it while the run trains
     * @param savedStep the step of the checkpoint the session started from, 0 for a new run
     */
    CheckpointKeeper(RunDirectory run, long every, IntSupplier keep, ListenerList listeners, long savedStep) {
        this.run = run;
        this.every = every;
        this.keep = keep;
        this.listeners = listeners;
        this.lastStep = savedStep;
    }

    /** The step of the newest checkpoint on disk, 0 if the run has none. */
    long lastStep() {
        return lastStep;
    }

    /** Whether steps were trained since the newest checkpoint. */
    boolean behind(TrainingSession s) {
        return s.step() != lastStep && s.step() > 0;
    }

    @Override
    public void afterStep(TrainingSession s, StepMetrics m) throws IOException {
        if (every > 0 && s.step() % every == 0) {
            save(s);
        }
    }

    @Override
    public void afterTraining(TrainingSession s) throws IOException {
        if (behind(s)) {
            save(s);
        }
    }

    private void save(TrainingSession s) throws IOException {
        Path dir = s.save();
        lastStep = s.step();
        int k = keep.getAsInt();
        if (k > 0) {
            Checkpoint.prune(run, k);
        }
        listeners.each(l -> l.onCheckpoint(s.step(), dir));
    }
}
