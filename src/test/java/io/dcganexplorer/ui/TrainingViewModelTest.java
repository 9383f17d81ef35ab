package io.dcganexplorer.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dcganexplorer.image.Pixels;
import io.dcganexplorer.train.StepMetrics;
import io.dcganexplorer.train.TrainerState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The training view-model without a window: the test thread plays the FX thread. */
class TrainingViewModelTest {
    @TempDir
    Path tmp;

    private final BlockingQueue<Runnable> uiQueue = new LinkedBlockingQueue<>();
    private final Executor ui = uiQueue::add;
    private final Executor background = r -> {
        Thread t = new Thread(r, "test-background");
        t.setDaemon(true);
        t.start();
    };

    /** Runs UI tasks on this thread until {@code done} holds. */
    private void pumpUntil(BooleanSupplier done) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (!done.getAsBoolean()) {
            Runnable r = uiQueue.poll(100, TimeUnit.MILLISECONDS);
            if (r != null) {
                r.run();
            }
            assertTrue(System.nanoTime() < deadline, "timed out");
        }
    }

    static SettingsViewModel tiny(Path root) {
        SettingsViewModel s = new SettingsViewModel();
        s.dataset.setText("faces:256");
        s.imageSize.setText("16");
        s.batch.setText("8");
        s.ngf.setText("8");
        s.ndf.setText("8");
        s.latent.setText("16");
        s.sampleEvery.setText("2");
        s.checkpointEvery.setText("0");
        s.runsRoot.setText(root.toString());
        return s;
    }

    private static StepMetrics metrics(long step) {
        return new StepMetrics(step, 0, 1.2f, 0.8f, 0.6f, 0.4f, 0.3f, 64, step * 0.1);
    }

    @Test
    void commandsFollowTheStateOfAFakeRun() {
        TrainingViewModel vm = new TrainingViewModel(tiny(tmp), background, ui);
        assertTrue(vm.canTrainProperty().get());
        assertFalse(vm.canPauseProperty().get());
        assertFalse(vm.canResumeProperty().get(), "nothing to resume before a run");
        assertFalse(vm.canStopProperty().get());
        vm.settings().imageSize.setText("48");
        assertFalse(vm.canTrainProperty().get(), "Train must be off while a field is invalid");
        vm.settings().imageSize.setText("16");

        vm.apply(new TrainingFeed.Batch(List.of(new TrainingFeed.StateChanged(TrainerState.RUNNING, ""),
                new TrainingFeed.Step(metrics(1)), new TrainingFeed.Step(metrics(2)),
                new TrainingFeed.SamplesWritten(2)), new TrainingFeed.Grid(2, new Pixels(2, 2, new int[4]))));
        assertEquals(TrainerState.RUNNING, vm.stateProperty().get());
        assertFalse(vm.canTrainProperty().get());
        assertTrue(vm.canPauseProperty().get());
        assertTrue(vm.canStopProperty().get());
        assertEquals(2, vm.stepProperty().get());
        assertEquals(2, vm.series().size());
        assertEquals(List.of(2L), vm.sampleSteps());
        assertEquals(2, vm.shownSampleStepProperty().get());

        vm.apply(new TrainingFeed.Batch(List.of(new TrainingFeed.StateChanged(TrainerState.PAUSED, "")), null));
        assertFalse(vm.canPauseProperty().get());
        assertTrue(vm.canResumeProperty().get());
        assertTrue(vm.canStopProperty().get());

        vm.apply(new TrainingFeed.Batch(List.of(new TrainingFeed.StateChanged(TrainerState.FAILED,
                "training stopped at step 2: the loss is not a number")), null));
        assertEquals("training stopped at step 2: the loss is not a number", vm.errorProperty().get());
        assertTrue(vm.canTrainProperty().get(), "the app stays usable after a failure");
        assertFalse(vm.canStopProperty().get());
    }

    @Test
    void newGridsAreFollowedOnlyWhileTheNewestIsShown() {
        TrainingViewModel vm = new TrainingViewModel(tiny(tmp), background, ui);
        Pixels p = new Pixels(1, 1, new int[1]);
        for (long s = 2; s <= 6; s += 2) {
            vm.apply(new TrainingFeed.Batch(List.of(new TrainingFeed.SamplesWritten(s)), new TrainingFeed.Grid(s, p)));
        }
        assertEquals(6, vm.shownSampleStepProperty().get());
        vm.selectSample(0); // cached: shown at once
        assertEquals(2, vm.shownSampleStepProperty().get());
        vm.apply(new TrainingFeed.Batch(List.of(new TrainingFeed.SamplesWritten(8)), new TrainingFeed.Grid(8, p)));
        assertEquals(2, vm.shownSampleStepProperty().get(), "looking back is not interrupted");
        assertEquals(4, vm.sampleSteps().size());
        vm.selectSample(3);
        vm.apply(new TrainingFeed.Batch(List.of(new TrainingFeed.SamplesWritten(10)), new TrainingFeed.Grid(10, p)));
        assertEquals(10, vm.shownSampleStepProperty().get());
    }

    @Test
    void hoverDescribesTheNearestPoint() {
        TrainingViewModel vm = new TrainingViewModel(tiny(tmp), background, ui);
        vm.apply(new TrainingFeed.Batch(List.of(new TrainingFeed.Step(metrics(10)), new TrainingFeed.Step(metrics(20))),
                null));
        assertTrue(vm.describeNear(17).startsWith("step 20:"), vm.describeNear(17));
        assertTrue(vm.describeNear(12).startsWith("step 10:  Loss_D 1.200  Loss_G 0.800"), vm.describeNear(12));
    }

    @Test
    void aRealTinyRunGoesThroughTrainPauseResumeStopAndCanBeContinued() throws Exception {
        TrainingViewModel vm = new TrainingViewModel(tiny(tmp), background, ui);
        vm.train();
        assertFalse(vm.canTrainProperty().get(), "no second Train while the first is being prepared");
        pumpUntil(() -> vm.stepProperty().get() >= 3);
        assertEquals(TrainerState.RUNNING, vm.stateProperty().get());
        vm.pause();
        pumpUntil(() -> vm.stateProperty().get() == TrainerState.PAUSED);
        long paused = vm.stepProperty().get();
        assertEquals(vm.trainer().step(), paused, "the PAUSED state arrives after the last step");
        vm.resume();
        pumpUntil(() -> vm.stepProperty().get() > paused);
        vm.stop();
        assertTrue(vm.stoppingProperty().get());
        pumpUntil(() -> vm.stateProperty().get() == TrainerState.FINISHED);
        long stopped = vm.stepProperty().get();
        assertEquals(vm.trainer().step(), stopped);
        assertTrue(vm.trainer().run().latestCheckpoint().isPresent());
        assertTrue(Files.exists(vm.trainer().run().sampleFile(2)));

        // continue the same run from its checkpoint
        assertTrue(vm.canResumeProperty().get());
        vm.settings().steps.setText(Long.toString(stopped + 2));
        vm.resume();
        pumpUntil(() -> vm.stateProperty().get() == TrainerState.FINISHED && vm.stepProperty().get() == stopped + 2);
        assertEquals(stopped + 2, vm.series().added());
    }

    @Test
    void keepCheckpointsFromTheSettingsKeepsEveryOneOrTheNewestN() throws Exception {
        SettingsViewModel s = tiny(tmp);
        assertEquals(Integer.toString(io.dcganexplorer.train.GanTrainer.DEFAULT_KEEP_CHECKPOINTS),
                s.keepCheckpoints.textProperty().get(), "visible default");
        s.keepCheckpoints.setText("-1");
        assertFalse(s.validProperty().get(), "a negative count is refused");
        s.keepCheckpoints.setText("0");
        s.checkpointEvery.setText("1");
        s.steps.setText("4");
        TrainingViewModel vm = new TrainingViewModel(s, background, ui);
        vm.train();
        pumpUntil(() -> vm.stateProperty().get() == TrainerState.FINISHED);
        Path run = vm.trainer().run().root();
        assertEquals(java.util.List.of("step-000001", "step-000002", "step-000003", "step-000004"), checkpoints(run));

        s.keepCheckpoints.setText("1");
        s.steps.setText("6");
        vm.resume();
        pumpUntil(() -> vm.stateProperty().get() == TrainerState.FINISHED && vm.stepProperty().get() == 6);
        assertEquals(java.util.List.of("step-000006"), checkpoints(run));
    }

    @Test
    void aRunWhoseNetworksNeedTheSafeCapIsOfferedARestartWithTheRunOpen() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue("default".equals(io.dcganexplorer.model.Numerics.isa()),
                "the simulation is tied to the default cap");
        String cache = System.getProperty(io.dcganexplorer.model.Numerics.CACHE_PROPERTY);
        String fault = System.getProperty(io.dcganexplorer.model.SimulatedFault.PROPERTY);
        System.setProperty(io.dcganexplorer.model.Numerics.CACHE_PROPERTY, tmp.resolve("cache").toString());
        System.setProperty(io.dcganexplorer.model.SimulatedFault.PROPERTY, "convolutions");
        try {
            TrainingViewModel vm = new TrainingViewModel(tiny(tmp.resolve("runs")), background, ui);
            assertEquals(null, vm.safeIsaRestartProperty().get());
            vm.train();
            pumpUntil(() -> vm.stateProperty().get() == TrainerState.FAILED);
            TrainingViewModel.SafeIsaRestart r = vm.safeIsaRestartProperty().get();
            assertTrue(r != null, vm.errorProperty().get());
            assertEquals(vm.trainer().run().root(), r.runDir());
            assertTrue(r.why().contains("ONEDNN_MAX_CPU_ISA=SSE41"), r.why());
            assertTrue(vm.errorProperty().get().contains("wrong gradients"), vm.errorProperty().get());
            assertEquals(0, vm.stepProperty().get(), "not one step on wrong gradients");
        } finally {
            restore(io.dcganexplorer.model.SimulatedFault.PROPERTY, fault);
            restore(io.dcganexplorer.model.Numerics.CACHE_PROPERTY, cache);
        }
    }

    private static void restore(String key, String value) {
        if (value == null) {
            System.clearProperty(key);
        } else {
            System.setProperty(key, value);
        }
    }

    private static java.util.List<String> checkpoints(Path run) throws java.io.IOException {
        try (java.util.stream.Stream<Path> l = Files.list(run.resolve("checkpoints"))) {
            return l.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("step-")).sorted().toList();
        }
    }
}
