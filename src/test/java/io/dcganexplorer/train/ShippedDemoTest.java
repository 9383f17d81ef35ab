package io.dcganexplorer.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dcganexplorer.TinyDemo;
import io.dcganexplorer.TinyRun;
import io.dcganexplorer.eval.ScoreLog;
import io.dcganexplorer.latent.LatentStore;
import io.dcganexplorer.train.TensorFile.Tensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShippedDemoTest {
    @TempDir
    Path tmp;

    @Test
    void packedDemoExtractsOnceAsAReadOnlyRunWithHalfPrecisionWeights() throws Exception {
        try (TinyDemo demo = TinyDemo.install(tmp)) {
            DemoPack.Report r = demo.report();
            assertTrue(r.maxPixelDifference() >= 0 && r.maxPixelDifference() < 2, "within 2/255: " + r);
            assertFalse(Files.exists(demo.packed().resolve("tensors.bin")));
            Map<String, Tensor> original = Checkpoint.readTensors(TinyRun.PATH.resolve("checkpoints/step-000002"));
            assertTrue(original.keySet().stream().anyMatch(n -> n.startsWith("adam")), "the fixture has Adam moments");

            ShippedDemo.Opened first = ShippedDemo.open();
            assertTrue(first.extracted());
            Path dir = first.runDir();
            assertEquals(demo.cache().resolve("demo"), dir.getParent());
            assertTrue(RunDirectory.isReadOnly(dir) && ShippedDemo.isDemo(dir));
            RunDirectory run = RunDirectory.open(dir);
            assertEquals(RunDirectory.open(TinyRun.PATH).config(), run.config());
            assertEquals("2", run.provenance().get("demo_step"));
            Path cp = run.latestCheckpoint().orElseThrow();
            Map<String, Tensor> got = Checkpoint.readTensors(cp);
            assertFalse(got.keySet().stream().anyMatch(n -> n.startsWith("adam")), "no optimiser: " + got.keySet());
            for (Tensor t : got.values()) {
                float[] want = original.get(t.name()).data().clone();
                for (int i = 0; i < want.length; i++) {
                    want[i] = Half.round(want[i]);
                }
                assertArrayEquals(want, t.data(), t.name());
            }
            assertTrue(got.containsKey("fixed_noise"));
            assertEquals(1, LatentStore.read(dir, 8).directions().size());

            ShippedDemo.Opened again = ShippedDemo.open();
            assertFalse(again.extracted(), "warm: found, not extracted again");
            assertEquals(dir, again.runDir());
            try (var s = Files.list(dir.getParent())) {
                assertEquals(1, s.count(), "no temporary folder left behind");
            }
        }
    }

    @Test
    void everyWriteIntoTheDemoIsRefusedSayingWhatToDo() throws Exception {
        try (TinyDemo demo = TinyDemo.install(tmp)) {
            Path dir = ShippedDemo.open().runDir();
            RunDirectory run = RunDirectory.open(dir);
            String config = Files.readString(run.configFile());
            var e = assertThrows(RunDirectory.ReadOnlyRunException.class,
                    () -> run.updateOptions(run.options().withMaxSteps(9)));
            assertTrue(e.getMessage().contains("the shipped demo is read-only") && e.getMessage().contains(
                    "--init-from demo"), e.getMessage());
            assertThrows(RunDirectory.ReadOnlyRunException.class, () -> run.recordProvenance("x", "y"));
            var latents = assertThrows(RunDirectory.ReadOnlyRunException.class,
                    () -> LatentStore.update(dir, 8, s -> s.putDirection("turn", new float[8])));
            assertTrue(latents.getMessage().contains(LatentStore.FILE), latents.getMessage());
            var score = assertThrows(RunDirectory.ReadOnlyRunException.class,
                    () -> ScoreLog.append(dir, new ScoreLog.Row(2, 1, 2, 0, 3, 0.5, 1, "cli:x")));
            assertTrue(score.getMessage().contains("--out"), score.getMessage());
            var resume = assertThrows(RunDirectory.ReadOnlyRunException.class,
                    () -> GanTrainer.resume(dir, o -> o, (spec, size, ch, seed) -> null));
            assertTrue(resume.getMessage().contains("--init-from demo"), resume.getMessage());
            assertEquals(config, Files.readString(run.configFile()));
            assertFalse(Files.exists(dir.resolve(".lock")));
            assertFalse(Files.exists(dir.resolve(ScoreLog.FILE)));
            assertEquals(1, LatentStore.read(dir, 8).directions().size());
        }
    }

    @Test
    void halfPrecisionBeyondTheLimitWritesNothing() throws Exception {
        Path cp = TinyRun.PATH.resolve("checkpoints/step-000002");
        Path out = tmp.resolve("strict");
        IOException e = assertThrows(IOException.class, () -> DemoPack.pack(TinyRun.PATH, cp, null, out,
                PackedTensors.Precision.HALF, false, 0.0));
        assertTrue(e.getMessage().contains("nothing was written"), e.getMessage());
        assertFalse(Files.exists(out));
        DemoPack.Report full = DemoPack.pack(TinyRun.PATH, cp, null, out, PackedTensors.Precision.FULL, false, 0.0);
        assertEquals(0.0, full.maxPixelDifference(), "full precision is the checkpoint's values");
        assertTrue(full.weightsBytes() > 0 && Files.exists(out.resolve(DemoPack.INDEX)));
    }

    @Test
    void aMissingOrDamagedDemoIsNamed() throws Exception {
        try (TinyDemo demo = TinyDemo.install(tmp)) {
            Path weights = demo.packed().resolve(DemoPack.WEIGHTS);
            byte[] b = Files.readAllBytes(weights);
            b[b.length / 2] ^= 1;
            Files.write(weights, b);
            IOException e = assertThrows(IOException.class, ShippedDemo::open);
            assertTrue(e.getMessage().contains(weights.toString()) && e.getMessage().contains("damaged"),
                    e.getMessage());
            assertFalse(Files.exists(demo.cache().resolve("demo")) && Files.list(demo.cache().resolve("demo"))
                    .findAny().isPresent(), "nothing half-extracted is left");

            System.setProperty(ShippedDemo.PROPERTY, tmp.resolve("nowhere").toString());
            assertFalse(ShippedDemo.available());
            IOException missing = assertThrows(IOException.class, ShippedDemo::open);
            assertTrue(missing.getMessage().contains("ships no demo model yet"), missing.getMessage());
        }
    }
}
