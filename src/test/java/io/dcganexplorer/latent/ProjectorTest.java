package io.dcganexplorer.latent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.dcganexplorer.model.DcganConfig;
import io.dcganexplorer.model.Discriminator;
import io.dcganexplorer.model.Engines;
import io.dcganexplorer.model.Generator;
import io.dcganexplorer.model.Rng;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Projection on a tiny random-initialised model (16x16 RGB, widths 8, z of 16, normal prior): the
 * image of a known z* is found again.
 */
class ProjectorTest {
    static final DcganConfig CFG = DcganConfig.preset(DcganConfig.Preset.PYTORCH, 16, 3).withFeatures(8, 8)
            .withLatentDim(16);
    static final int STEPS = 100;

    /** RMSE in [0, 1] pixel units. */
    static double rmse(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += (a[i] - b[i]) * (a[i] - b[i]);
        }
        return Math.sqrt(s / a.length) / 2;
    }

    static double distance(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += (a[i] - b[i]) * (a[i] - b[i]);
        }
        return Math.sqrt(s);
    }

    static float[] render(Generator g, float[] z) {
        try (NDManager m = Engines.get().newBaseManager()) {
            return g.forward(m.create(z, new Shape(1, z.length)), false, m).toFloatArray();
        }
    }

    /** A random-init G with its running statistics set from a batch, so its images are far from flat. */
    static Generator generator(NDManager root) {
        Generator g = new Generator(CFG, root);
        g.initialize(Rng.forPurpose(3, "init-generator"));
        // Training-mode passes move the running statistics to the batch's (momentum 0.1): afterwards
        // inference normalises as training does, and the images span the tanh's range.
        float[] z = new Rng(7).latent(64, CFG.latentDim(), CFG.prior());
        for (int i = 0; i < 60; i++) {
            try (NDManager m = root.newSubManager()) {
                g.forward(m.create(z, new Shape(64, CFG.latentDim())), true, m);
            }
        }
        return g;
    }

    @Test
    void theImageOfAKnownZIsRecovered() {
        Engines.disableGradOnThisThread();
        try (NDManager root = Engines.get().newBaseManager();
                Generator g = generator(root);
                Discriminator d = new Discriminator(CFG, root)) {
            d.initialize(Rng.forPurpose(3, "init-discriminator"));
            float[] zStar = new Rng(42).latent(1, CFG.latentDim(), CFG.prior());
            float[] target = render(g, zStar);
            float[] other = render(g, new Rng(43).latent(1, CFG.latentDim(), CFG.prior()));
            double baseline = rmse(other, target);
            try (Projector p = Projector.of(g, d)) {
                Projector.Result r = p.project(target, Projector.Settings.of(STEPS, 4, 1), Projector.Listener.NONE,
                        () -> false);
                assertFalse(r.cancelled());
                assertEquals(STEPS, r.lossCurve().length);
                double got = rmse(render(g, r.z()), target);
                System.out.printf("projection: pixel RMSE %.5f (another z's image: %.5f), |z - z*| %.3f (|z*| %.3f),"
                        + " D-feature distance %.4f, %d ms%n", got, baseline, distance(r.z(), zStar),
                        distance(zStar, new float[zStar.length]), r.featureDistance(), r.millis());
                assertEquals(got, r.pixelRmse(), 1e-4, "the reported RMSE is the image's");
                assertTrue(got < baseline / 5, "projected image within a fifth of a random z's distance: " + got
                        + " vs " + baseline);
                assertTrue(distance(r.z(), zStar) < 0.25 * distance(zStar, new float[zStar.length]),
                        "z within a quarter of |z*| of z*: " + distance(r.z(), zStar));
                assertTrue(r.lossCurve()[STEPS - 1] < r.lossCurve()[0] / 10, "the loss fell tenfold");
            }
        }
    }

    @Test
    void cancellingStopsAtTheNextStep() {
        Engines.disableGradOnThisThread();
        try (NDManager root = Engines.get().newBaseManager();
                Generator g = generator(root);
                Discriminator d = new Discriminator(CFG, root)) {
            d.initialize(Rng.forPurpose(3, "init-discriminator"));
            float[] target = render(g, new Rng(42).latent(1, CFG.latentDim(), CFG.prior()));
            AtomicBoolean cancel = new AtomicBoolean();
            AtomicInteger previews = new AtomicInteger();
            try (Projector p = Projector.of(g, d)) {
                Projector.Result r = p.project(target, Projector.Settings.of(1000, 4, 1), (step, steps, loss, img) -> {
                    if (img != null) {
                        previews.incrementAndGet();
                        assertEquals(16, img.width());
                    }
                    if (step == 12) {
                        cancel.set(true);
                    }
                }, cancel::get);
                assertTrue(r.cancelled());
                assertEquals(12, r.lossCurve().length, "no step after the one that asked");
                assertEquals(1, previews.get(), "a preview at step 10");
                assertEquals(CFG.latentDim(), r.z().length);
                assertEquals(3 * 16 * 16, r.image().length);
            }
        }
    }
}
