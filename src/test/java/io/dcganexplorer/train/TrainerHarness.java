package io.dcganexplorer.train;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dcganexplorer.data.DatasetSpec;
import io.dcganexplorer.model.DcganConfig;
import io.dcganexplorer.model.KernelPreset;
import io.dcganexplorer.model.ZPrior;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/** Small configurations and a blocking run helper shared by the trainer tests. */
final class TrainerHarness {
    private TrainerHarness() {}

    static final GanTrainer.DatasetOpener OPENER =
            (spec, size, ch, seed) -> DatasetSpec.parse(spec).open(size, ch, seed);

    /** 16x16 RGB, widths 8: a few milliseconds a step. */
    static DcganConfig tinyConfig() {
        return new DcganConfig(16, 3, 16, 8, 8, KernelPreset.K4, ZPrior.NORMAL);
    }

    static TrainingOptions tinyOptions(long steps) {
        return TrainingOptions.defaults().withDataset("faces:256").withBatchSize(8).withMaxSteps(steps)
                .withIntervals(0, 0).withSampleCount(4);
    }

    /** Records every step and state change. */
    static final class Recorder implements TrainingListener {
        final List<StepMetrics> steps = new CopyOnWriteArrayList<>();
        final List<TrainerState> states = new CopyOnWriteArrayList<>();

        @Override
        public void onStep(StepMetrics m) {
            steps.add(m);
        }

        @Override
        public void onStateChanged(TrainerState s, String message) {
            states.add(s);
        }
    }

    /** Starts, waits for the end, returns what was recorded. */
    static Recorder runToEnd(GanTrainer t) throws InterruptedException {
        return runToEnd(t, 300);
    }

    /** As {@link #runToEnd(GanTrainer)}, waiting at most {@code seconds}. */
    static Recorder runToEnd(GanTrainer t, long seconds) throws InterruptedException {
        Recorder r = new Recorder();
        t.addListener(r);
        t.start();
        assertTrue(t.await(seconds, TimeUnit.SECONDS), "trainer did not finish in " + seconds + " s");
        return r;
    }

    static GanTrainer create(Path dir, DcganConfig cfg, TrainingOptions opt) throws java.io.IOException {
        return GanTrainer.create(dir, cfg, opt, OPENER);
    }
}
