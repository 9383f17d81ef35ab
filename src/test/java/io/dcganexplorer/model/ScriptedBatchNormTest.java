package io.dcganexplorer.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.GradientCollector;
import java.util.Random;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.ParameterizedTest;

/**
 * The fused BatchNorm + in-place activation ({@link Scripted#batchNormActivation}) against DJL's
 * out-of-place BatchNorm and activation: outputs, the gradients of input, gamma and beta, and the
 * running statistics it updates, in training and in inference mode.
 */
class ScriptedBatchNormTest {

    @ParameterizedTest
    @EnumSource(Scripted.Activation.class)
    void fusedStageMatchesDjlOps(Scripted.Activation act) {
        Engine engine = Engines.get();
        Engines.disableGradOnThisThread();
        int n = 4;
        int c = 6;
        int s = 5;
        Random rnd = new Random(act.ordinal() + 3);
        float[] px = new float[n * c * s * s];
        for (int i = 0; i < px.length; i++) {
            px[i] = (float) (rnd.nextGaussian() * 2 + 0.5);
        }
        float[] gamma = new float[c];
        float[] beta = new float[c];
        for (int i = 0; i < c; i++) {
            gamma[i] = 1f + 0.3f * (float) rnd.nextGaussian();
            beta[i] = 0.2f * (float) rnd.nextGaussian();
        }
        for (boolean training : new boolean[] {true, false}) {
            float[][] fused = run(engine, px, gamma, beta, n, c, s, training, act, true);
            float[][] plain = run(engine, px, gamma, beta, n, c, s, training, act, false);
            String[] what = {"output", "input gradient", "gamma gradient", "beta gradient", "running mean",
                "running var"};
            for (int i = 0; i < what.length; i++) {
                assertArrayEquals(plain[i], fused[i], 1e-5f, what[i] + (training ? " (training)" : " (inference)"));
            }
        }
    }

    private static float[][] run(Engine engine, float[] px, float[] gamma, float[] beta, int n, int c, int s,
            boolean training, Scripted.Activation act, boolean fused) {
        try (NDManager m = engine.newBaseManager()) {
            NDArray x = Ops.images(m, px, n, c, s);
            NDArray g = m.create(gamma);
            NDArray b = m.create(beta);
            NDArray mean = m.create(new float[c]).add(0.25f);
            NDArray var = m.ones(new Shape(c)).mul(1.5f);
            x.setRequiresGradient(true);
            g.setRequiresGradient(true);
            b.setRequiresGradient(true);
            NDArray y;
            try (GradientCollector gc = engine.newGradientCollector()) {
                if (fused) {
                    y = Scripted.batchNormActivation(x, g, b, mean, var, training, 1.0 - Network.BN_MOMENTUM,
                            Network.BN_EPS, act);
                } else {
                    NDArray bn = BatchNorm.batchNorm(x, mean, var, g, b, 1, Network.BN_MOMENTUM, Network.BN_EPS,
                            training).singletonOrThrow();
                    y = act == Scripted.Activation.RELU ? Activation.relu(bn) : Activation.leakyRelu(bn, 0.2f);
                }
                // A weighting that is not symmetric, so every gradient is non-trivial.
                gc.backward(y.mul(y).sum().add(y.sum()));
            }
            return new float[][] {y.toFloatArray(), x.getGradient().toFloatArray(), g.getGradient().toFloatArray(),
                b.getGradient().toFloatArray(), mean.toFloatArray(), var.toFloatArray()};
        }
    }
}
