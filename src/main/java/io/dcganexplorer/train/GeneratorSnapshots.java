package io.dcganexplorer.train;

import io.dcganexplorer.train.TensorFile.Tensor;
import java.util.List;

/**
 * Hands G's parameters, as plain arrays, to the listeners that asked for them at this step
 * ({@link TrainingListener#generatorSnapshotEvery()}), so that work on G can run on another thread
 * than the one that owns its NDArrays. G is copied at most once a step, however many ask.
 */
final class GeneratorSnapshots implements StepHook {
    private final ListenerList listeners;

    GeneratorSnapshots(ListenerList listeners) {
        this.listeners = listeners;
    }

    @Override
    public void afterStep(TrainingSession s, StepMetrics m) {
        var copy = new Object() {
            List<Tensor> tensors;

            List<Tensor> get() {
                if (tensors == null) {
                    tensors = List.copyOf(Checkpoint.tensorsOf("G", s.rendering()));
                }
                return tensors;
            }
        };
        listeners.each(l -> {
            long every = l.generatorSnapshotEvery();
            if (every > 0 && s.step() % every == 0) {
                l.onGeneratorSnapshot(s.step(), copy.get());
            }
        });
    }
}
