package io.dcganexplorer.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.dcganexplorer.data.DatasetSpec;
import io.dcganexplorer.data.ImageDataset;
import io.dcganexplorer.model.DcganConfig;
import io.dcganexplorer.model.Engines;
import io.dcganexplorer.model.Generator;
import io.dcganexplorer.model.Rng;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A short run on the built-in faces at 32x32 must move generated samples toward the data.
 *
 * <p>Measure: the pixel-statistics distance between 256 generated and 256 real images, the mean
 * squared difference of their per-pixel means plus that of their per-pixel standard deviations
 * (a first- and second-moment match; an untrained generator outputs near-uniform gray). The
 * trained generator must cut the untrained one's distance by at least 40% (it halves it here),
 * and over the last 20 steps the means of D(x) and D(G(z)) must stay inside (0.01, 0.99): early
 * in a DCGAN run D leads (D(G(z)) near 0.02 at step 150 on this data), but neither network may
 * have won outright.
 */
class LearningTest {
    static final int STEPS = 150;
    static final int N = 256;

    @TempDir
    Path tmp;

    @Test
    void shortRunOnFacesMovesSamplesTowardTheData() throws Exception {
        DcganConfig cfg = DcganConfig.preset(DcganConfig.Preset.PYTORCH, 32, 3).withFeatures(32, 32);
        TrainingOptions opt = TrainingOptions.defaults().withBatchSize(64).withMaxSteps(STEPS).withIntervals(0, 0);
        GanTrainer t = GanTrainer.create(tmp.resolve("learn"), cfg, opt, TrainerHarness.OPENER);
        var rec = TrainerHarness.runToEnd(t);
        assertEquals(TrainerState.FINISHED, t.state(), t.message());

        float[][] real = moments(realImages(cfg, opt.seed()), cfg);
        Engines.disableGradOnThisThread();
        float before;
        float after;
        try (NDManager m = Engines.get().newBaseManager()) {
            try (Generator untrained = new Generator(cfg, m)) {
                untrained.initialize(Rng.forPurpose(opt.seed(), "init-generator"));
                before = distance(moments(render(untrained, m), cfg), real);
            }
            try (Generator trained = Checkpoint.loadGenerator(t.run().latestCheckpoint().orElseThrow(), m)) {
                after = distance(moments(render(trained, m), cfg), real);
            }
        }
        System.out.printf("LearningTest: pixel-statistics distance %.5f untrained -> %.5f after %d steps%n", before,
                after, STEPS);
        assertTrue(after < 0.6f * before, "distance " + before + " -> " + after);

        List<StepMetrics> last = rec.steps.subList(rec.steps.size() - 20, rec.steps.size());
        double dx = last.stream().mapToDouble(StepMetrics::dReal).average().orElseThrow();
        double dgz = last.stream().mapToDouble(StepMetrics::dFakeAfter).average().orElseThrow();
        System.out.printf("LearningTest: last 20 steps mean D(x) %.3f, D(G(z)) %.3f%n", dx, dgz);
        for (int i = 9; i < rec.steps.size(); i += 10) {
            StepMetrics m = rec.steps.get(i);
            System.out.printf("  step %3d  Loss_D %.3f  Loss_G %.3f  D(x) %.3f  D(G(z)) %.3f / %.3f%n", m.step(),
                    m.lossD(), m.lossG(), m.dReal(), m.dFakeBefore(), m.dFakeAfter());
        }
        assertTrue(dx > 0.01 && dx < 0.99, "D(x) = " + dx);
        assertTrue(dgz > 0.01 && dgz < 0.99, "D(G(z)) = " + dgz);
    }

    static float[] realImages(DcganConfig cfg, long seed) throws Exception {
        int plane = cfg.channels() * cfg.imageSize() * cfg.imageSize();
        float[] out = new float[N * plane];
        try (ImageDataset d = DatasetSpec.parse("faces").open(cfg.imageSize(), cfg.channels(), seed)) {
            // images the run may not have seen first: the far end of the set
            for (int i = 0; i < N; i++) {
                d.read(d.size() - 1 - i, out, i * plane);
            }
        }
        return out;
    }

    static float[] render(Generator g, NDManager m) {
        DcganConfig cfg = g.config();
        float[] z = new Rng(99).latent(N, cfg.latentDim(), cfg.prior());
        try (NDManager scope = m.newSubManager()) {
            return g.forward(scope.create(z, new Shape(N, cfg.latentDim())), false, scope).toFloatArray();
        }
    }

    /** Per-pixel mean and standard deviation over the batch. */
    static float[][] moments(float[] images, DcganConfig cfg) {
        int plane = cfg.channels() * cfg.imageSize() * cfg.imageSize();
        float[] mean = new float[plane];
        float[] std = new float[plane];
        for (int p = 0; p < plane; p++) {
            double s = 0;
            double s2 = 0;
            for (int i = 0; i < N; i++) {
                double v = images[i * plane + p];
                s += v;
                s2 += v * v;
            }
            mean[p] = (float) (s / N);
            std[p] = (float) Math.sqrt(Math.max(0, s2 / N - mean[p] * mean[p]));
        }
        return new float[][] {mean, std};
    }

    static float distance(float[][] a, float[][] b) {
        double d = 0;
        for (int k = 0; k < 2; k++) {
            for (int p = 0; p < a[k].length; p++) {
                double e = a[k][p] - b[k][p];
                d += e * e;
            }
        }
        return (float) (d / a[0].length);
    }
}
