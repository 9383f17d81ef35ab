package io.dcganexplorer.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import io.dcganexplorer.TinyRun;
import io.dcganexplorer.data.LabelledIdx;
import io.dcganexplorer.eval.RepresentationProbe.DrawResult;
import io.dcganexplorer.eval.RepresentationProbe.Method;
import io.dcganexplorer.eval.RepresentationProbe.Options;
import io.dcganexplorer.model.DcganConfig;
import io.dcganexplorer.model.Discriminator;
import io.dcganexplorer.model.Engines;
import io.dcganexplorer.model.Ops;
import io.dcganexplorer.model.Param;
import io.dcganexplorer.model.Rng;
import io.dcganexplorer.train.Checkpoint;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RepresentationProbeTest {
    static final double CHANCE = 1.0 - 1.0 / ProbeFixture.CLASSES;
    static final Path CHECKPOINT = TinyRun.PATH.resolve("checkpoints/step-000002");

    @TempDir
    static Path tmp;

    static LabelledIdx data;

    @BeforeAll
    static void fixture() throws Exception {
        Path dir = ProbeFixture.write(tmp.resolve("idx"), 60, 30, 7);
        data = LabelledIdx.open(dir, 16, 1);
    }

    static Options small(Set<Method> methods) {
        return Options.defaults().withLabelCounts(List.of(30)).withDraws(2).withSeed(3).withMethods(methods)
                .withBnImages(120).withSupervised(60, 3, 10);
    }

    @Test
    void fixtureReadsLabelsAndTheGzippedTestSplit() {
        assertEquals(180, data.train().size());
        assertEquals(90, data.test().size());
        assertEquals(3, data.classes());
        assertEquals(List.of(0, 1, 2, 0), Arrays.stream(data.testLabels()).limit(4).boxed().toList());
    }

    @Test
    void linearSvmOnRawPixelsAndOnDiscriminatorFeaturesBeatsChanceAndLeavesTheCheckpointAlone() throws Exception {
        byte[] before = Files.readAllBytes(CHECKPOINT.resolve("tensors.bin"));
        var r = RepresentationProbe.run(CHECKPOINT, data, small(EnumSet.of(Method.D_FEATURES, Method.RAW_PIXELS)),
                ProbeListener.NONE);
        assertEquals(4, r.draws().size());
        assertEquals(192, r.featureCount());
        for (Method m : List.of(Method.D_FEATURES, Method.RAW_PIXELS)) {
            var cell = r.cell(30, m);
            assertEquals(2, cell.n());
            assertTrue(cell.mean() < CHANCE / 2, m + " test error " + cell.mean() + " vs chance " + CHANCE);
        }
        for (DrawResult d : r.draws()) {
            assertEquals(30, d.labelled());
            assertEquals(d.labelled(), d.fitSize() + d.validationSize());
            assertTrue(Arrays.stream(LinearSvm.DEFAULT_C_GRID).anyMatch(c -> c == d.c()), "C " + d.c());
        }
        assertArrayEquals(before, Files.readAllBytes(CHECKPOINT.resolve("tensors.bin")));
    }

    @Test
    void supervisedBaselineTrainsEarlyStopsAndBeatsChance() throws Exception {
        var r = RepresentationProbe.run(CHECKPOINT, data, small(EnumSet.of(Method.SUPERVISED)), ProbeListener.NONE);
        var cell = r.cell(30, Method.SUPERVISED);
        assertEquals(2, cell.n());
        assertTrue(cell.mean() < CHANCE / 2, "supervised test error " + cell.mean());
        for (DrawResult d : r.draws()) {
            assertTrue(d.steps() > 0 && d.steps() <= 60 && d.bestStep() <= d.steps(), d.toString());
            assertTrue(Double.isNaN(d.c()));
        }
    }

    @Test
    void drawsAreClassBalancedSeededAndDisjointFromValidation() {
        int[] labels = data.trainLabels();
        var d = RepresentationProbe.draw(labels, 3, 30, 0.2, 5, 0);
        int[] perClass = new int[3];
        int[] valPerClass = new int[3];
        Set<Integer> fit = new HashSet<>();
        for (int i : d.fit()) {
            perClass[labels[i]]++;
            assertTrue(fit.add(i), "fit index repeated: " + i);
        }
        for (int i : d.validation()) {
            perClass[labels[i]]++;
            valPerClass[labels[i]]++;
            assertTrue(!fit.contains(i), "validation image " + i + " also in the fit split");
        }
        assertArrayEquals(new int[] {10, 10, 10}, perClass);
        assertArrayEquals(new int[] {2, 2, 2}, valPerClass);
        var again = RepresentationProbe.draw(labels, 3, 30, 0.2, 5, 0);
        assertArrayEquals(d.fit(), again.fit());
        assertArrayEquals(d.validation(), again.validation());
        var other = RepresentationProbe.draw(labels, 3, 30, 0.2, 5, 1);
        assertNotEquals(Arrays.toString(d.labelled()), Arrays.toString(other.labelled()));
        // an uneven count: as equal as possible
        var uneven = RepresentationProbe.draw(labels, 3, 31, 0.2, 5, 0);
        int[] u = new int[3];
        Arrays.stream(uneven.labelled()).forEach(i -> u[labels[i]]++);
        assertEquals(31, Arrays.stream(u).sum());
        assertTrue(Arrays.stream(u).max().getAsInt() - Arrays.stream(u).min().getAsInt() <= 1, Arrays.toString(u));
        assertThrows(IllegalArgumentException.class, () -> RepresentationProbe.draw(labels, 3, 5, 0.2, 5, 0));
    }

    @Test
    void selectionReadsOnlyTheLabelledRows() {
        int[] labels = data.trainLabels();
        var d = RepresentationProbe.draw(labels, 3, 30, 0.2, 5, 0);
        Set<Integer> allowed = new HashSet<>();
        Arrays.stream(d.labelled()).forEach(allowed::add);
        List<Integer> touched = new ArrayList<>();
        LinearSvm.select(i -> {
            touched.add(i);
            return ProbeData.read(data.train(), new int[] {i}, 0, 1);
        }, labels, d.fit(), d.validation(), LinearSvm.DEFAULT_C_GRID, () -> false);
        assertTrue(!touched.isEmpty());
        assertTrue(allowed.containsAll(touched), "selection read rows outside the labelled draw");
    }

    @Test
    void theChosenCDoesNotDependOnTheTestLabels() throws Exception {
        Options o = small(EnumSet.of(Method.D_FEATURES, Method.RAW_PIXELS));
        var honest = RepresentationProbe.run(CHECKPOINT, data, o, ProbeListener.NONE);
        int[] scrambled = data.testLabels().clone();
        ProbeData.shuffle(scrambled, new Rng(11));
        LabelledIdx liar = new LabelledIdx(data.train(), data.trainLabels(), data.test(), scrambled, data.classes());
        var lied = RepresentationProbe.run(CHECKPOINT, liar, o, ProbeListener.NONE);
        double honestErr = 0;
        double liedErr = 0;
        for (int k = 0; k < honest.draws().size(); k++) {
            DrawResult a = honest.draws().get(k);
            DrawResult b = lied.draws().get(k);
            assertEquals(a.c(), b.c(), "C of " + a);
            assertEquals(a.validationError(), b.validationError());
            honestErr += a.testError();
            liedErr += b.testError();
        }
        assertTrue(liedErr > honestErr,
                "scrambled test labels must show as test error: " + liedErr + " vs " + honestErr);
    }

    @Test
    void cancelStopsTheProbeBetweenBatches() {
        List<String> phases = new ArrayList<>();
        ProbeListener cancelAtFeatures = new ProbeListener() {
            @Override
            public void onProgress(ProbeProgress p) {
                if (phases.isEmpty() || !phases.get(phases.size() - 1).equals(p.phase())) {
                    phases.add(p.phase());
                }
                assertTrue(p.fraction() >= 0 && p.fraction() <= 1);
            }

            @Override
            public boolean isCancelled() {
                return phases.size() >= 2; // once feature extraction has begun
            }
        };
        assertThrows(CancellationException.class, () -> RepresentationProbe.run(CHECKPOINT, data,
                small(EnumSet.allOf(Method.class)), cancelAtFeatures));
        assertEquals(List.of("BatchNorm statistics", "features: training images"), phases);
        // the supervised baseline stops too
        ProbeListener cancelInTraining = new ProbeListener() {
            long steps;

            @Override
            public void onProgress(ProbeProgress p) {
                if (p.phase().startsWith("supervised")) {
                    steps = p.done();
                }
            }

            @Override
            public boolean isCancelled() {
                return steps >= 3;
            }
        };
        assertThrows(CancellationException.class, () -> RepresentationProbe.run(CHECKPOINT, data,
                small(EnumSet.of(Method.SUPERVISED)), cancelInTraining));
    }

    @Test
    void batchNormReestimatedOnOneBatchMakesInferenceEqualTraining() throws Exception {
        Engines.disableGradOnThisThread();
        try (NDManager root = Engines.get().newBaseManager()) {
            Checkpoint.Meta meta = Checkpoint.readMeta(CHECKPOINT);
            DcganConfig cfg = meta.config();
            Discriminator d = new Discriminator(cfg, root);
            Checkpoint.load("D", d, Checkpoint.readTensors(CHECKPOINT), CHECKPOINT);
            int n = 96;
            int[] idx = ProbeData.range(n);
            float[] images = ProbeData.read(data.train(), idx, 0, n);
            BatchNormReestimation.Images all = new BatchNormReestimation.Images() {
                @Override
                public int count() {
                    return n;
                }

                @Override
                public float[] read(int from, int k) {
                    return Arrays.copyOfRange(images, from * 256, (from + k) * 256);
                }
            };
            float[] stored = running(d);
            // in batches of 32: the pooled statistics differ from the stored ones
            BatchNormReestimation.reestimate(d, all, 32, root, BatchNormReestimation.Progress.NONE);
            float[] pooled = running(d);
            assertTrue(maxDiff(stored, pooled) > 1e-3, "re-estimation changed nothing");
            // in one batch: inference with the new statistics is training mode on that batch
            BatchNormReestimation.reestimate(d, all, n, root, BatchNormReestimation.Progress.NONE);
            float[] single = running(d);
            try (NDManager m = root.newSubManager()) {
                NDArray x = Ops.images(m, images, n, 1, 16);
                NDList train = d.features(x, true);
                float[] t = train.get(1).toFloatArray();
                BatchNormReestimation.reestimate(d, all, n, root, BatchNormReestimation.Progress.NONE);
                float[] inf = d.features(x, false).get(1).toFloatArray();
                assertTrue(maxDiff(t, inf) < 1e-3, "inference vs training activations differ by " + maxDiff(t, inf));
            }
            // the batch split changes the statistics only a little (exact pooling)
            assertTrue(maxDiff(pooled, single) < 0.05 * (1 + maxAbs(single)), "pooled " + maxDiff(pooled, single));
        }
    }

    private static float[] running(Discriminator d) {
        List<Float> v = new ArrayList<>();
        for (Param p : d.parameters()) {
            if (p.name().contains("running")) {
                for (float f : p.array().toFloatArray()) {
                    v.add(f);
                }
            }
        }
        float[] out = new float[v.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = v.get(i);
        }
        return out;
    }

    private static double maxDiff(float[] a, float[] b) {
        double m = 0;
        for (int i = 0; i < a.length; i++) {
            m = Math.max(m, Math.abs(a[i] - b[i]));
        }
        return m;
    }

    private static double maxAbs(float[] a) {
        double m = 0;
        for (float v : a) {
            m = Math.max(m, Math.abs(v));
        }
        return m;
    }
}
