package io.dcganexplorer.train;

import io.dcganexplorer.image.Pixels;
import io.dcganexplorer.image.PngFiles;
import java.io.IOException;

/**
 * Renders the fixed noise every {@code every} steps (0: never) as a grid, written to
 * {@code samples/step-N.png} and handed to the listeners. The last step's checkpoint gets a grid
 * too, so that the run's final state can be seen without loading it; this hook must therefore run
 * before the {@link CheckpointKeeper} it asks.
 */
final class SampleGrids implements StepHook {
    private final RunDirectory run;
    private final long every;
    private final CheckpointKeeper checkpoints;
    private final ListenerList listeners;

    SampleGrids(RunDirectory run, long every, CheckpointKeeper checkpoints, ListenerList listeners) {
        this.run = run;
        this.every = every;
        this.checkpoints = checkpoints;
        this.listeners = listeners;
    }

    private boolean due(long step) {
        return every > 0 && step % every == 0;
    }

    @Override
    public void afterStep(TrainingSession s, StepMetrics m) throws IOException {
        if (due(s.step())) {
            publish(s);
        }
    }

    @Override
    public void afterTraining(TrainingSession s) throws IOException {
        if (every > 0 && !due(s.step()) && checkpoints.behind(s)) {
            publish(s);
        }
    }

    private void publish(TrainingSession s) throws IOException {
        Pixels grid = s.sampleGrid();
        PngFiles.write(grid, run.sampleFile(s.step()));
        listeners.each(l -> l.onSamples(s.step(), grid));
    }
}
