package io.dcganexplorer.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.dcganexplorer.model.DcganConfig;
import io.dcganexplorer.model.Engines;
import io.dcganexplorer.model.Generator;
import io.dcganexplorer.model.KernelPreset;
import io.dcganexplorer.model.ZPrior;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run saved in checkpoint format 1 lives in test resources (after Tribuo's
 * loadProtobufModel test). It must keep loading, render exactly what it rendered when it was
 * written, and keep training.
 */
class CheckpointCompatibilityTest {
    static final Path FIXTURE = Path.of("src/test/resources/runs/format1-tiny");
    static final Path EXPECTED = FIXTURE.resolve("expected-fixed-noise-render.bin");

    @TempDir
    Path tmp;

    static float[] render(Path checkpointDir) throws IOException {
        Engines.disableGradOnThisThread();
        try (NDManager m = Engines.get().newBaseManager(); Generator g = Checkpoint.loadGenerator(checkpointDir, m)) {
            float[] z = Checkpoint.fixedNoise(checkpointDir);
            int n = z.length / g.config().latentDim();
            try (NDManager scope = m.newSubManager()) {
                return g.forward(scope.create(z, new Shape(n, g.config().latentDim())), false, scope).toFloatArray();
            }
        }
    }

    @Test
    void formatOneCheckpointStillLoadsAndRendersTheSame() throws Exception {
        RunDirectory run = RunDirectory.open(FIXTURE);
        Path ckpt = run.latestCheckpoint().orElseThrow();
        assertEquals(1, Checkpoint.readMeta(ckpt).format());
        // written before label smoothing existed: the missing field reads as the paper's recipe
        assertTrue(!Files.readString(FIXTURE.resolve("config.json")).contains("labelSmoothing"));
        assertEquals(0.0, run.options().labelSmoothing());
        assertEquals(1f, run.options().realLabel());
        // written before the faces were redrawn: its faces:32 are the first style's
        assertTrue(Files.readString(FIXTURE.resolve("config.json")).contains("\"faces:32\""));
        assertEquals("faces-v1:32", run.options().dataset());
        float[] expected = TensorFile.read(EXPECTED).get(0).data();
        assertArrayEquals(expected, render(ckpt), 1e-5f);
    }

    @Test
    void newRunsKeepTheCurrentFacesAndTheOldOnes() throws Exception {
        DcganConfig cfg = new DcganConfig(16, 1, 8, 4, 4, KernelPreset.K4, ZPrior.UNIFORM);
        for (String spec : List.of("faces:32", "faces-v1:32")) {
            Path dir = tmp.resolve(spec.replace(':', '-'));
            RunDirectory.create(dir, cfg, TrainingOptions.defaults().withDataset(spec));
            String json = Files.readString(dir.resolve("config.json"));
            assertTrue(json.contains("\"format\": " + RunDirectory.FORMAT), json);
            assertEquals(spec, RunDirectory.open(dir).options().dataset());
        }
    }

    @Test
    void formatOneRunResumesTraining() throws Exception {
        Path copy = tmp.resolve("run");
        io.dcganexplorer.TinyRun.copyTree(FIXTURE, copy);
        GanTrainer t = GanTrainer.resume(copy, o -> o.withMaxSteps(4), TrainerHarness.OPENER);
        var rec = TrainerHarness.runToEnd(t);
        assertEquals(TrainerState.FINISHED, t.state(), t.message());
        assertEquals(List.of(3L, 4L), rec.steps.stream().map(StepMetrics::step).toList());
        assertTrue(t.await(1, TimeUnit.SECONDS));
    }

    /** Regenerates the fixture: mvn test -Dtest=CheckpointCompatibilityTest -Ddcgan.writeFixture=true */
    @Test
    @EnabledIfSystemProperty(named = "dcgan.writeFixture", matches = "true")
    void writeFixture() throws Exception {
        io.dcganexplorer.files.AtomicFiles.deleteTree(FIXTURE);
        DcganConfig cfg = new DcganConfig(16, 1, 8, 4, 4, KernelPreset.K4, ZPrior.UNIFORM);
        TrainingOptions opt = TrainingOptions.defaults().withDataset("faces:32").withBatchSize(4).withMaxSteps(2)
                .withIntervals(0, 0).withSampleCount(4);
        GanTrainer t = GanTrainer.create(FIXTURE, cfg, opt, TrainerHarness.OPENER);
        TrainerHarness.runToEnd(t);
        Files.deleteIfExists(FIXTURE.resolve("metrics.csv"));
        Path ckpt = t.run().latestCheckpoint().orElseThrow();
        float[] out = render(ckpt);
        TensorFile.write(EXPECTED, List.of(new TensorFile.Tensor("render", new long[] {out.length}, out)));
    }
}
