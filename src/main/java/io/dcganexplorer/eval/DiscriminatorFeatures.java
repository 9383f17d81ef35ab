package io.dcganexplorer.eval;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.pooling.Pool;
import io.dcganexplorer.model.DcganConfig;
import io.dcganexplorer.model.Discriminator;
import io.dcganexplorer.model.Engines;
import io.dcganexplorer.model.Ops;
import io.dcganexplorer.train.Checkpoint;
import io.dcganexplorer.train.TensorFile.Tensor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * The discriminator as a feature extractor (paper section 5): every conv stage's activation
 * max-pooled to a 4x4 grid, flattened and concatenated. Inference mode (running BatchNorm
 * statistics). Not thread-safe: create, use and close it on one thread.
 */
public final class DiscriminatorFeatures implements AutoCloseable, ImageFeatures {
    private static final int BATCH = 64;
    private final NDManager manager;
    private final Discriminator d;
    private final DcganConfig config;
    private final int featureCount;

    private DiscriminatorFeatures(NDManager manager, Discriminator d) {
        this.manager = manager;
        this.d = d;
        this.config = d.config();
        int f = 0;
        for (int i = 0; i < config.stages(); i++) {
            f += (config.discriminatorFeatures() << i) * 16;
        }
        this.featureCount = f;
    }

    /** Loads the discriminator of {@code checkpointDir}. Turns grad mode off on this thread. */
    public static DiscriminatorFeatures open(Path checkpointDir) throws IOException {
        return open(checkpointDir, Checkpoint.readMeta(checkpointDir), Checkpoint.readTensors(checkpointDir));
    }

    /** As {@link #open(Path)}, from a checkpoint already read. */
    static DiscriminatorFeatures open(Path checkpointDir, Checkpoint.Meta meta, Map<String, Tensor> tensors)
            throws IOException {
        Engines.disableGradOnThisThread();
        NDManager m = Engines.get().newBaseManager();
        try {
            Discriminator d = new Discriminator(meta.config(), m);
            Checkpoint.load("D", d, tensors, checkpointDir);
            return new DiscriminatorFeatures(m, d);
        } catch (IOException | RuntimeException e) {
            m.close();
            throw e;
        }
    }

    public DcganConfig config() {
        return config;
    }

    /** Features per image: sum over conv stages of channels x 16. */
    public int featureCount() {
        return featureCount;
    }

    /**
     * @param images N x C x S x S in [-1, 1]
     * @return N rows of {@link #featureCount()} features
     */
    @Override
    public float[][] extract(float[] images, int n) {
        return extract(images, n, null);
    }

    /**
     * As {@link #extract(float[], int)}, also writing the discriminator's verdict (its logit: high
     * means "looks real") of image i to {@code realness[i]} when {@code realness} is not null.
     */
    public float[][] extract(float[] images, int n, float[] realness) {
        return run(images, n, realness, true);
    }

    /**
     * Only the discriminator's verdict (its logit) of each image into {@code realness[i]}: the same
     * pass as {@link #extract(float[], int, float[])} without pooling and copying the features, for
     * when another classifier scores the attributes.
     */
    public void realness(float[] images, int n, float[] realness) {
        run(images, n, realness, false);
    }

    private float[][] run(float[] images, int n, float[] realness, boolean wantFeatures) {
        int plane = config.channels() * config.imageSize() * config.imageSize();
        float[][] out = wantFeatures ? new float[n][] : null;
        for (int start = 0; start < n; start += BATCH) {
            int b = Math.min(BATCH, n - start);
            float[] chunk = new float[b * plane];
            System.arraycopy(images, start * plane, chunk, 0, b * plane);
            try (NDManager scope = manager.newSubManager()) {
                NDList stages = d.features(Ops.images(scope, chunk, b, config.channels(), config.imageSize()), false);
                if (realness != null) {
                    float[] logits = stages.get(config.stages()).toFloatArray();
                    System.arraycopy(logits, 0, realness, start, b);
                }
                if (!wantFeatures) {
                    continue;
                }
                NDList pooled = new NDList();
                for (int i = 0; i < config.stages(); i++) {
                    NDArray a = stages.get(i);
                    int k = (int) a.getShape().get(2) / 4;
                    NDArray p = k > 1 ? Pool.maxPool2d(a, new Shape(k, k), new Shape(k, k), new Shape(0, 0), false) : a;
                    pooled.add(p.reshape(b, -1));
                }
                float[] flat = ai.djl.ndarray.NDArrays.concat(pooled, 1).toFloatArray();
                for (int r = 0; r < b; r++) {
                    out[start + r] = java.util.Arrays.copyOfRange(flat, r * featureCount, (r + 1) * featureCount);
                }
            }
        }
        return out;
    }

    /** Features per image of {@link #stageMeans}: the channels of all conv stages, 960 at ndf = 64. */
    public int stageMeanCount() {
        int f = 0;
        for (int i = 0; i < config.stages(); i++) {
            f += config.discriminatorFeatures() << i;
        }
        return f;
    }

    /**
     * Every conv stage's activation averaged over its whole map, concatenated: a compact
     * description of an image (for nearest neighbours) rather than the section-5 protocol's 4x4 grids.
     *
     * @param images N x C x S x S in [-1, 1]
     * @return N rows of {@link #stageMeanCount()} floats, one after the other
     */
    public float[] stageMeans(float[] images, int n) {
        int plane = config.channels() * config.imageSize() * config.imageSize();
        int count = stageMeanCount();
        float[] out = new float[Math.multiplyExact(n, count)];
        for (int start = 0; start < n; start += BATCH) {
            int b = Math.min(BATCH, n - start);
            float[] chunk = new float[b * plane];
            System.arraycopy(images, start * plane, chunk, 0, b * plane);
            try (NDManager scope = manager.newSubManager()) {
                NDList stages = d.features(Ops.images(scope, chunk, b, config.channels(), config.imageSize()), false);
                NDList means = new NDList();
                for (int i = 0; i < config.stages(); i++) {
                    NDArray a = stages.get(i); // (b, ndf*2^i, s, s)
                    means.add(a.reshape(b, a.getShape().get(1), -1).mean(new int[] {2})); // (b, ndf*2^i)
                }
                float[] flat = ai.djl.ndarray.NDArrays.concat(means, 1).toFloatArray();
                System.arraycopy(flat, 0, out, start * count, b * count);
            }
        }
        return out;
    }

    @Override
    public void close() {
        manager.close();
    }
}
