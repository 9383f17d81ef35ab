package io.dcganexplorer.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.dcganexplorer.model.ChannelMoments;
import io.dcganexplorer.model.DcganConfig;
import io.dcganexplorer.model.Discriminator;
import io.dcganexplorer.model.Engines;
import io.dcganexplorer.model.Generator;
import io.dcganexplorer.model.KernelPreset;
import io.dcganexplorer.model.Param;
import io.dcganexplorer.model.Rng;
import io.dcganexplorer.model.ZPrior;
import io.dcganexplorer.train.TensorFile.Tensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link CheckpointAverage}: the mean of generators, BatchNorm re-estimated, inputs untouched. */
class CheckpointAverageTest {
    static final DcganConfig CFG = new DcganConfig(16, 3, 8, 8, 8, KernelPreset.K4, ZPrior.NORMAL);

    @TempDir
    Path tmp;

    @BeforeAll
    static void gradOff() {
        Engines.disableGradOnThisThread();
    }

    /** A checkpoint of step {@code step} whose networks are initialised from {@code seed}. */
    static Path checkpoint(Path dir, DcganConfig cfg, long step, long seed) throws IOException {
        try (NDManager m = Engines.get().newBaseManager()) {
            Generator g = new Generator(cfg, m);
            Discriminator d = new Discriminator(cfg, m);
            g.initialize(new Rng(seed));
            d.initialize(new Rng(seed + 1000));
            List<Tensor> t = new ArrayList<>(Checkpoint.tensorsOf("G", g));
            t.addAll(Checkpoint.tensorsOf("D", d));
            t.add(new Tensor("fixed_noise", new long[] {2, cfg.latentDim()},
                    new Rng(seed).latent(2, cfg.latentDim(), cfg.prior())));
            Checkpoint.Meta meta = new Checkpoint.Meta(Checkpoint.FORMAT, step, 1, 0, 7, step, step, 1.0, cfg,
                    Map.of("seed", "1"));
            return Checkpoint.write(dir, meta, t);
        }
    }

    static Map<String, Tensor> tensors(Path dir) throws IOException {
        return Checkpoint.readTensors(dir);
    }

    @Test
    void channelMomentsPoolBatchesExactly() {
        try (NDManager m = Engines.get().newBaseManager()) {
            Rng rng = new Rng(3);
            int c = 3;
            double[][] all = new double[c][];
            int[] filled = new int[c];
            int[] sizes = {5, 1, 9};
            int total = 0;
            for (int s : sizes) {
                total += s * 2 * 2;
            }
            for (int ch = 0; ch < c; ch++) {
                all[ch] = new double[total];
            }
            ChannelMoments mom = new ChannelMoments();
            for (int s : sizes) {
                float[] v = new float[s * c * 4];
                for (int i = 0; i < v.length; i++) {
                    v[i] = 3f * rng.gaussian() + (i / 4) % c; // channel means 0, 1, 2
                }
                for (int i = 0; i < v.length; i++) {
                    int ch = (i / 4) % c;
                    all[ch][filled[ch]++] = v[i];
                }
                mom.add(m.create(v, new Shape(s, c, 2, 2)));
            }
            assertEquals(total, mom.count());
            for (int ch = 0; ch < c; ch++) {
                double mean = java.util.Arrays.stream(all[ch]).average().orElseThrow();
                double ss = 0;
                for (double x : all[ch]) {
                    ss += (x - mean) * (x - mean);
                }
                assertEquals(mean, mom.mean()[ch], 1e-5, "mean of channel " + ch);
                assertEquals(ss / (total - 1), mom.unbiasedVariance()[ch], 1e-4, "variance of channel " + ch);
            }
        }
    }

    @Test
    void theGeneratorIsTheMeanAndItsBatchNormStatisticsAreThoseOfItsOwnInputs() throws Exception {
        Path ckpts = tmp.resolve("run/checkpoints");
        Path a = checkpoint(ckpts, CFG, 100, 1);
        Path b = checkpoint(ckpts, CFG, 200, 2);
        Path c = checkpoint(ckpts, CFG, 300, 3);
        byte[] before = Files.readAllBytes(c.resolve(Checkpoint.TENSORS));
        Path out = tmp.resolve("run/averaged/x");
        try (NDManager m = Engines.get().newBaseManager()) {
            var r = CheckpointAverage.average(List.of(c, a, b), out, 64, 16, 5, m, CheckpointAverage.Progress.NONE);
            assertEquals(List.of(100L, 200L, 300L), r.steps());
        }
        Map<String, Tensor> ta = tensors(a);
        Map<String, Tensor> tb = tensors(b);
        Map<String, Tensor> tc = tensors(c);
        Map<String, Tensor> avg = tensors(out);
        int checked = 0;
        for (Tensor t : avg.values()) {
            String n = t.name();
            if (n.startsWith("G/") && !n.contains("running_")) {
                float[] want = new float[t.data().length];
                for (int i = 0; i < want.length; i++) {
                    want[i] = (ta.get(n).data()[i] + tb.get(n).data()[i] + tc.get(n).data()[i]) / 3f;
                }
                assertArrayEquals(want, t.data(), 1e-6f, n);
                checked++;
            } else if (n.startsWith("D/") || n.equals("fixed_noise")) {
                assertArrayEquals(tc.get(n).data(), t.data(), n + " is the newest checkpoint's");
            }
        }
        assertTrue(checked >= 5, "weights, gammas and betas compared: " + checked);
        assertEquals(tc.keySet().stream().filter(k -> k.startsWith("G/") || k.startsWith("D/")).count() + 1,
                avg.size(), "G, D and the fixed noise, no optimiser state");
        Checkpoint.Meta meta = Checkpoint.readMeta(out);
        assertEquals(300, meta.step());
        assertTrue(CheckpointAverage.isAveraged(meta));
        assertTrue(meta.provenance().get(CheckpointAverage.AVERAGED_FROM).contains("100,200,300"));
        assertFalse(CheckpointAverage.isAveraged(Checkpoint.readMeta(c)));
        assertArrayEquals(before, Files.readAllBytes(c.resolve(Checkpoint.TENSORS)), "inputs are only read");

        // The running statistics are the pooled statistics of the averaged generator's own
        // BatchNorm inputs over the same z, in the same batches.
        try (NDManager m = Engines.get().newBaseManager(); Generator g = Checkpoint.loadGenerator(out, m)) {
            Map<String, float[]> stored = new java.util.HashMap<>();
            for (Param p : g.parameters()) {
                stored.put(p.name(), p.array().toFloatArray());
            }
            ChannelMoments[] mom = new ChannelMoments[g.batchNormLayers()];
            for (int i = 0; i < mom.length; i++) {
                mom[i] = new ChannelMoments();
            }
            Rng rng = Rng.forPurpose(5, "bn-reestimation");
            for (int k = 0; k < 4; k++) {
                float[] z = rng.latent(16, CFG.latentDim(), CFG.prior());
                try (NDManager s = m.newSubManager()) {
                    g.forwardTapped(s.create(z, new Shape(16, CFG.latentDim())), s, (x, i) -> mom[i].add(x));
                }
            }
            for (int i = 0; i < mom.length; i++) {
                assertArrayEquals(mom[i].mean(), stored.get("g." + i + ".bn.running_mean"), 1e-5f, "layer " + i);
                assertArrayEquals(mom[i].unbiasedVariance(), stored.get("g." + i + ".bn.running_var"), 1e-4f,
                        "layer " + i);
                assertNotEquals(1f, stored.get("g." + i + ".bn.running_var")[0], "re-estimated, not the init's 1");
            }
        }
    }

    @Test
    void refusesAnExistingOutputADuplicateStepAndAnotherArchitecture() throws Exception {
        Path ckpts = tmp.resolve("run/checkpoints");
        Path a = checkpoint(ckpts, CFG, 100, 1);
        Path b = checkpoint(ckpts, CFG, 200, 2);
        Path other = checkpoint(tmp.resolve("other/checkpoints"), new DcganConfig(16, 3, 8, 16, 8,
                KernelPreset.K4, ZPrior.NORMAL), 300, 3);
        Path dup = checkpoint(tmp.resolve("dup/checkpoints"), CFG, 200, 4);
        Path existing = Files.createDirectories(tmp.resolve("existing"));
        Files.writeString(existing.resolve("keep.txt"), "mine");
        try (NDManager m = Engines.get().newBaseManager()) {
            IOException e = assertThrows(IOException.class, () -> CheckpointAverage.average(List.of(a, b), existing,
                    16, 8, 1, m, CheckpointAverage.Progress.NONE));
            assertTrue(e.getMessage().contains("already exists"), e.getMessage());
            assertEquals("mine", Files.readString(existing.resolve("keep.txt")));
            e = assertThrows(IOException.class, () -> CheckpointAverage.average(List.of(a, other), tmp.resolve("o1"),
                    16, 8, 1, m, CheckpointAverage.Progress.NONE));
            assertTrue(e.getMessage().contains(other.toString()) && e.getMessage().contains("architecture"),
                    e.getMessage());
            e = assertThrows(IOException.class, () -> CheckpointAverage.average(List.of(a, b, dup), tmp.resolve("o2"),
                    16, 8, 1, m, CheckpointAverage.Progress.NONE));
            assertTrue(e.getMessage().contains("both step 200"), e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> CheckpointAverage.average(List.of(a), tmp.resolve("o3"),
                    16, 8, 1, m, CheckpointAverage.Progress.NONE));
            assertFalse(Files.exists(tmp.resolve("o1")) || Files.exists(tmp.resolve("o2"))
                    || Files.exists(tmp.resolve("o3")));
        }
    }
}
