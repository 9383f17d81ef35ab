package io.dcganexplorer.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.convolutional.Conv2d;

/**
 * Tensor operations the networks need that DJL's PyTorch engine lacks or scopes badly.
 *
 * <p>Memory rule: the result of a DJL op belongs to the manager of its first operand. An op on a
 * parameter would therefore land in the model's long-lived manager and never be freed; every such
 * result is moved at once into the caller's per-step manager with {@link #own}.
 */
public final class Ops {
    private Ops() {}

    /** Moves a freshly computed array into {@code scope} and returns it. */
    public static NDArray own(NDManager scope, NDArray a) {
        a.attach(scope);
        return a;
    }

    /**
     * Copies {@code values} into {@code target} in place. Not {@code NDArray.set(float[])}: its native
     * side opens libtorch's deprecated AutoNonVariableTypeMode, which prints a warning on every run.
     * Recording is off for the copy, which libtorch requires for leaf tensors that need gradients.
     */
    public static void assign(NDArray target, float[] values) {
        boolean grad = ai.djl.pytorch.jni.JniUtils.isGradMode();
        if (grad) {
            ai.djl.pytorch.jni.JniUtils.setGradMode(false);
        }
        try (NDManager scope = target.getManager().newSubManager()) {
            target.set(new NDIndex("..."), scope.create(values, target.getShape()));
        } finally {
            if (grad) {
                ai.djl.pytorch.jni.JniUtils.setGradMode(true);
            }
        }
    }

    /** Output side length of a transposed convolution. */
    public static int transposedOutputSize(int in, int kernel, int stride, int padding, int outputPadding) {
        return (in - 1) * stride - 2 * padding + kernel + outputPadding;
    }

    /**
     * Whether activations are kept channels-last: NCHW-shaped tensors whose memory is NHWC. oneDNN's
     * convolutions, BatchNorm and the pointwise ops keep that layout from input to output, and they
     * run faster in it. Fixed for the process: {@code -Ddcgan.layout=nchw} turns it off (for
     * measuring); the numbers are the same either way up to float rounding.
     */
    public static final boolean CHANNELS_LAST = !"nchw".equalsIgnoreCase(System.getProperty("dcgan.layout", "cl"));

    /**
     * Whether transposed convolutions run libtorch's own kernel ({@link Scripted}) rather
     * than the pixel-shuffle formulation below. Fixed for the process: {@code -Ddcgan.convt=shuffle}
     * selects the formulation (for measuring, or should a libtorch ever refuse the module).
     */
    public static final boolean NATIVE_CONV_T =
            !"shuffle".equalsIgnoreCase(System.getProperty("dcgan.convt", "native"));

    /** "native" or "pixel-shuffle": which transposed convolution runs (for provenance and bench). */
    public static String convTransposeKind() {
        return NATIVE_CONV_T ? "native" : "pixel-shuffle";
    }

    /**
     * A batch of images as an N x C x S x S array in the layout the networks prefer (see
     * {@link #CHANNELS_LAST}); {@code nchw} is in the usual NCHW order.
     */
    public static NDArray images(NDManager manager, float[] nchw, int n, int channels, int size) {
        NDArray x = manager.create(nchw, new Shape(n, channels, size, size));
        if (!CHANNELS_LAST || channels == 1) {
            return x;
        }
        // (N, H, W, C) over NCHW memory; merging W with C cannot be a view, so this reshape copies
        // into NHWC order, which the final transpose presents as N x C x H x W again.
        return x.transpose(0, 2, 3, 1).reshape(n, size, (long) size * channels).reshape(n, size, size, channels)
                .transpose(0, 3, 1, 2);
    }

    /**
     * Transposed ("fractionally strided") 2-D convolution, equal to PyTorch's
     * {@code conv_transpose2d(x, w, stride=s, padding=p, output_padding=op)}. DJL's Java API has no
     * deconvolution; by default ({@link #NATIVE_CONV_T}) libtorch's own kernel runs through a
     * one-op TorchScript module ({@link Scripted}); otherwise a plain convolution and a
     * pixel shuffle compute it, as follows.
     *
     * <p>Why this is exact: output position {@code o = i*s - p + k} receives {@code x[i] * w[k]}.
     * Writing {@code o + p = q*s + r} splits the output into {@code s*s} phases {@code r}; phase
     * {@code r} at {@code q} is {@code sum_j x[q - j] * w[j*s + r]} for {@code j < J = ceil(k/s)},
     * an ordinary correlation with a flipped {@code J x J} sub-kernel and padding {@code J - 1}.
     * All phases come from one convolution to {@code s*s*Cout} channels; a pixel shuffle
     * interleaves them and a crop of {@code p} removes the border. The arithmetic is the same as
     * the native op's ({@code J*J*s*s} taps per input pixel, i.e. {@code k*k} when s divides k),
     * but over {@code (H+J-1)^2} positions for the native op's {@code H^2}, plus two copies.
     * A 1x1 input without padding (the generator's first stage) is a plain matrix product.
     *
     * <p>With {@link #CHANNELS_LAST} the sub-kernel's output channels are ordered (phase, channel)
     * and the shuffle works on the NHWC memory, so the result is channels-last too.
     *
     * @param x input, N x Cin x H x W
     * @param w weight in PyTorch's layout, Cin x Cout x k x k
     * @param scope manager that owns the temporaries derived from {@code w}
     * @return N x Cout x H' x W' with H' = (H-1)s - 2p + k + op
     */
    public static NDArray convTranspose2d(NDArray x, NDArray w, int stride, int padding, int outputPadding,
            NDManager scope) {
        Shape xs = x.getShape();
        boolean projection = xs.get(2) == 1 && xs.get(3) == 1 && padding == 0 && outputPadding == 0;
        if (NATIVE_CONV_T && !projection) {
            return Scripted.convTranspose2d(x, w, stride, padding, outputPadding);
        }
        return convTransposeShuffle(x, w, stride, padding, outputPadding, scope);
    }

    /** {@link #convTranspose2d} by the pixel-shuffle formulation alone (what the class comment derives). */
    static NDArray convTransposeShuffle(NDArray x, NDArray w, int stride, int padding, int outputPadding,
            NDManager scope) {
        Shape ws = w.getShape();
        int cin = (int) ws.get(0);
        int cout = (int) ws.get(1);
        int k = (int) ws.get(2);
        Shape xs = x.getShape();
        long n = xs.get(0);
        if (xs.get(2) == 1 && xs.get(3) == 1 && padding == 0 && outputPadding == 0) {
            return project(x.reshape(n, cin), w, cin, cout, k, scope);
        }
        int s = stride;
        int j = (k + s - 1) / s;
        int js = j * s;
        NDArray wp = w;
        if (js > k) {
            // Zero taps past the kernel's end, so the kernel splits evenly into s phases.
            NDArray z1 = scope.zeros(new Shape(cin, cout, js - k, k), w.getDataType());
            wp = own(scope, w.concat(z1, 2));
            NDArray z2 = scope.zeros(new Shape(cin, cout, js, js - k), w.getDataType());
            wp = wp.concat(z2, 3);
        }
        // (Cin, Cout, J, s, J, s), J flipped
        NDArray w6 = own(scope, wp.reshape(cin, cout, j, s, j, s)).flip(2, 4);
        long h1 = xs.get(2) + j - 1;
        long w1 = xs.get(3) + j - 1;
        int oh = transposedOutputSize((int) xs.get(2), k, s, padding, outputPadding);
        int ow = transposedOutputSize((int) xs.get(3), k, s, padding, outputPadding);
        Shape one = new Shape(1, 1);
        Shape pad = new Shape(j - 1, j - 1);
        if (CHANNELS_LAST) {
            // -> (s, s, Cout, J, J, Cin) in memory = (s*s*Cout, Cin, J, J) channels-last
            NDArray wSub = w6.transpose(3, 5, 1, 2, 4, 0).reshape(s * s * cout, j, j, cin).transpose(0, 3, 1, 2);
            NDArray conv = Conv2d.conv2d(x, wSub, null, one, pad, one, 1).singletonOrThrow();
            // NHWC memory (N, H1, W1, ry, rx, C) -> (N, H1, ry, W1, rx, C): pixel (qy*s + ry, qx*s + rx)
            NDArray y = conv.transpose(0, 2, 3, 1);
            if (s > 1) {
                NDArray v1 = y.reshape(n, h1, w1, s, s, cout);
                NDArray v2 = v1.transpose(0, 1, 3, 2, 4, 5);
                NDArray shuffled = v2.reshape(n, h1 * s, w1 * s, cout);
                // Backward needs none of these (a convolution keeps its input, a view only shapes):
                // free the convolution's output now, as PyTorch would, not at the end of the step.
                for (NDArray a : new NDArray[] {v2, v1, y, conv}) {
                    a.close();
                }
                y = shuffled;
            }
            if (padding != 0 || oh != h1 * s || ow != w1 * s) {
                y = y.get(new NDIndex(":, {}:{}, {}:{}, :", padding, padding + oh, padding, padding + ow));
            }
            return y.transpose(0, 3, 1, 2);
        }
        // -> (Cout, s, s, Cin, J, J) = (Cout*s*s, Cin, J, J)
        NDArray wSub = w6.transpose(1, 3, 5, 0, 2, 4).reshape(cout * s * s, cin, j, j);
        NDArray y = Conv2d.conv2d(x, wSub, null, one, pad, one, 1).singletonOrThrow();
        if (s > 1) {
            // Pixel shuffle: channel (c, ry, rx) at (qy, qx) -> pixel (qy*s + ry, qx*s + rx) of channel c.
            y = y.reshape(n, cout, s, s, h1, w1).transpose(0, 1, 4, 2, 5, 3).reshape(n, cout, h1 * s, w1 * s);
        }
        if (padding == 0 && oh == h1 * s && ow == w1 * s) {
            return y;
        }
        return y.get(new NDIndex(":, :, {}:{}, {}:{}", padding, padding + oh, padding, padding + ow));
    }

    /** The transposed convolution of a 1x1 input without padding: (N, Cin) @ (Cin, Cout*k*k). */
    private static NDArray project(NDArray x2, NDArray w, int cin, int cout, int k, NDManager scope) {
        long n = x2.getShape().get(0);
        if (CHANNELS_LAST) {
            NDArray wm = own(scope, w.transpose(0, 2, 3, 1)).reshape(cin, (long) k * k * cout);
            return x2.matMul(wm).reshape(n, k, k, cout).transpose(0, 3, 1, 2);
        }
        NDArray wm = own(scope, w.reshape(cin, (long) cout * k * k));
        return x2.matMul(wm).reshape(n, cout, k, k);
    }

    /** Plain strided convolution without bias; weight is Cout x Cin x k x k. */
    public static NDArray conv2d(NDArray x, NDArray w, int stride, int padding) {
        return Conv2d.conv2d(x, w, null, new Shape(stride, stride), new Shape(padding, padding), new Shape(1, 1), 1)
                .singletonOrThrow();
    }

    /**
     * Mean binary cross-entropy of sigmoid(logits) against a constant label, in the numerically
     * stable form {@code max(x, 0) - x*y + log(1 + exp(-|x|))}.
     */
    public static NDArray bceWithLogits(NDArray logits, float label) {
        NDArray loss = Activation.relu(logits).add(logits.abs().neg().exp().add(1f).log());
        if (label != 0f) {
            loss = loss.sub(logits.mul(label));
        }
        return loss.mean();
    }
}
