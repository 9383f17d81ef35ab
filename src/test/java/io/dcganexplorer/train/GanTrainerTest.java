package io.dcganexplorer.train;

import static io.dcganexplorer.train.TrainerHarness.OPENER;
import static io.dcganexplorer.train.TrainerHarness.create;
import static io.dcganexplorer.train.TrainerHarness.runToEnd;
import static io.dcganexplorer.train.TrainerHarness.tinyConfig;
import static io.dcganexplorer.train.TrainerHarness.tinyOptions;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dcganexplorer.data.DatasetException;
import io.dcganexplorer.data.ImageDataset;
import io.dcganexplorer.train.TensorFile.Tensor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GanTrainerTest {

    @TempDir
    Path tmp;

    @Test
    void sameSeedConfigAndDataGiveSameLossesStepForStep() throws Exception {
        var a = runToEnd(create(tmp.resolve("a"), tinyConfig(), tinyOptions(6)));
        var b = runToEnd(create(tmp.resolve("b"), tinyConfig(), tinyOptions(6)));
        assertEquals(6, a.steps.size());
        for (int i = 0; i < 6; i++) {
            assertEquals(a.steps.get(i).lossD(), b.steps.get(i).lossD(), 0f, "Loss_D at step " + (i + 1));
            assertEquals(a.steps.get(i).lossG(), b.steps.get(i).lossG(), 0f, "Loss_G at step " + (i + 1));
        }
        var c = runToEnd(create(tmp.resolve("c"), tinyConfig(), tinyOptions(6).withSeed(2)));
        assertTrue(a.steps.get(5).lossD() != c.steps.get(5).lossD(), "another seed should train differently");
    }

    @Test
    void labelSmoothingChangesOnlyTheRealTargetOfDsLoss() throws Exception {
        var plain = runToEnd(create(tmp.resolve("plain"), tinyConfig(), tinyOptions(1)));
        GanTrainer smoothed = create(tmp.resolve("smoothed"), tinyConfig(), tinyOptions(1).withLabelSmoothing(0.2));
        var ls = runToEnd(smoothed);
        StepMetrics a = plain.steps.get(0);
        StepMetrics b = ls.steps.get(0);
        // same weights, data and z before the first update: D sees exactly the same batch ...
        assertEquals(a.dReal(), b.dReal(), 0f, "D(x) before the first update");
        assertEquals(a.dFakeBefore(), b.dFakeBefore(), 0f, "D(G(z)) before the first update");
        // ... and only its loss on the real half moves, by eps * mean(logit D(x)), which is not 0
        assertTrue(Math.abs(a.lossD() - b.lossD()) > 1e-4f, a.lossD() + " vs " + b.lossD());
        // the run remembers it
        assertEquals(0.2, RunDirectory.open(tmp.resolve("smoothed")).options().labelSmoothing(), 0);
        assertEquals(0.8f, smoothed.run().options().realLabel(), 1e-7f);
    }

    @Test
    void labelSmoothingOutsideZeroToHalfIsRefused() {
        var e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> tinyOptions(1).withLabelSmoothing(0.6));
        assertTrue(e.getMessage().contains("label smoothing") && e.getMessage().contains("0.6"), e.getMessage());
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> tinyOptions(1).withLabelSmoothing(Double.NaN));
    }

    @Test
    void resumeIsExact() throws Exception {
        GanTrainer straight = create(tmp.resolve("straight"), tinyConfig(), tinyOptions(20));
        var s = runToEnd(straight);
        assertEquals(TrainerState.FINISHED, straight.state(), straight.message());

        Path split = tmp.resolve("split");
        var first = runToEnd(create(split, tinyConfig(), tinyOptions(10)));
        assertEquals(10, first.steps.size());
        GanTrainer resumed = GanTrainer.resume(split, o -> o.withMaxSteps(20), OPENER);
        var second = runToEnd(resumed);
        assertEquals(TrainerState.FINISHED, resumed.state(), resumed.message());
        assertEquals(10, second.steps.size());
        assertEquals(11, second.steps.get(0).step());
        for (int i = 0; i < 10; i++) {
            StepMetrics want = s.steps.get(10 + i);
            StepMetrics got = second.steps.get(i);
            assertEquals(want.lossD(), got.lossD(), 1e-5f, "Loss_D at step " + want.step());
            assertEquals(want.lossG(), got.lossG(), 1e-5f, "Loss_G at step " + want.step());
            assertEquals(want.dReal(), got.dReal(), 1e-5f, "D(x) at step " + want.step());
        }
        Map<String, Tensor> p1 = Checkpoint.readTensors(straight.run().latestCheckpoint().orElseThrow());
        Map<String, Tensor> p2 = Checkpoint.readTensors(resumed.run().latestCheckpoint().orElseThrow());
        assertEquals(p1.keySet(), p2.keySet());
        for (String name : p1.keySet()) {
            assertArrayEquals(p1.get(name).data(), p2.get(name).data(), 1e-5f, name);
        }
        // metrics.csv holds one row per step, across the resume
        List<StepMetrics> rows = resumed.run().readMetrics();
        assertEquals(20, rows.size());
        assertEquals(20, rows.get(19).step());
    }

    @Test
    void pauseHoldsTheStepAndStopWritesACheckpoint() throws Exception {
        GanTrainer t = create(tmp.resolve("p"), tinyConfig(), tinyOptions(0));
        CountDownLatch twoSteps = new CountDownLatch(2);
        CountDownLatch paused = new CountDownLatch(1);
        t.addListener(new TrainingListener() {
            @Override
            public void onStep(StepMetrics m) {
                twoSteps.countDown();
            }

            @Override
            public void onStateChanged(TrainerState s, String msg) {
                if (s == TrainerState.PAUSED) {
                    paused.countDown();
                }
            }
        });
        t.start();
        assertTrue(twoSteps.await(120, TimeUnit.SECONDS));
        t.pause();
        assertTrue(paused.await(60, TimeUnit.SECONDS));
        long atPause = t.step();
        assertEquals(TrainerState.PAUSED, t.state());
        t.stop();
        assertTrue(t.await(60, TimeUnit.SECONDS));
        assertEquals(TrainerState.FINISHED, t.state());
        assertEquals(atPause, t.step(), "no step may run while paused");
        Path ckpt = t.run().latestCheckpoint().orElseThrow();
        assertEquals(atPause, Checkpoint.readMeta(ckpt).step());
    }

    @Test
    void resumeAfterPauseContinuesFromTheNextStep() throws Exception {
        Path dir = tmp.resolve("r");
        runToEnd(create(dir, tinyConfig(), tinyOptions(3)));
        GanTrainer again = GanTrainer.resume(dir, o -> o.withMaxSteps(5), OPENER);
        var rec = runToEnd(again);
        assertEquals(List.of(4L, 5L), rec.steps.stream().map(StepMetrics::step).toList());
    }

    @Test
    void checkpointOfAnotherArchitectureIsRefusedWithAMessage() throws Exception {
        Path other = tmp.resolve("other");
        runToEnd(create(other, tinyConfig().withFeatures(4, 4), tinyOptions(2)));
        Path dir = tmp.resolve("mine");
        runToEnd(create(dir, tinyConfig(), tinyOptions(2)));
        Path mine = RunDirectory.open(dir).latestCheckpoint().orElseThrow();
        io.dcganexplorer.files.AtomicFiles.deleteTree(mine);
        Files.move(RunDirectory.open(other).latestCheckpoint().orElseThrow(), mine);

        GanTrainer t = GanTrainer.resume(dir, o -> o.withMaxSteps(4), OPENER);
        runToEnd(t);
        assertEquals(TrainerState.FAILED, t.state());
        assertTrue(t.message().contains("another architecture"), t.message());
        assertTrue(t.message().contains("ngf=4"), t.message());
    }

    @Test
    void truncatedCheckpointIsRefusedWithAMessage() throws Exception {
        Path dir = tmp.resolve("t");
        runToEnd(create(dir, tinyConfig(), tinyOptions(2)));
        Path bin = RunDirectory.open(dir).latestCheckpoint().orElseThrow().resolve("tensors.bin");
        byte[] all = Files.readAllBytes(bin);
        Files.write(bin, java.util.Arrays.copyOf(all, all.length / 2));

        GanTrainer t = GanTrainer.resume(dir, o -> o.withMaxSteps(4), OPENER);
        runToEnd(t);
        assertEquals(TrainerState.FAILED, t.state());
        assertTrue(t.message().contains("truncated") && t.message().contains("tensors.bin"), t.message());
    }

    @Test
    void aCheckpointWhoseOptimiserOverflowedIsRefusedAndNothingIsLost() throws Exception {
        Path dir = tmp.resolve("frozen");
        runToEnd(create(dir, tinyConfig(), tinyOptions(2)));
        Path bin = RunDirectory.open(dir).latestCheckpoint().orElseThrow().resolve("tensors.bin");
        // as the 64x64 faces run's D after its gradient overflowed: the second moment infinite
        List<Tensor> tensors = new java.util.ArrayList<>();
        for (Tensor t : TensorFile.read(bin)) {
            float[] data = t.data().clone();
            if (t.name().startsWith("adamD/v.")) {
                java.util.Arrays.fill(data, Float.POSITIVE_INFINITY);
            }
            tensors.add(new Tensor(t.name(), t.shape(), data));
        }
        TensorFile.write(bin, tensors);
        byte[] metrics = Files.readAllBytes(dir.resolve("metrics.csv"));

        GanTrainer t = GanTrainer.resume(dir, o -> o.withMaxSteps(4), OPENER);
        runToEnd(t);
        assertEquals(TrainerState.FAILED, t.state());
        assertTrue(t.message().contains("step-000002") && t.message().contains("D's optimiser state is not finite")
                && t.message().contains("resume from an earlier checkpoint"), t.message());
        org.junit.jupiter.api.Assertions.assertArrayEquals(metrics, Files.readAllBytes(dir.resolve("metrics.csv")));
        assertEquals(2, RunDirectory.open(dir).readMetrics().size());
    }

    @Test
    void nonFiniteLossStopsTrainingAndKeepsTheLastGoodCheckpoint() throws Exception {
        Path dir = tmp.resolve("nan");
        runToEnd(create(dir, tinyConfig(), tinyOptions(3)));
        Path good = RunDirectory.open(dir).latestCheckpoint().orElseThrow();
        byte[] before = Files.readAllBytes(good.resolve("tensors.bin"));

        GanTrainer.DatasetOpener poisoned = (spec, size, ch, seed) -> new ImageDataset() {
            @Override
            public String description() {
                return "NaN images";
            }

            @Override
            public int size() {
                return 64;
            }

            @Override
            public int imageSize() {
                return size;
            }

            @Override
            public int channels() {
                return ch;
            }

            @Override
            public void read(int index, float[] dst, int offset) throws DatasetException {
                java.util.Arrays.fill(dst, offset, offset + ch * size * size, Float.NaN);
            }
        };
        GanTrainer t = GanTrainer.resume(dir, o -> o.withMaxSteps(10).withIntervals(0, 1), poisoned);
        runToEnd(t);
        assertEquals(TrainerState.FAILED, t.state());
        assertTrue(t.message().contains("step 4") && t.message().contains("not a number"), t.message());
        assertTrue(t.message().contains("checkpoint (step 3) is kept"), t.message());
        RunDirectory run = RunDirectory.open(dir);
        assertEquals(good, run.latestCheckpoint().orElseThrow());
        assertArrayEquals(before, Files.readAllBytes(good.resolve("tensors.bin")));
    }

    @Test
    void newRunRefusesADirectoryThatHoldsOne() throws Exception {
        Path dir = tmp.resolve("twice");
        create(dir, tinyConfig(), tinyOptions(1));
        var e = org.junit.jupiter.api.Assertions.assertThrows(java.io.IOException.class,
                () -> create(dir, tinyConfig(), tinyOptions(1)));
        assertTrue(e.getMessage().contains("already holds a run"), e.getMessage());
        assertFalse(Files.exists(dir.resolve("metrics.csv")));
    }
}
