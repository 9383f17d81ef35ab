package io.dcganexplorer.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import io.dcganexplorer.model.DcganConfig;
import io.dcganexplorer.model.Discriminator;
import io.dcganexplorer.model.Engines;
import io.dcganexplorer.model.Ops;
import io.dcganexplorer.model.Param;
import io.dcganexplorer.model.Rng;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Our Adam (libtorch's fused update with the bias corrections folded into its step and epsilon)
 * against torch.optim.Adam's formula written out in double precision, over several steps.
 */
class AdamTest {

    @Test
    void fusedUpdateIsTorchsAdamAndClearsTheGradients() {
        double lr = 2e-4;
        double b1 = 0.5;
        double b2 = 0.999;
        double eps = 1e-8;
        Engine engine = Engines.get();
        Engines.disableGradOnThisThread();
        DcganConfig cfg = DcganConfig.preset(DcganConfig.Preset.PYTORCH, 16, 1).withFeatures(4, 4);
        try (NDManager m = engine.newBaseManager(); Discriminator d = new Discriminator(cfg, m)) {
            d.initialize(Rng.forPurpose(3, "adam-test"));
            Adam adam = new Adam(d, lr, b1, b2, m);
            List<Param> ps = d.parameters().stream().filter(Param::trainable).toList();
            List<double[]> mom = new ArrayList<>();
            List<double[]> vel = new ArrayList<>();
            for (Param p : ps) {
                mom.add(new double[(int) p.array().size()]);
                vel.add(new double[(int) p.array().size()]);
            }
            Random rnd = new Random(5);
            for (int t = 1; t <= 4; t++) {
                float[] px = new float[2 * 16 * 16];
                for (int i = 0; i < px.length; i++) {
                    px[i] = (float) rnd.nextGaussian();
                }
                try (NDManager step = m.newSubManager()) {
                    try (GradientCollector gc = engine.newGradientCollector()) {
                        NDArray logits = d.forward(Ops.images(step, px, 2, 1, 16), true);
                        gc.backward(logits.mul(logits).sum());
                    }
                    List<float[]> before = new ArrayList<>();
                    List<float[]> grads = new ArrayList<>();
                    for (Param p : ps) {
                        before.add(p.array().toFloatArray());
                        grads.add(Ops.own(step, p.array().getGradient()).toFloatArray());
                    }
                    adam.step(step);
                    double bc1 = 1 - Math.pow(b1, t);
                    double bc2 = 1 - Math.pow(b2, t);
                    for (int k = 0; k < ps.size(); k++) {
                        float[] w = ps.get(k).array().toFloatArray();
                        float[] g = grads.get(k);
                        double[] mk = mom.get(k);
                        double[] vk = vel.get(k);
                        for (int i = 0; i < w.length; i++) {
                            mk[i] = b1 * mk[i] + (1 - b1) * g[i];
                            vk[i] = b2 * vk[i] + (1 - b2) * g[i] * g[i];
                            double want = before.get(k)[i] - lr * (mk[i] / bc1) / (Math.sqrt(vk[i] / bc2) + eps);
                            assertEquals(want, w[i], 1e-3 * lr + 1e-6 * Math.abs(want),
                                    ps.get(k).name() + "[" + i + "] at step " + t);
                        }
                        for (float gi : Ops.own(step, ps.get(k).array().getGradient()).toFloatArray()) {
                            assertEquals(0f, gi, 0f, ps.get(k).name() + ": gradient not cleared at step " + t);
                        }
                    }
                }
            }
            assertEquals(4, adam.stepCount());
            assertTrue(ps.size() > 4);
            adam.close();
        }
    }

    /**
     * A gradient whose square would overflow v (or one that is not finite) is not applied: weights,
     * moments and step count stay, the gradients are cleared; a normal gradient after it is applied.
     */
    @Test
    void aGradientThatWouldOverflowTheSecondMomentIsSkipped() {
        Engine engine = Engines.get();
        Engines.disableGradOnThisThread();
        DcganConfig cfg = DcganConfig.preset(DcganConfig.Preset.PYTORCH, 16, 1).withFeatures(4, 4);
        try (NDManager m = engine.newBaseManager(); Discriminator d = new Discriminator(cfg, m)) {
            d.initialize(Rng.forPurpose(3, "adam-test"));
            Adam adam = new Adam(d, 2e-4, 0.5, 0.999, m);
            List<Param> ps = d.parameters().stream().filter(Param::trainable).toList();
            float[] px = new float[2 * 16 * 16];
            for (int i = 0; i < px.length; i++) {
                px[i] = (i % 7) / 7f - 0.5f;
            }
            float[] spikes = {2e19f, Float.POSITIVE_INFINITY, Float.NaN};
            for (int round = 0; round <= spikes.length; round++) {
                try (NDManager step = m.newSubManager()) {
                    try (GradientCollector gc = engine.newGradientCollector()) {
                        NDArray logits = d.forward(Ops.images(step, px, 2, 1, 16), true);
                        gc.backward(logits.mul(logits).sum());
                    }
                    boolean spiked = round < spikes.length;
                    if (spiked) {
                        // one element of the last layer's gradient blows up
                        NDArray g = Ops.own(step, ps.get(ps.size() - 1).array().getGradient());
                        float[] gv = g.toFloatArray();
                        gv[0] = spikes[round];
                        g.set(gv);
                    }
                    List<float[]> before = new ArrayList<>();
                    for (Param p : ps) {
                        before.add(p.array().toFloatArray());
                    }
                    Map<String, float[]> state = new java.util.LinkedHashMap<>();
                    adam.state().forEach((k, v) -> state.put(k, v.toFloatArray()));
                    boolean applied = adam.step(step);
                    assertEquals(!spiked, applied, "round " + round);
                    if (spiked) {
                        assertTrue(!(adam.lastMaxGradient() < Adam.GRADIENT_LIMIT), "max " + adam.lastMaxGradient());
                        assertEquals(0, adam.stepCount());
                        assertEquals(round + 1, adam.skippedSteps());
                        for (int k = 0; k < ps.size(); k++) {
                            org.junit.jupiter.api.Assertions.assertArrayEquals(before.get(k),
                                    ps.get(k).array().toFloatArray(), ps.get(k).name() + " moved");
                        }
                        adam.state().forEach((k, v) -> org.junit.jupiter.api.Assertions.assertArrayEquals(state.get(k),
                                v.toFloatArray(), k + " changed"));
                    } else {
                        assertTrue(adam.lastMaxGradient() > 0 && adam.lastMaxGradient() < 1e3,
                                "max " + adam.lastMaxGradient());
                        assertEquals(1, adam.stepCount());
                        boolean moved = false;
                        for (int k = 0; k < ps.size(); k++) {
                            moved |= !java.util.Arrays.equals(before.get(k), ps.get(k).array().toFloatArray());
                        }
                        assertTrue(moved, "a normal gradient is applied");
                        adam.state().forEach((k, v) -> {
                            for (float x : v.toFloatArray()) {
                                assertTrue(Float.isFinite(x), k);
                            }
                        });
                    }
                    for (Param p : ps) {
                        for (float gi : Ops.own(step, p.array().getGradient()).toFloatArray()) {
                            assertEquals(0f, gi, 0f, p.name() + ": gradient not cleared in round " + round);
                        }
                    }
                }
            }
            adam.close();
        }
    }
}
