package io.dcganexplorer.latent;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import io.dcganexplorer.image.ImageGrids;
import io.dcganexplorer.image.Pixels;
import io.dcganexplorer.model.DcganConfig;
import io.dcganexplorer.model.Discriminator;
import io.dcganexplorer.model.Engines;
import io.dcganexplorer.model.Generator;
import io.dcganexplorer.model.Ops;
import io.dcganexplorer.model.ProjectionLoss;
import io.dcganexplorer.model.Rng;
import io.dcganexplorer.model.ZPrior;
import io.dcganexplorer.train.Checkpoint;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.BooleanSupplier;

/**
 * Projects an image into z: finds z with G(z) close to a target image by Adam on z alone, from
 * several starts at once (one batch), with the loss of {@link ProjectionLoss} (pixels, the run's own
 * discriminator's features, a prior term). After {@link Settings#pruneAt} steps only the start with
 * the lowest loss goes on, so the rest of the steps cost one image each. As stylegan2-ada-pytorch's
 * {@code projector.py}: the learning rate ramps up over the first 5% of the steps and down along a
 * cosine over the last 25%, and noise added to z early on (5% of the prior's spread, fading out
 * quadratically by 75% of the steps) helps a start out of a poor basin.
 *
 * <p>G and D are loaded in inference mode with their parameters' gradient recording off: the
 * backward pass reaches z only. It opens DJL's gradient collector, of which a process has one: do
 * not project while the same process trains (the window disables Project while training runs).
 * Not thread-safe: open, use and close it on one thread.
 */
public final class Projector implements AutoCloseable {

    /**
     * How to project.
     *
     * @param steps Adam steps in all
     * @param starts starting points drawn from the prior, optimised together until {@code pruneAt}
     * @param seed seed of the starting points and the noise
     * @param learningRate Adam's peak step size on z
     * @param pruneAt the step after which only the best start goes on
     */
    public record Settings(int steps, int starts, long seed, float learningRate, int pruneAt,
            ProjectionLoss.Weights weights) {
        public static final int DEFAULT_STEPS = 50;
        public static final int DEFAULT_STARTS = 4;

        public Settings {
            if (steps < 1 || starts < 1) {
                throw new IllegalArgumentException("steps and starts must be at least 1");
            }
        }

        /** {@code steps} from {@code starts} with the defaults for the rest. */
        public static Settings of(int steps, int starts, long seed) {
            return new Settings(steps, starts, seed, 0.1f, Math.min(30, Math.max(1, steps / 4)),
                    ProjectionLoss.Weights.DEFAULT);
        }
    }

    /** What a projection is doing. */
    public interface Listener {
        Listener NONE = (step, steps, loss, current) -> {};

        /**
         * Called after each step on the projecting thread.
         *
         * @param current the best start's G(z) every {@link #PREVIEW_EVERY} steps and at the end, else null
         */
        void progress(int step, int steps, double loss, Pixels current);
    }

    /** How often (in steps) a listener gets the current image. */
    public static final int PREVIEW_EVERY = 10;

    /**
     * A projection's outcome.
     *
     * @param z the found z (or the best so far when cancelled)
     * @param image G(z), C x S x S in [-1, 1]
     * @param pixelRmse root mean squared pixel difference, in [0, 1] pixel units
     * @param featureDistance the D-feature distance of {@link ProjectionLoss}
     * @param lossCurve the best start's loss after each step done
     * @param cancelled whether it stopped before its last step
     */
    public record Result(float[] z, float[] image, double pixelRmse, double featureDistance, double loss,
            double[] lossCurve, boolean cancelled, long millis) {}

    private final NDManager manager;
    private final Generator g;
    private final Discriminator d;
    private final DcganConfig config;

    private Projector(NDManager manager, Generator g, Discriminator d) {
        this.manager = manager;
        this.g = g;
        this.d = d;
        this.config = g.config();
        g.recordParameterGradients(false);
        d.recordParameterGradients(false);
    }

    /** Loads {@code checkpointDir}'s generator ({@code weights}) and discriminator. Grad mode off on this thread. */
    public static Projector open(Path checkpointDir, Checkpoint.Weights weights) throws IOException {
        Engines.disableGradOnThisThread();
        Checkpoint.Meta meta = Checkpoint.readMeta(checkpointDir);
        NDManager m = Engines.get().newBaseManager();
        try {
            Generator g = Checkpoint.loadGenerator(checkpointDir, m, weights);
            Discriminator d = new Discriminator(meta.config(), m);
            Checkpoint.load("D", d, Checkpoint.readTensors(checkpointDir), checkpointDir);
            return new Projector(m, g, d);
        } catch (IOException | RuntimeException e) {
            m.close();
            throw e;
        }
    }

    /**
     * A projector on networks the caller owns and closes (tests, research). Their parameters'
     * gradient recording is turned off for good.
     */
    public static Projector of(Generator g, Discriminator d) {
        Engines.disableGradOnThisThread();
        return new Projector(Engines.get().newBaseManager(), g, d);
    }

    public DcganConfig config() {
        return config;
    }

    /**
     * Projects {@code target} (C x S x S in [-1, 1], the model's size and channels).
     *
     * @param cancelled polled before each step; when it turns true the best z so far is returned
     */
    public Result project(float[] target, Settings s, Listener listener, BooleanSupplier cancelled) {
        int c = config.channels();
        int size = config.imageSize();
        int dim = config.latentDim();
        if (target.length != c * size * size) {
            throw new IllegalArgumentException("target has " + target.length + " values, the model's images "
                    + c * size * size);
        }
        long t0 = System.nanoTime();
        ZPrior prior = config.prior();
        Rng rng = Rng.forPurpose(s.seed(), "projection");
        int rows = s.starts();
        float[] z = rng.latent(rows, dim, prior);
        float[] m1 = new float[z.length];
        float[] m2 = new float[z.length];
        float noiseScale = 0.05f * (prior == ZPrior.NORMAL ? 1f : (float) Math.sqrt(1.0 / 3));
        double[] curve = new double[s.steps()];
        float[] lossRow = new float[rows];
        int done = 0;
        boolean stopped = false;
        try (NDManager root = manager.newSubManager()) {
            NDArray t = Ops.images(root, target, 1, c, size);
            NDList tf = ProjectionLoss.features(d, t);
            for (int step = 0; step < s.steps(); step++) {
                if (cancelled.getAsBoolean()) {
                    stopped = true;
                    break;
                }
                double frac = (double) step / s.steps();
                float noise = noiseScale * (float) Math.pow(Math.max(0, 1 - frac / 0.75), 2);
                float[] zIn = z.clone();
                for (int i = 0; i < zIn.length && noise > 0; i++) {
                    zIn[i] += noise * rng.gaussian();
                }
                float[] grad;
                try (NDManager sm = root.newSubManager()) {
                    NDArray zs = sm.create(zIn, new Shape(rows, dim));
                    zs.setRequiresGradient(true);
                    try (GradientCollector gc = Engines.get().newGradientCollector()) {
                        ProjectionLoss.Terms terms = ProjectionLoss.compute(g, d, zs, t, tf, s.weights(), sm);
                        gc.backward(terms.total().sum());
                        float[] l = terms.total().stopGradient().toFloatArray();
                        System.arraycopy(l, 0, lossRow, 0, rows);
                    }
                    grad = zs.getGradient().toFloatArray();
                }
                adam(z, grad, m1, m2, step + 1, learningRate(s, frac));
                if (prior == ZPrior.UNIFORM) {
                    for (int i = 0; i < z.length; i++) {
                        z[i] = Math.max(-1f, Math.min(1f, z[i]));
                    }
                }
                int best = argmin(lossRow, rows);
                curve[step] = lossRow[best];
                done = step + 1;
                if (step + 1 == s.pruneAt() && rows > 1) {
                    z = Arrays.copyOfRange(z, best * dim, (best + 1) * dim);
                    m1 = Arrays.copyOfRange(m1, best * dim, (best + 1) * dim);
                    m2 = Arrays.copyOfRange(m2, best * dim, (best + 1) * dim);
                    rows = 1;
                    lossRow = new float[] {lossRow[best]};
                    best = 0;
                }
                boolean preview = listener != Listener.NONE && (step + 1) % PREVIEW_EVERY == 0;
                listener.progress(step + 1, s.steps(), curve[step],
                        preview ? render(Arrays.copyOfRange(z, best * dim, (best + 1) * dim)) : null);
            }
            return finish(z, rows, t, tf, s, Arrays.copyOf(curve, done), stopped, t0, root);
        }
    }

    /** Evaluates every remaining start without noise and returns the best. */
    private Result finish(float[] z, int rows, NDArray t, NDList tf, Settings s, double[] curve, boolean stopped,
            long t0, NDManager root) {
        int dim = config.latentDim();
        try (NDManager sm = root.newSubManager()) {
            ProjectionLoss.Terms terms = ProjectionLoss.compute(g, d, sm.create(z, new Shape(rows, dim)), t, tf,
                    s.weights(), sm);
            float[] total = terms.total().toFloatArray();
            int best = argmin(total, rows);
            float[] pixel = terms.pixel().toFloatArray();
            float[] feature = terms.feature().toFloatArray();
            int plane = config.channels() * config.imageSize() * config.imageSize();
            float[] images = terms.images().toFloatArray();
            return new Result(Arrays.copyOfRange(z, best * dim, (best + 1) * dim),
                    Arrays.copyOfRange(images, best * plane, (best + 1) * plane), Math.sqrt(pixel[best]) / 2,
                    feature[best], total[best], curve, stopped, (System.nanoTime() - t0) / 1_000_000);
        }
    }

    /**
     * Distances of {@code z}'s image to {@code target}: {pixel RMSE in [0, 1] units, D-feature distance}.
     * For measuring other latents (a sample, a saved z) the way a projection is measured.
     */
    public double[] distances(float[] z, float[] target) {
        try (NDManager sm = manager.newSubManager()) {
            NDArray t = Ops.images(sm, target, 1, config.channels(), config.imageSize());
            ProjectionLoss.Terms terms = ProjectionLoss.compute(g, d, sm.create(z, new Shape(1, config.latentDim())),
                    t, ProjectionLoss.features(d, t), ProjectionLoss.Weights.DEFAULT, sm);
            return new double[] {Math.sqrt(terms.pixel().toFloatArray()[0]) / 2, terms.feature().toFloatArray()[0]};
        }
    }

    private Pixels render(float[] z) {
        try (NDManager sm = manager.newSubManager()) {
            float[] img = g.forward(sm.create(z, new Shape(1, config.latentDim())), false, sm).toFloatArray();
            return ImageGrids.image(img, 0, config.channels(), config.imageSize());
        }
    }

    /** projector.py's schedule: linear ramp-up over 5%, cosine ramp-down over the last 25%. */
    static float learningRate(Settings s, double frac) {
        double down = Math.min(1.0, (1.0 - frac) / 0.25);
        double ramp = (0.5 - 0.5 * Math.cos(down * Math.PI)) * Math.min(1.0, frac / 0.05 + 1.0 / s.steps());
        return (float) (s.learningRate() * ramp);
    }

    private static void adam(float[] z, float[] g, float[] m1, float[] m2, int t, float lr) {
        final float b1 = 0.9f;
        final float b2 = 0.999f;
        double c1 = 1 - Math.pow(b1, t);
        double c2 = 1 - Math.pow(b2, t);
        for (int i = 0; i < z.length; i++) {
            m1[i] = b1 * m1[i] + (1 - b1) * g[i];
            m2[i] = b2 * m2[i] + (1 - b2) * g[i] * g[i];
            z[i] -= (float) (lr * (m1[i] / c1) / (Math.sqrt(m2[i] / c2) + 1e-8));
        }
    }

    private static int argmin(float[] v, int n) {
        int best = 0;
        for (int i = 1; i < n; i++) {
            if (v[i] < v[best] || Float.isNaN(v[best])) {
                best = i;
            }
        }
        return best;
    }

    @Override
    public void close() {
        manager.close();
    }
}
