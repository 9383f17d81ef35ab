package io.dcganexplorer.model;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Checks what a configuration will run: one real training step ({@link GanStep}, the trainer's own
 * code) of its generator and discriminator at their real widths, in float32 at this process's
 * instruction set and in one {@link Formulation}, against the same step in float64, which libtorch
 * computes without oneDNN (its double-precision convolutions are its own). Compared: the two losses
 * and D's outputs (the forward) and every parameter gradient of both networks, and then the
 * projection's loss and its gradient with respect to z ({@link ProjectionLoss}: through G in
 * inference mode and D's conv-stage features, not D's logit; group "P").
 *
 * <p>Why: on some machines the oneDNN inside libtorch 2.7.1 computes a few convolution geometries
 * wrongly at AVX2 and AVX-512 (on one, D's 4x4 -> 1 logit had an input gradient 26-93% off in the
 * blocked NCHW layout, which one-channel networks use; every gradient of both networks followed).
 * Whether a machine does this is not a property of its CPU model, so each machine checks the
 * networks it is asked to run. {@link Numerics} chooses the formulation from the verdicts and
 * caches them.
 *
 * <p>Two tolerances, both from measurement (docs/experiments/numerics-check.md). Each network's
 * gradients taken together (and the forward's outputs) must agree with float64 to
 * {@value #TOLERANCE} in relative L2 error; each single tensor to {@value #TENSOR_TOLERANCE}. On a
 * right machine the float32 step is within 3e-6 of float64 up to 64x64 with the pytorch preset, but
 * the largest networks lose more to rounding alone: 6.6e-3 for the paper preset at 128x128, most
 * of it in BatchNorm scale and shift gradients, sums over the batch and the image whose terms
 * nearly cancel. The smallest fault seen put every gradient 26% off (the simulated one,
 * {@link SimulatedFault}, 30%). The tolerances sit between the two, about 4x above the worst
 * rounding and 9x below the smallest fault for the networks taken whole.
 */
public final class NumericsCheck {
    /** Relative L2 error of a network's gradients, taken together, above which they count as wrong. */
    public static final double TOLERANCE = 3e-2;

    /** Relative L2 error of any one tensor above which it counts as wrong. */
    public static final double TENSOR_TOLERANCE = 1e-1;

    /** Images in the checked batch: enough for BatchNorm's batch statistics to be ordinary. */
    static final int BATCH = 8;

    private NumericsCheck() {}

    /** Where a check is: {@code fraction} in [0, 1] of its work, and what it is doing. */
    public interface Progress {
        Progress NONE = (what, fraction) -> {};

        void report(String what, double fraction);
    }

    /**
     * How far float32 was from float64.
     *
     * @param networkError the worst of G's, D's and the forward's relative L2 error, each taken as
     *     one vector (NaN or a missing value counts as infinite)
     * @param tensorError the worst relative L2 error of a single tensor
     * @param worstTensor which tensor that was, e.g. "D: d.2.bn.beta gradient"
     */
    public record Comparison(double networkError, double tensorError, String worstTensor) {
        public boolean passed() {
            return networkError <= TOLERANCE && tensorError <= TENSOR_TOLERANCE;
        }

        /** E.g. "within 2.1e-06 of float64 (worst tensor 6.7e-03, D: d.2.bn.beta gradient)". */
        public String describe() {
            return String.format(Locale.ROOT, "within %.2g of float64 (worst tensor %.2g, %s)", networkError,
                    tensorError, worstTensor);
        }
    }

    /**
     * The outcome for one configuration and formulation at this process's instruction set.
     *
     * @param millis time the check took (0 when read from the cache)
     * @param cached read from the cache rather than measured now
     */
    public record Verdict(DcganConfig config, Formulation formulation, Comparison comparison, long millis,
            boolean cached) {

        public boolean passed() {
            return comparison.passed();
        }

        /** One line, e.g. "convolutions: right, within 2.1e-06 of float64 (worst tensor ...)". */
        public String summary() {
            return formulation + ": " + (passed() ? "right, " : "WRONG, ") + comparison.describe();
        }
    }

    /** Runs the check now, on the calling thread (no gradient collector may be open on it). */
    public static Verdict run(DcganConfig config, Formulation formulation, Progress progress) {
        long t0 = System.nanoTime();
        return withNetworks(config, formulation, (n, root) -> {
            progress.report("float32 step", 0.0);
            Map<String, double[]> fast = step(n.engine(), n.g(), n.d(), n.z(), n.real(), root, () -> {});
            fast.putAll(projection(n.engine(), n.g(), n.d(), n.z(), n.real(), root));
            progress.report("float64 reference", 0.1);
            Map<String, double[]> exact = step(n.engine(), n.g64(), n.d64(), n.z(), n.real(), root,
                    () -> progress.report("float64 reference", 0.5));
            exact.putAll(projection(n.engine(), n.g64(), n.d64(), n.z(), n.real(), root));
            progress.report("comparing", 1.0);
            return compare(config, formulation, fast, exact, (System.nanoTime() - t0) / 1_000_000);
        });
    }

    /**
     * The projection's own gradient alone (tests): {@link ProjectionLoss}'s gradient with respect to z
     * through G and D's features, both in inference mode, in float32 against float64, on freshly
     * initialised networks whose BatchNorm running statistics are the initial ones.
     */
    static Comparison projectionOnly(DcganConfig config, Formulation formulation) {
        return withNetworks(config, formulation, (n, root) -> compare(
                projection(n.engine(), n.g(), n.d(), n.z(), n.real(), root),
                projection(n.engine(), n.g64(), n.d64(), n.z(), n.real(), root)));
    }

    /** The configuration's G and D in float32, their float64 copies, and the check's z and real images. */
    private record Networks(Engine engine, Generator g, Discriminator d, Generator g64, Discriminator d64, float[] z,
            float[] real) {}

    /** What a check computes with {@link Networks} under {@code root}. */
    private interface WithNetworks<T> {
        T apply(Networks n, NDManager root);
    }

    /**
     * Builds {@link Networks} (the same initial weights in both precisions), runs {@code body} with
     * gradient mode off outside its own recording, and closes everything.
     */
    private static <T> T withNetworks(DcganConfig config, Formulation formulation, WithNetworks<T> body) {
        Engine engine = Engines.get();
        boolean grad = ai.djl.pytorch.jni.JniUtils.isGradMode();
        ai.djl.pytorch.jni.JniUtils.setGradMode(false);
        try (NDManager root = engine.newBaseManager();
                Generator g = new Generator(config, root, formulation, DataType.FLOAT32);
                Discriminator d = new Discriminator(config, root, formulation, DataType.FLOAT32);
                Generator g64 = new Generator(config, root, formulation, DataType.FLOAT64);
                Discriminator d64 = new Discriminator(config, root, formulation, DataType.FLOAT64)) {
            g.initialize(Rng.forPurpose(1, "init-generator"));
            d.initialize(Rng.forPurpose(1, "init-discriminator"));
            g64.copyFrom(g);
            d64.copyFrom(d);
            float[] z = Rng.forPurpose(1, "numerics-z").latent(BATCH, config.latentDim(), config.prior());
            return body.apply(new Networks(engine, g, d, g64, d64, z, realImages(config)), root);
        } finally {
            ai.djl.pytorch.jni.JniUtils.setGradMode(grad);
        }
    }

    /**
     * Projecting an image into z ({@link ProjectionLoss}, as {@code latent.Projector} runs it): the
     * loss of each of the batch's z against the first real image, and its gradient with respect to z
     * alone, through G in inference mode and D's conv-stage features (not D's logit).
     */
    static Map<String, double[]> projection(Engine engine, Generator g, Discriminator d, float[] z, float[] real,
            NDManager root) {
        DcganConfig cfg = g.config();
        DataType type = g.dataType();
        int plane = cfg.channels() * cfg.imageSize() * cfg.imageSize();
        Map<String, double[]> out = new LinkedHashMap<>();
        g.recordParameterGradients(false);
        d.recordParameterGradients(false);
        try (NDManager sm = root.newSubManager()) {
            NDArray target = Ops.images(sm, java.util.Arrays.copyOf(real, plane), 1, cfg.channels(), cfg.imageSize());
            target = target.getDataType() == type ? target : target.toType(type, false);
            NDList tf = ProjectionLoss.features(d, target);
            NDArray zs = sm.create(z, new Shape(z.length / cfg.latentDim(), cfg.latentDim()));
            zs = zs.getDataType() == type ? zs : zs.toType(type, false);
            zs.setRequiresGradient(true);
            NDArray loss;
            try (GradientCollector gc = engine.newGradientCollector()) {
                loss = ProjectionLoss.compute(g, d, zs, target, tf, ProjectionLoss.Weights.DEFAULT, sm).total();
                gc.backward(loss.sum());
            }
            out.put("projection loss", doubles(sm, loss.stopGradient()));
            out.put("P: z gradient", doubles(sm, zs.getGradient()));
        } finally {
            g.recordParameterGradients(true);
            d.recordParameterGradients(true);
        }
        return out;
    }

    private static double[] doubles(NDManager scope, NDArray a) {
        return a.getDataType() == DataType.FLOAT64 ? a.toDoubleArray()
                : Ops.own(scope, a.toType(DataType.FLOAT64, false)).toDoubleArray();
    }

    /** Seeded images in [-1, 1] with some structure (smooth blobs), N x C x S x S. */
    private static float[] realImages(DcganConfig c) {
        int s = c.imageSize();
        float[] x = new float[BATCH * c.channels() * s * s];
        Rng rng = Rng.forPurpose(1, "numerics-images");
        int i = 0;
        for (int n = 0; n < BATCH; n++) {
            for (int ch = 0; ch < c.channels(); ch++) {
                double fx = 1 + 3 * Math.abs(rng.gaussian());
                double fy = 1 + 3 * Math.abs(rng.gaussian());
                double ph = rng.gaussian();
                for (int y = 0; y < s; y++) {
                    for (int xx = 0; xx < s; xx++) {
                        double v = Math.sin(fx * xx / s * Math.PI + ph) * Math.cos(fy * y / s * Math.PI);
                        x[i++] = (float) Math.max(-1, Math.min(1, v + 0.1 * rng.gaussian()));
                    }
                }
            }
        }
        return x;
    }

    /**
     * One step's forward results and every gradient, by name, as doubles: "loss D", "loss G",
     * "D(x)", ..., "D: d.0.weight gradient", "G: g.0.weight gradient", ...
     */
    static Map<String, double[]> step(Engine engine, Generator g, Discriminator d, float[] z, float[] real,
            NDManager root, Runnable halfway) {
        Map<String, double[]> out = new LinkedHashMap<>();
        GanStep.Losses l = GanStep.run(engine, g, d, z, real, 1f, root, new GanStep.Updates() {
            @Override
            public void updateD(NDManager scope) {
                gradients("D", d, scope, out);
                d.zeroGradients(scope);
                halfway.run();
            }

            @Override
            public void updateG(NDManager scope) {
                gradients("G", g, scope, out);
                g.zeroGradients(scope);
                d.zeroGradients(scope);
            }
        });
        out.put("loss D", new double[] {l.lossD()});
        out.put("loss G", new double[] {l.lossG()});
        out.put("D(x), D(G(z))", new double[] {l.dReal(), l.dFakeBefore(), l.dFakeAfter()});
        return out;
    }

    private static void gradients(String net, Network n, NDManager scope, Map<String, double[]> out) {
        for (Param p : n.parameters()) {
            if (p.trainable()) {
                var gr = Ops.own(scope, p.array().getGradient());
                double[] v = gr.getDataType() == DataType.FLOAT64 ? gr.toDoubleArray()
                        : Ops.own(scope, gr.toType(DataType.FLOAT64, false)).toDoubleArray();
                out.put(net + ": " + p.name() + " gradient", v);
            }
        }
    }

    private static Verdict compare(DcganConfig config, Formulation f, Map<String, double[]> fast,
            Map<String, double[]> exact, long millis) {
        return new Verdict(config, f, compare(fast, exact), millis, false);
    }

    /**
     * Compares named float32 results with their float64 values. A name's group is what stands
     * before its first ':' ("G", "D"; the rest is "forward"): each group is also taken as one vector.
     */
    public static Comparison compare(Map<String, double[]> fast, Map<String, double[]> exact) {
        Map<String, double[]> diff = new LinkedHashMap<>();
        Map<String, double[]> norm = new LinkedHashMap<>();
        double worstTensor = 0;
        String where = "";
        for (Map.Entry<String, double[]> e : exact.entrySet()) {
            double[] a = fast.get(e.getKey());
            double[] b = e.getValue();
            double err = relativeError(a, b);
            if (!(err <= worstTensor)) { // NaN wins
                worstTensor = Double.isNaN(err) ? Double.POSITIVE_INFINITY : err;
                where = e.getKey();
            }
            int colon = e.getKey().indexOf(':');
            String group = colon > 0 ? e.getKey().substring(0, colon) : "forward";
            double[] d = diff.computeIfAbsent(group, k -> new double[1]);
            double[] n = norm.computeIfAbsent(group, k -> new double[1]);
            for (int i = 0; i < b.length; i++) {
                double x = a != null && a.length == b.length ? a[i] : Double.NaN;
                d[0] += (x - b[i]) * (x - b[i]);
                n[0] += b[i] * b[i];
            }
        }
        double worstNet = 0;
        for (String g : diff.keySet()) {
            double d = diff.get(g)[0];
            double n = norm.get(g)[0];
            double err = Double.isFinite(d) ? (n > 0 ? Math.sqrt(d / n) : Math.sqrt(d)) : Double.POSITIVE_INFINITY;
            worstNet = Math.max(worstNet, err);
        }
        return new Comparison(worstNet, worstTensor, where);
    }

    /** ||a - b|| / ||b||, or ||a - b|| where b is all zeros; infinite for a missing or non-finite a. */
    static double relativeError(double[] a, double[] b) {
        if (a == null || a.length != b.length) {
            return Double.POSITIVE_INFINITY;
        }
        double diff = 0;
        double norm = 0;
        for (int i = 0; i < b.length; i++) {
            if (!Double.isFinite(a[i])) {
                return Double.POSITIVE_INFINITY;
            }
            diff += (a[i] - b[i]) * (a[i] - b[i]);
            norm += b[i] * b[i];
        }
        return norm > 0 ? Math.sqrt(diff / norm) : Math.sqrt(diff);
    }

    /** Every configuration the app offers: both presets, every image size, 1 and 3 channels. */
    public static List<DcganConfig> offeredConfigurations() {
        List<DcganConfig> all = new ArrayList<>();
        for (DcganConfig.Preset p : DcganConfig.Preset.values()) {
            for (int size = DcganConfig.MIN_SIZE; size <= DcganConfig.MAX_SIZE; size *= 2) {
                for (int ch : new int[] {1, 3}) {
                    all.add(DcganConfig.preset(p, size, ch));
                }
            }
        }
        return all;
    }
}
