package io.dcganexplorer.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Our mathematics, off oneDNN: both transposed convolutions (libtorch's op through
 * {@link Scripted}, and the convolution + pixel shuffle + crop formulation) and the strided
 * convolution as {@link Ops} calls it, against a direct plain-Java definition
 * ({@link ConvReference}): forward values and the gradients with respect to input and weight, in
 * the layout training uses (channels-last unless {@code -Dtest.jvm.extra=-Ddcgan.layout=nchw}).
 *
 * <p>In float64, which libtorch computes with its own kernels rather than oneDNN's: these tests
 * hold our formulations to their definitions and must not go red because a machine's float32
 * kernels are wrong in geometries the app does not run there. Whether the float32 kernels are
 * right for the networks the app runs is {@link NumericsCheck}'s question, tested by
 * {@code TrainingStepPrecisionTest}.
 */
class ConvTransposeEquivalenceTest {

    private static ConvReference.Geometry geometry(int n, int cin, int cout, int h, int wd, int k, int s, int p,
            int op) {
        return new ConvReference.Geometry(n, cin, cout, h, wd, k, s, p, op);
    }

    /** An input in float64, laid out as the networks lay out their activations; a leaf that records. */
    private static NDArray float64(NDManager m, float[] x, int n, int c, int h, int w) {
        NDArray a = (h == w ? Ops.images(m, x, n, c, h) : m.create(x, new Shape(n, c, h, w)))
                .toType(DataType.FLOAT64, false);
        a.setRequiresGradient(true);
        return a;
    }

    private static NDArray weight64(NDManager m, float[] w, Shape shape) {
        NDArray a = m.create(w, shape).toType(DataType.FLOAT64, false);
        a.setRequiresGradient(true);
        return a;
    }

    private static final double TOLERANCE = 1e-9;

    static Stream<Arguments> geometries() {
        // n, cin, cout, h, w, k, s, p, op: every geometry the presets use, odd ones, and random ones.
        return Stream.concat(Stream.of(
                Arguments.of(2, 3, 4, 5, 5, 4, 2, 1, 0), // pytorch preset stride-2 stage
                Arguments.of(2, 6, 5, 1, 1, 4, 1, 0, 0), // first stage: 1x1 -> 4x4 projection
                Arguments.of(2, 3, 2, 4, 4, 5, 2, 2, 1), // paper preset stride-2 stage
                Arguments.of(1, 2, 3, 3, 6, 3, 2, 1, 1), // non-square input, odd kernel
                Arguments.of(1, 2, 2, 4, 3, 3, 1, 1, 0), // stride 1, padded
                Arguments.of(1, 1, 2, 3, 3, 4, 3, 0, 2), // stride 3 with output padding
                Arguments.of(4, 100, 32, 1, 1, 4, 1, 0, 0), // realistic widths
                Arguments.of(4, 32, 16, 4, 4, 4, 2, 1, 0),
                Arguments.of(4, 16, 3, 8, 8, 4, 2, 1, 0),
                Arguments.of(4, 32, 16, 4, 4, 5, 2, 2, 1)), randomGeometries(12));
    }

    /** Seeded random shapes: any kernel 1-6, stride 1-3, padding below the kernel, output padding below the stride. */
    static Stream<Arguments> randomGeometries(int count) {
        Random r = new Random(2015);
        Stream.Builder<Arguments> b = Stream.builder();
        while (count > 0) {
            int k = 1 + r.nextInt(6);
            int s = 1 + r.nextInt(3);
            int p = r.nextInt(k);
            int op = r.nextInt(s);
            int h = 1 + r.nextInt(6);
            int w = 1 + r.nextInt(6);
            if (Ops.transposedOutputSize(h, k, s, p, op) < 1 || Ops.transposedOutputSize(w, k, s, p, op) < 1) {
                continue;
            }
            b.add(Arguments.of(1 + r.nextInt(3), 1 + r.nextInt(6), 1 + r.nextInt(6), h, w, k, s, p, op));
            count--;
        }
        return b.build();
    }

    /** One way of computing the transposed convolution: (x, w, stride, padding, outputPadding, scope). */
    interface ConvT {
        NDArray apply(NDArray x, NDArray w, int s, int p, int op, NDManager scope);
    }

    @ParameterizedTest(name = "native: k={5} s={6} p={7} op={8}, {3}x{4} input")
    @MethodSource("geometries")
    void nativeKernelMatchesDirectDefinition(int n, int cin, int cout, int h, int wd, int k, int s, int p, int op) {
        check((x, w, st, pd, opd, scope) -> Scripted.convTranspose2d(x, w, st, pd, opd), n, cin, cout, h, wd, k, s,
                p, op);
    }

    @ParameterizedTest(name = "pixel shuffle: k={5} s={6} p={7} op={8}, {3}x{4} input")
    @MethodSource("geometries")
    void shuffleFormulationMatchesDirectDefinition(int n, int cin, int cout, int h, int wd, int k, int s, int p,
            int op) {
        check(Ops::convTransposeShuffle, n, cin, cout, h, wd, k, s, p, op);
    }

    private static void check(ConvT f, int n, int cin, int cout, int h, int wd, int k, int s, int p, int op) {
        Random rnd = new Random(31L * k + 7L * s + p + 1000L * h + wd);
        float[] x = random(rnd, n * cin * h * wd);
        float[] w = random(rnd, cin * cout * k * k);
        int oh = Ops.transposedOutputSize(h, k, s, p, op);
        int ow = Ops.transposedOutputSize(wd, k, s, p, op);
        float[] r = random(rnd, n * cout * oh * ow);

        ConvReference.Result ref = ConvReference.convTranspose2d(x, w, r, geometry(n, cin, cout, h, wd, k, s, p, op));

        Engine engine = Engines.get();
        Engines.disableGradOnThisThread();
        try (NDManager m = engine.newBaseManager()) {
            NDArray xa = float64(m, x, n, cin, h, wd);
            NDArray wa = weight64(m, w, new Shape(cin, cout, k, k));
            NDArray ra = m.create(r, new Shape(n, cout, oh, ow)).toType(DataType.FLOAT64, false);
            NDArray y;
            try (GradientCollector gc = engine.newGradientCollector()) {
                y = f.apply(xa, wa, s, p, op, m);
                gc.backward(y.mul(ra).sum());
            }
            assertEquals(new Shape(n, cout, oh, ow), y.getShape());
            assertArrayEquals(ref.y(), y.toDoubleArray(), TOLERANCE, "forward");
            assertArrayEquals(ref.dx(), xa.getGradient().toDoubleArray(), TOLERANCE, "input gradient");
            assertArrayEquals(ref.dw(), wa.getGradient().toDoubleArray(), TOLERANCE, "weight gradient");
        }
    }

    /** The discriminator's strided convolution, as {@link Ops#conv2d} calls libtorch's. */
    @ParameterizedTest(name = "conv k={5} s={6} p={7}, {3}x{3} input")
    @MethodSource("convGeometries")
    void stridedConvolutionMatchesDirectDefinition(int n, int cin, int cout, int h, int unused, int k, int s, int p) {
        Random rnd = new Random(17L * k + h + 100L * cin);
        float[] x = random(rnd, n * cin * h * h);
        float[] w = random(rnd, cout * cin * k * k);
        int oh = (h + 2 * p - k) / s + 1;
        float[] r = random(rnd, n * cout * oh * oh);
        ConvReference.Result ref = ConvReference.conv2d(x, w, r, geometry(n, cin, cout, h, h, k, s, p, 0));
        Engine engine = Engines.get();
        Engines.disableGradOnThisThread();
        try (NDManager m = engine.newBaseManager()) {
            NDArray xa = float64(m, x, n, cin, h, h);
            NDArray wa = weight64(m, w, new Shape(cout, cin, k, k));
            NDArray ya;
            try (GradientCollector gc = engine.newGradientCollector()) {
                ya = Ops.conv2d(xa, wa, s, p);
                gc.backward(ya.mul(m.create(r, ya.getShape()).toType(DataType.FLOAT64, false)).sum());
            }
            assertArrayEquals(ref.y(), ya.toDoubleArray(), TOLERANCE, "forward");
            assertArrayEquals(ref.dx(), xa.getGradient().toDoubleArray(), TOLERANCE, "input gradient");
            assertArrayEquals(ref.dw(), wa.getGradient().toDoubleArray(), TOLERANCE, "weight gradient");
        }
    }

    static Stream<Arguments> convGeometries() {
        return Stream.of(
                Arguments.of(2, 3, 8, 16, 0, 4, 2, 1), // pytorch preset D stage
                Arguments.of(2, 8, 16, 8, 0, 5, 2, 2), // paper preset D stage
                Arguments.of(3, 16, 1, 4, 0, 4, 1, 0), // final 4x4 -> logit
                Arguments.of(1, 1, 1, 4, 0, 4, 1, 0)); // the case oneDNN's AVX kernels got wrong
    }

    private static float[] random(Random rnd, int n) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) rnd.nextGaussian();
        }
        return a;
    }
}
