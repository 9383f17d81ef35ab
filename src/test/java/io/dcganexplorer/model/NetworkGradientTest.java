package io.dcganexplorer.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The generator's update holds D's parameters out of the backward pass
 * ({@link Network#recordParameterGradients}): the gradient reaching D's input must be the one a
 * full backward gives, and D's parameter gradients must be left exactly as they were.
 */
class NetworkGradientTest {

    @Test
    void heldOutParametersStillPassTheInputGradientAndKeepTheirOwn() {
        Engine engine = Engines.get();
        Engines.disableGradOnThisThread();
        DcganConfig cfg = DcganConfig.preset(DcganConfig.Preset.PYTORCH, 16, 3).withFeatures(4, 4);
        float[] px = new float[2 * 3 * 16 * 16];
        Random rnd = new Random(11);
        for (int i = 0; i < px.length; i++) {
            px[i] = (float) rnd.nextGaussian();
        }
        try (NDManager m = engine.newBaseManager(); Discriminator d = new Discriminator(cfg, m)) {
            d.initialize(Rng.forPurpose(4, "freeze-test"));
            float[] full = inputGradient(engine, d, m, px);
            List<float[]> paramGrads = new ArrayList<>();
            for (Param p : d.parameters()) {
                if (p.trainable()) {
                    assertTrue(p.array().hasGradient(), p.name());
                    paramGrads.add(p.array().getGradient().toFloatArray());
                }
            }

            d.recordParameterGradients(false);
            float[] held;
            try {
                for (Param p : d.parameters()) {
                    assertFalse(p.array().hasGradient(), p.name() + " still records");
                }
                held = inputGradient(engine, d, m, px);
            } finally {
                d.recordParameterGradients(true);
            }
            assertArrayEquals(full, held, 1e-6f, "input gradient");
            int i = 0;
            for (Param p : d.parameters()) {
                if (p.trainable()) {
                    // Unchanged: the second backward added nothing to them.
                    assertArrayEquals(paramGrads.get(i++), p.array().getGradient().toFloatArray(), 0f, p.name());
                }
            }
        }
    }

    private static float[] inputGradient(Engine engine, Discriminator d, NDManager m, float[] px) {
        try (NDManager step = m.newSubManager()) {
            NDArray x = Ops.images(step, px, 2, 3, 16);
            x.setRequiresGradient(true);
            try (GradientCollector gc = engine.newGradientCollector()) {
                NDArray logits = d.forward(x, true);
                gc.backward(logits.mul(logits).sum());
            }
            return x.getGradient().toFloatArray();
        }
    }
}
