package io.dcganexplorer.train;

import static io.dcganexplorer.train.TrainerHarness.OPENER;
import static io.dcganexplorer.train.TrainerHarness.create;
import static io.dcganexplorer.train.TrainerHarness.runToEnd;
import static io.dcganexplorer.train.TrainerHarness.tinyConfig;
import static io.dcganexplorer.train.TrainerHarness.tinyOptions;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import io.dcganexplorer.model.DcganConfig;
import io.dcganexplorer.model.Engines;
import io.dcganexplorer.model.Generator;
import io.dcganexplorer.model.Param;
import io.dcganexplorer.model.Rng;
import io.dcganexplorer.train.TensorFile.Tensor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GeneratorEmaTest {
    private static final double DECAY = 0.9;

    @TempDir
    Path tmp;

    @Test
    void decayWarmsUpThenHolds() {
        assertEquals(0.1, GeneratorEma.decayAt(0.999, 0), 1e-12);
        assertEquals(2.0 / 11, GeneratorEma.decayAt(0.999, 1), 1e-12);
        assertEquals(0.9, GeneratorEma.decayAt(0.9, 80), 1e-12, "(1 + 80) / 90 = 0.9: the warm-up has ended");
        assertEquals(0.999, GeneratorEma.decayAt(0.999, 100_000), 1e-12);
    }

    @Test
    void decaysOutsideTheRangeAreRefused() {
        for (double bad : new double[] {0.5, 1.0, -0.1, Double.NaN}) {
            var e = assertThrows(IllegalArgumentException.class, () -> tinyOptions(1).withGeneratorEma(bad));
            assertTrue(e.getMessage().contains("moving-average"), e.getMessage());
        }
        assertEquals(0.0, tinyOptions(1).generatorEma(), "off by default: the paper's recipe");
    }

    /**
     * The average is b_t * avg + (1 - b_t) * G after each of G's updates, starting at G's initial
     * weights, computed here in plain Java from G's weights after every step of a run without it;
     * and it changes nothing of the training itself.
     */
    @Test
    void theAverageFollowsGsWeightsAndTakesNoPartInTraining() throws Exception {
        int steps = 5;
        GanTrainer plain = create(tmp.resolve("plain"), tinyConfig(), tinyOptions(steps));
        Map<Long, Map<String, float[]>> perStep = new ConcurrentHashMap<>();
        plain.addListener(new TrainingListener() {
            @Override
            public long generatorSnapshotEvery() {
                return 1;
            }

            @Override
            public void onGeneratorSnapshot(long step, List<Tensor> generator) {
                Map<String, float[]> m = new HashMap<>();
                generator.forEach(t -> m.put(t.name(), t.data()));
                perStep.put(step, m);
            }
        });
        var a = runToEnd(plain);
        GanTrainer withEma = create(tmp.resolve("ema"), tinyConfig(), tinyOptions(steps).withGeneratorEma(DECAY));
        var b = runToEnd(withEma);
        assertEquals(TrainerState.FINISHED, withEma.state(), withEma.message());
        for (int i = 0; i < steps; i++) {
            assertEquals(a.steps.get(i).lossD(), b.steps.get(i).lossD(), 0f, "Loss_D at step " + (i + 1));
            assertEquals(a.steps.get(i).lossG(), b.steps.get(i).lossG(), 0f, "Loss_G at step " + (i + 1));
        }
        Map<String, Tensor> p = Checkpoint.readTensors(plain.run().latestCheckpoint().orElseThrow());
        Map<String, Tensor> e = Checkpoint.readTensors(withEma.run().latestCheckpoint().orElseThrow());
        for (String name : p.keySet()) {
            assertArrayEquals(p.get(name).data(), e.get(name).data(), 0f, name + ": the trained networks are the same");
        }
        assertFalse(GeneratorEma.hasAverage(p));
        assertTrue(GeneratorEma.hasAverage(e));

        DcganConfig cfg = tinyConfig();
        Engines.disableGradOnThisThread();
        try (NDManager m = Engines.get().newBaseManager()) {
            Generator init = new Generator(cfg, m);
            init.initialize(Rng.forPurpose(tinyOptions(1).seed(), "init-generator"));
            int checked = 0;
            for (Param param : init.parameters()) {
                if (!param.trainable()) {
                    continue;
                }
                double[] avg = toDouble(param.array().toFloatArray());
                for (long t = 1; t <= steps; t++) {
                    float[] w = perStep.get(t).get("G/" + param.name());
                    double bt = GeneratorEma.decayAt(DECAY, t);
                    for (int k = 0; k < avg.length; k++) {
                        avg[k] = bt * avg[k] + (1 - bt) * w[k];
                    }
                }
                float[] got = e.get(GeneratorEma.PREFIX + "/" + param.name()).data();
                for (int k = 0; k < avg.length; k++) {
                    assertEquals(avg[k], got[k], 1e-6, param.name() + "[" + k + "]");
                }
                assertFalse(java.util.Arrays.equals(got, e.get("G/" + param.name()).data()),
                        param.name() + ": the average is not G");
                checked++;
            }
            assertTrue(checked >= 4, "checked " + checked + " trainable tensors");
        }
    }

    @Test
    void itsBatchNormStatisticsAreReestimatedForItsOwnWeights() throws Exception {
        GanTrainer t = create(tmp.resolve("bn"), tinyConfig(), tinyOptions(3).withGeneratorEma(DECAY));
        runToEnd(t);
        Path dir = t.run().latestCheckpoint().orElseThrow();
        Map<String, Tensor> saved = Checkpoint.readTensors(dir);
        Engines.disableGradOnThisThread();
        try (NDManager m = Engines.get().newBaseManager()) {
            Generator g = Checkpoint.loadGenerator(dir, m, Checkpoint.Weights.AVERAGE);
            CheckpointAverage.reestimateBatchNorm(g, GeneratorEma.REESTIMATION_SAMPLES, tinyOptions(1).batchSize(),
                    tinyOptions(1).seed(), m, CheckpointAverage.Progress.NONE);
            for (Param p : g.parameters()) {
                if (!p.trainable()) {
                    float[] want = p.array().toFloatArray();
                    assertArrayEquals(want, saved.get(GeneratorEma.PREFIX + "/" + p.name()).data(), 1e-5f, p.name());
                    assertFalse(java.util.Arrays.equals(want, saved.get("G/" + p.name()).data()),
                            p.name() + " is not G's running statistic");
                }
            }
        }
    }

    @Test
    void resumeContinuesTheAverageExactly() throws Exception {
        GanTrainer straight = create(tmp.resolve("straight"), tinyConfig(), tinyOptions(12).withGeneratorEma(DECAY));
        runToEnd(straight);
        Path split = tmp.resolve("split");
        runToEnd(create(split, tinyConfig(), tinyOptions(6).withGeneratorEma(DECAY)));
        GanTrainer resumed = GanTrainer.resume(split, o -> o.withMaxSteps(12), OPENER);
        runToEnd(resumed);
        assertEquals(TrainerState.FINISHED, resumed.state(), resumed.message());
        Map<String, Tensor> p1 = Checkpoint.readTensors(straight.run().latestCheckpoint().orElseThrow());
        Map<String, Tensor> p2 = Checkpoint.readTensors(resumed.run().latestCheckpoint().orElseThrow());
        assertEquals(p1.keySet(), p2.keySet());
        for (String name : p1.keySet()) {
            if (name.startsWith(GeneratorEma.PREFIX + "/")) {
                assertArrayEquals(p1.get(name).data(), p2.get(name).data(), 1e-5f, name);
            }
        }
    }

    @Test
    void turnedOnWhenResumingItStartsAtTheTrainedGenerator() throws Exception {
        Path dir = tmp.resolve("late");
        runToEnd(create(dir, tinyConfig(), tinyOptions(3)));
        assertFalse(GeneratorEma.hasAverage(
                Checkpoint.readTensors(RunDirectory.open(dir).latestCheckpoint().orElseThrow())));
        GanTrainer resumed = GanTrainer.resume(dir, o -> o.withMaxSteps(4).withGeneratorEma(DECAY), OPENER);
        runToEnd(resumed);
        assertEquals(DECAY, RunDirectory.open(dir).options().generatorEma(), 0, "config.json remembers it");
        assertTrue(GeneratorEma.hasAverage(Checkpoint.readTensors(resumed.run().latestCheckpoint().orElseThrow())));
    }

    @Test
    void weightsChooseWhichGeneratorRenders() throws Exception {
        GanTrainer withEma = create(tmp.resolve("w"), tinyConfig(), tinyOptions(2).withGeneratorEma(DECAY));
        runToEnd(withEma);
        Path dir = withEma.run().latestCheckpoint().orElseThrow();
        Map<String, Tensor> saved = Checkpoint.readTensors(dir);
        GanTrainer plain = create(tmp.resolve("p"), tinyConfig(), tinyOptions(2));
        runToEnd(plain);
        Path plainDir = plain.run().latestCheckpoint().orElseThrow();
        try (NDManager m = Engines.get().newBaseManager()) {
            String w = "g.0.weight";
            assertArrayEquals(saved.get(GeneratorEma.PREFIX + "/" + w).data(),
                    weight(Checkpoint.loadGenerator(dir, m), w), "auto renders the average where there is one");
            assertArrayEquals(saved.get("G/" + w).data(),
                    weight(Checkpoint.loadGenerator(dir, m, Checkpoint.Weights.TRAINED), w));
            assertArrayEquals(Checkpoint.readTensors(plainDir).get("G/" + w).data(),
                    weight(Checkpoint.loadGenerator(plainDir, m), w), "auto renders G where there is no average");
            IOException e = assertThrows(IOException.class,
                    () -> Checkpoint.loadGenerator(plainDir, m, Checkpoint.Weights.AVERAGE));
            assertTrue(e.getMessage().contains(plainDir.toString()) && e.getMessage().contains("moving average"),
                    e.getMessage());
        }
        assertEquals(Checkpoint.Weights.AVERAGE, Checkpoint.Weights.parse("ema"));
        assertEquals(Checkpoint.Weights.TRAINED, Checkpoint.Weights.parse("Trained"));
        assertThrows(IllegalArgumentException.class, () -> Checkpoint.Weights.parse("best"));
    }

    private static float[] weight(Generator g, String name) {
        return g.parameters().stream().filter(p -> p.name().equals(name)).findFirst().orElseThrow().array()
                .toFloatArray();
    }

    private static double[] toDouble(float[] f) {
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            d[i] = f[i];
        }
        return d;
    }
}
