package io.dcganexplorer.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.util.ArrayList;
import java.util.List;

/**
 * DCGAN discriminator, the generator's mirror: stride-2 convolutions halving the size each stage,
 * LeakyReLU(0.2) everywhere, BatchNorm on every stage but the input one, and the last 4x4 map
 * flattened into one logit by a 4x4 valid convolution (paper, section 3). For 64x64 with ndf = 64:
 *
 * <pre>
 * x (N, C, 64, 64)
 *   conv s2 -> (N, ndf, 32, 32)    LReLU
 *   conv s2 -> (N, ndf*2, 16, 16)  BN LReLU
 *   conv s2 -> (N, ndf*4, 8, 8)    BN LReLU
 *   conv s2 -> (N, ndf*8, 4, 4)    BN LReLU
 *   conv 4x4 s1 p0 -> (N, 1, 1, 1) -> (N) logits (sigmoid applied by the loss)
 * </pre>
 */
public final class Discriminator extends Network {

    private final List<NDArray> weights = new ArrayList<>();
    private final List<BatchNormParams> norms = new ArrayList<>();
    /** {@link SimulatedFault}s in force when this network was built (tests only). */
    private final boolean brokenLogit;
    private final boolean brokenConvolutions;

    /** A float32 discriminator computed as {@link Numerics} chose for {@code config} on this machine. */
    public Discriminator(DcganConfig config, NDManager parent) {
        this(config, parent, null, DataType.FLOAT32);
    }

    /** A discriminator of the given formulation (null: the checked one) and parameter type. */
    public Discriminator(DcganConfig config, NDManager parent, Formulation formulation, DataType dataType) {
        super(config, parent, formulation, dataType);
        // read once: a simulated fault is a property of the network, not of each forward pass
        brokenLogit = SimulatedFault.brokenLogit(blockedLayout(), dataType);
        brokenConvolutions = SimulatedFault.brokenConvolutions(dataType);
        int n = config.stages();
        int k = config.kernel().kernel;
        long in = config.channels();
        for (int i = 0; i < n; i++) {
            long out = (long) config.discriminatorFeatures() << i;
            weights.add(weight("d." + i + ".weight", out, in, k, k));
            norms.add(i == 0 ? null : batchNorm("d." + i + ".bn", (int) out));
            in = out;
        }
        weights.add(weight("d." + n + ".weight", 1, in, 4, 4));
    }

    /** Logits, shape (N). */
    public NDArray forward(NDArray x, boolean training) {
        return features(x, training).get(config.stages());
    }

    /**
     * Every stage's activation, input stage first, then the logits (N) last. The feature-extraction
     * protocol of paper section 5 reads the conv stages from here.
     */
    public NDList features(NDArray x, boolean training) {
        KernelPreset kp = config.kernel();
        NDList out = new NDList();
        int n = config.stages();
        for (int i = 0; i < n; i++) {
            x = conv(x, weights.get(i), kp.stride, kp.padding); // (N, ndf*2^i, S/2^(i+1), ...)
            // BatchNorm's output is needed by nothing but the activation, which may overwrite it.
            // The first stage has no BatchNorm to fuse with; an in-place activation as a call of
            // its own measured slower than DJL's out-of-place one (docs/experiments/speed-and-memory.md, the levers).
            x = norms.get(i) != null
                    ? norms.get(i).apply(x, training, Scripted.Activation.LEAKY_RELU_02)
                    : leaky(x);
            out.add(x);
        }
        out.add(logit(x, weights.get(n))); // (N)
        return out;
    }

    /**
     * The last stage, (N, C, 4, 4) -> (N): a 4x4 valid convolution to one channel, which is a dense
     * layer over the flattened map. {@link Formulation#logitAsMatmul} computes it as that (an
     * elementwise product with the weight, summed), with no convolution kernel in forward or backward.
     */
    private NDArray logit(NDArray x, NDArray w) {
        if (formulation.logitAsMatmul()) {
            return x.mul(w).sum(new int[] {1, 2, 3});
        }
        NDArray y = conv(x, w, 1, 0); // (N, 1, 1, 1)
        if (brokenLogit) {
            y = SimulatedFault.wrongInputGradient(y, x, w, 1, 0);
        }
        return y.reshape(-1);
    }

    private NDArray conv(NDArray x, NDArray w, int stride, int padding) {
        NDArray y = Ops.conv2d(x, w, stride, padding);
        return brokenConvolutions ? SimulatedFault.wrongInputGradient(y, x, w, stride, padding) : y;
    }

    /**
     * Whether this network's activations are in plain NCHW order, which oneDNN runs on its blocked
     * kernels: one-channel images stay NCHW ({@link Ops#images}), and so does all that follows.
     */
    private boolean blockedLayout() {
        return !Ops.CHANNELS_LAST || config.channels() == 1;
    }
}
