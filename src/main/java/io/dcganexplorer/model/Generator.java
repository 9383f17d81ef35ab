package io.dcganexplorer.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.util.ArrayList;
import java.util.List;

/**
 * DCGAN generator: z -> 4x4 feature map -> stride-2 transposed convolutions doubling the size
 * each stage -> tanh image. BatchNorm and ReLU after every stage except the output (paper, section
 * 3). For 64x64 with ngf = 64:
 *
 * <pre>
 * z (N, 100) -> (N, 100, 1, 1)
 *   convT 4x4 s1 p0  -> (N, ngf*8, 4, 4)   BN ReLU   [the paper's "project and reshape"]
 *   convT s2         -> (N, ngf*4, 8, 8)   BN ReLU
 *   convT s2         -> (N, ngf*2, 16, 16) BN ReLU
 *   convT s2         -> (N, ngf, 32, 32)   BN ReLU
 *   convT s2         -> (N, C, 64, 64)     tanh
 * </pre>
 *
 * Smaller images drop stages from the top (32x32 starts at ngf*4), larger ones add ngf*16.
 */
public final class Generator extends Network {

    private final List<NDArray> weights = new ArrayList<>();
    private final List<BatchNormParams> norms = new ArrayList<>();

    /** A float32 generator computed as {@link Numerics} chose for {@code config} on this machine. */
    public Generator(DcganConfig config, NDManager parent) {
        this(config, parent, null, DataType.FLOAT32);
    }

    /** A generator of the given formulation (null: the checked one) and parameter type. */
    public Generator(DcganConfig config, NDManager parent, Formulation formulation, DataType dataType) {
        super(config, parent, formulation, dataType);
        int n = config.stages();
        int k = config.kernel().kernel;
        // Stage 0: 1x1 -> 4x4, widest layer ngf * 2^(n-1).
        long in = config.latentDim();
        for (int i = 0; i < n; i++) {
            long out = (long) config.generatorFeatures() << (n - 1 - i);
            int kernel = i == 0 ? 4 : k;
            weights.add(weight("g." + i + ".weight", in, out, kernel, kernel));
            norms.add(batchNorm("g." + i + ".bn", (int) out));
            in = out;
        }
        // Output stage: ngf -> C, no BatchNorm.
        weights.add(weight("g." + n + ".weight", in, config.channels(), k, k));
    }

    /**
     * Renders images.
     *
     * @param z latent batch, N x latentDim, owned by {@code scope} or a manager below it
     * @param training true: batch statistics, running statistics updated; false: running statistics
     * @param scope manager for temporaries (a per-step or per-request sub-manager)
     * @return N x C x S x S in [-1, 1]
     */
    public NDArray forward(NDArray z, boolean training, NDManager scope) {
        return forward(z, training, scope, null);
    }

    /**
     * Renders images in training mode (every BatchNorm normalising with its batch's statistics) and
     * hands each BatchNorm's input to {@code tap} before it is normalised: stage {@code i} and an
     * N x C x H x W array owned by {@code scope}. For re-estimating the running statistics
     * ({@link ChannelMoments}); the running statistics this pass moves are the caller's to reset.
     */
    public NDArray forwardTapped(NDArray z, NDManager scope, java.util.function.ObjIntConsumer<NDArray> tap) {
        return forward(z, true, scope, java.util.Objects.requireNonNull(tap));
    }

    /** Number of BatchNorm layers (stages {@code 0..n-1} of {@link #forwardTapped}). */
    public int batchNormLayers() {
        return norms.size();
    }

    private NDArray forward(NDArray z, boolean training, NDManager scope,
            java.util.function.ObjIntConsumer<NDArray> tap) {
        KernelPreset kp = config.kernel();
        long batch = z.getShape().get(0);
        NDArray x = z.reshape(batch, config.latentDim(), 1, 1);
        int n = config.stages();
        for (int i = 0; i < n; i++) {
            x = i == 0
                    ? Ops.convTranspose2d(x, weights.get(0), 1, 0, 0, scope) // (N, ngf*2^(n-1), 4, 4)
                    : Ops.convTranspose2d(x, weights.get(i), kp.stride, kp.padding, kp.outputPadding, scope);
            // (N, ngf*2^(n-1-i), 4*2^i, 4*2^i)
            if (tap != null) {
                tap.accept(x, i);
            }
            x = norms.get(i).apply(x, training, Scripted.Activation.RELU);
        }
        x = Ops.convTranspose2d(x, weights.get(n), kp.stride, kp.padding, kp.outputPadding, scope);
        // (N, C, S, S)
        return x.tanh();
    }
}
