package io.dcganexplorer.eval;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.pooling.Pool;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import io.dcganexplorer.data.BatchStream;
import io.dcganexplorer.data.DatasetException;
import io.dcganexplorer.model.DcganConfig;
import io.dcganexplorer.model.Engines;
import io.dcganexplorer.model.Network;
import io.dcganexplorer.model.Ops;
import io.dcganexplorer.model.Param;
import io.dcganexplorer.train.Adam;
import io.dcganexplorer.train.Checkpoint;
import io.dcganexplorer.train.TensorFile;
import io.dcganexplorer.train.TensorFile.Tensor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A small CNN the project trains itself, whose penultimate layer is the feature space of the
 * sample-quality score ({@link Scorer}): three 3x3 convolutions (16, 32, 64 channels, each ReLU and
 * 2x2 max-pool), a dense layer of {@value #FEATURES} units (ReLU: the features) and a dense output
 * layer. Images larger than {@value #MAX_SIDE} are average-pooled to it first (Fashion-MNIST is
 * 28x28 at the source; the cost stays that of 32x32 whatever the run's size).
 *
 * <p>Two heads: {@link Kind#CLASSES} (softmax cross-entropy, MNIST and Fashion-MNIST's 10 classes)
 * and {@link Kind#ATTRIBUTES} (one sigmoid per binary attribute, the faces and CelebA).
 *
 * <p>Not thread-safe: create, train, use and close it on one thread; every NDArray lives in its
 * manager or in a per-batch sub-manager.
 */
public final class FeatureClassifier implements AutoCloseable, ImageFeatures {
    /** Bump when the architecture or training changes, so cached classifiers are not reused. */
    public static final int VERSION = 1;
    public static final int FEATURES = 128;
    static final int MAX_SIDE = 32;
    private static final int[] WIDTHS = {16, 32, 64};
    private static final int BATCH = 64;
    private static final int INFER_BATCH = 256;

    /** What the output layer predicts. */
    public enum Kind {
        /** One of {@code outputs} classes (targets one-hot). */
        CLASSES,
        /** {@code outputs} independent binary attributes (targets 0 or 1). */
        ATTRIBUTES
    }

    /** Labelled images: a training or a test split. */
    public interface Labelled {
        int size();

        /** Image {@code index}, C x S x S in [-1, 1], into {@code dst} at {@code offset}. */
        void read(int index, float[] dst, int offset) throws DatasetException;

        /**
         * The target row of image {@code index} ({@code outputs} values, 0 or 1) into {@code dst} at
         * {@code offset}.
         */
        void target(int index, float[] dst, int offset);
    }

    /** Told how training goes: images seen of the total, and the mean loss of the recent batches. */
    @FunctionalInterface
    public interface Progress {
        void report(long imagesDone, long imagesTotal, double loss);

        Progress NONE = (d, t, l) -> {};
    }

    private final NDManager manager;
    private final Net net;
    private final Kind kind;
    private final int imageSize;
    private final int channels;
    private final int outputs;

    private FeatureClassifier(Kind kind, int imageSize, int channels, int outputs) {
        Engines.disableGradOnThisThread();
        this.kind = kind;
        this.imageSize = imageSize;
        this.channels = channels;
        this.outputs = outputs;
        this.manager = Engines.get().newBaseManager();
        try {
            this.net = new Net(DcganConfig.preset(DcganConfig.Preset.PYTORCH, imageSize, channels), manager, outputs);
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    /** A fresh classifier with He-initialised weights (deterministic in {@code seed}). */
    public static FeatureClassifier create(Kind kind, int imageSize, int channels, int outputs, long seed) {
        FeatureClassifier c = new FeatureClassifier(kind, imageSize, channels, outputs);
        Random r = new Random(seed);
        for (Param p : c.net.parameters()) {
            long[] shape = p.array().getShape().getShape();
            float[] v = new float[Math.toIntExact(p.array().size())];
            if (p.name().endsWith(".weight")) {
                long fanIn = 1;
                for (int i = 1; i < shape.length; i++) {
                    fanIn *= shape[i];
                }
                double std = Math.sqrt(2.0 / fanIn);
                for (int i = 0; i < v.length; i++) {
                    v[i] = (float) (r.nextGaussian() * std);
                }
            }
            Ops.assign(p.array(), v);
        }
        return c;
    }

    /** A classifier saved by {@link #save}; its shape must match the arguments. */
    public static FeatureClassifier load(Path file, Kind kind, int imageSize, int channels, int outputs)
            throws IOException {
        FeatureClassifier c = new FeatureClassifier(kind, imageSize, channels, outputs);
        try {
            Map<String, Tensor> tensors = new java.util.LinkedHashMap<>();
            for (Tensor t : TensorFile.read(file)) {
                tensors.put(t.name(), t);
            }
            Checkpoint.load("C", c.net, tensors, file);
            return c;
        } catch (IOException | RuntimeException e) {
            c.close();
            throw e;
        }
    }

    /** Writes the weights to {@code file} (not atomically: the caller writes into a temporary folder). */
    public void save(Path file) throws IOException {
        TensorFile.write(file, Checkpoint.tensorsOf("C", net));
    }

    public Kind kind() {
        return kind;
    }

    public int outputs() {
        return outputs;
    }

    /**
     * Trains on {@code data} with Adam (lr 1e-3) in batches of {@value #BATCH}, {@code epochs}
     * passes over at most {@code maxImages} of its images, in a seeded order.
     *
     * @param cancelled polled between batches; training stops early when it says true
     */
    public void train(Labelled data, int epochs, int maxImages, long seed, Progress progress,
            java.util.function.BooleanSupplier cancelled) throws DatasetException {
        Engines.disableGradOnThisThread();
        int n = Math.min(maxImages, data.size());
        int plane = channels * imageSize * imageSize;
        float[] pixels = new float[BATCH * plane];
        float[] targets = new float[BATCH * outputs];
        long total = (long) n * epochs;
        long done = 0;
        double lossSum = 0;
        int lossCount = 0;
        try (Adam adam = new Adam(net, 1e-3, 0.9, 0.999, manager)) {
            for (int epoch = 0; epoch < epochs; epoch++) {
                int[] order = BatchStream.permutation(data.size(), seed, epoch);
                for (int start = 0; start < n; start += BATCH) {
                    if (cancelled.getAsBoolean()) {
                        return;
                    }
                    int b = Math.min(BATCH, n - start);
                    for (int i = 0; i < b; i++) {
                        data.read(order[start + i], pixels, i * plane);
                        data.target(order[start + i], targets, i * outputs);
                    }
                    try (NDManager sm = manager.newSubManager()) {
                        NDArray x = Ops.images(sm, b == BATCH ? pixels : java.util.Arrays.copyOf(pixels, b * plane),
                                b, channels, imageSize);
                        NDArray y = sm.create(java.util.Arrays.copyOf(targets, b * outputs), new Shape(b, outputs));
                        NDArray loss = lossAndBackward(sm, x, y);
                        adam.step(sm);
                        lossSum += loss.stopGradient().getFloat();
                        lossCount++;
                    }
                    done += b;
                    if (lossCount >= 20 || done == total) {
                        progress.report(done, total, lossSum / lossCount);
                        lossSum = 0;
                        lossCount = 0;
                    }
                }
            }
        }
    }

    /**
     * Forward, loss and backward with gradient recording on for this thread only. Not DJL's
     * GradientCollector: in DJL 0.36 only one may collect at a time in the whole process, so one
     * here would make a trainer's step on another thread fail (and the other way round), and this
     * classifier is trained while a GAN trains (scoring in the window).
     */
    private NDArray lossAndBackward(NDManager sm, NDArray x, NDArray y) {
        boolean before = JniUtils.isGradMode();
        JniUtils.setGradMode(true);
        try {
            NDArray loss = loss(net.forward(x).get(1), y);
            NDArray seed = sm.ones(loss.getShape(), loss.getDataType());
            JniUtils.backward((PtNDArray) loss, (PtNDArray) seed, false, false);
            return loss;
        } finally {
            JniUtils.setGradMode(before);
        }
    }

    private NDArray loss(NDArray logits, NDArray y) {
        if (kind == Kind.CLASSES) {
            return logits.logSoftmax(1).mul(y).sum(new int[] {1}).mean().neg();
        }
        // mean BCE with logits: max(x, 0) - x*y + log(1 + exp(-|x|))
        return Activation.relu(logits).sub(logits.mul(y)).add(logits.abs().neg().exp().add(1f).log()).mean();
    }

    /** What one pass over a labelled split gives: features of every image and the accuracy. */
    public record Evaluation(float[][] features, double accuracy) {}

    /**
     * Features and accuracy over the first {@code max} images of {@code data}: for classes the
     * share of images whose arg-max is the labelled class, for attributes the share of (image,
     * attribute) pairs predicted right at probability 0.5.
     */
    public Evaluation evaluate(Labelled data, int max, java.util.function.IntConsumer progress)
            throws DatasetException {
        int n = Math.min(max, data.size());
        int plane = channels * imageSize * imageSize;
        float[][] features = new float[n][];
        long right = 0;
        float[] pixels = new float[INFER_BATCH * plane];
        float[] t = new float[outputs];
        for (int start = 0; start < n; start += INFER_BATCH) {
            int b = Math.min(INFER_BATCH, n - start);
            for (int i = 0; i < b; i++) {
                data.read(start + i, pixels, i * plane);
            }
            float[][] logits = new float[b][];
            run(pixels, b, features, start, logits);
            for (int i = 0; i < b; i++) {
                data.target(start + i, t, 0);
                if (kind == Kind.CLASSES) {
                    int best = 0;
                    for (int k = 1; k < outputs; k++) {
                        if (logits[i][k] > logits[i][best]) {
                            best = k;
                        }
                    }
                    right += t[best] > 0.5f ? 1 : 0;
                } else {
                    for (int k = 0; k < outputs; k++) {
                        right += (logits[i][k] > 0) == (t[k] > 0.5f) ? 1 : 0;
                    }
                }
            }
            progress.accept(start + b);
        }
        double acc = n == 0 ? 0 : right / (double) ((long) n * (kind == Kind.CLASSES ? 1 : outputs));
        return new Evaluation(features, acc);
    }

    /** The {@value #FEATURES} penultimate-layer features of each of {@code n} images (N x C x S x S in [-1, 1]). */
    public float[][] features(float[] images, int n) {
        int plane = channels * imageSize * imageSize;
        float[][] out = new float[n][];
        float[] chunk = new float[INFER_BATCH * plane];
        for (int start = 0; start < n; start += INFER_BATCH) {
            int b = Math.min(INFER_BATCH, n - start);
            System.arraycopy(images, start * plane, chunk, 0, b * plane);
            run(chunk, b, out, start, null);
        }
        return out;
    }

    /** The same as {@link #features(float[], int)}. */
    @Override
    public float[][] extract(float[] images, int n) {
        return features(images, n);
    }

    /** Inference on the first {@code b} images of {@code pixels}: features into {@code out[at..]}, logits if asked. */
    private void run(float[] pixels, int b, float[][] out, int at, float[][] logits) {
        int plane = channels * imageSize * imageSize;
        try (NDManager sm = manager.newSubManager()) {
            NDArray x = Ops.images(sm, pixels.length == b * plane ? pixels : java.util.Arrays.copyOf(pixels, b * plane),
                    b, channels, imageSize);
            NDList r = net.forward(x);
            float[] f = r.get(0).toFloatArray();
            for (int i = 0; i < b; i++) {
                out[at + i] = java.util.Arrays.copyOfRange(f, i * FEATURES, (i + 1) * FEATURES);
            }
            if (logits != null) {
                float[] l = r.get(1).toFloatArray();
                for (int i = 0; i < b; i++) {
                    logits[i] = java.util.Arrays.copyOfRange(l, i * outputs, (i + 1) * outputs);
                }
            }
        }
    }

    @Override
    public void close() {
        manager.close();
    }

    /**
     * The network's tensors. {@link Network} holds them by name (for {@link Checkpoint}'s loading
     * and {@link Adam}); the DCGAN config it is given only carries the image size and channels.
     */
    private static final class Net extends Network {
        private final List<NDArray> convW = new ArrayList<>();
        private final List<NDArray> convB = new ArrayList<>();
        private final NDArray fcW;
        private final NDArray fcB;
        private final NDArray outW;
        private final NDArray outB;
        private final int pool;

        Net(DcganConfig cfg, NDManager parent, int outputs) {
            super(cfg, parent);
            int side = Math.min(cfg.imageSize(), MAX_SIDE);
            pool = cfg.imageSize() / side;
            long in = cfg.channels();
            for (int i = 0; i < WIDTHS.length; i++) {
                convW.add(weight("c." + i + ".weight", WIDTHS[i], in, 3, 3));
                convB.add(weight("c." + i + ".bias", WIDTHS[i]));
                in = WIDTHS[i];
            }
            int last = side >> WIDTHS.length;
            fcW = weight("f.weight", FEATURES, in * last * last);
            fcB = weight("f.bias", FEATURES);
            outW = weight("o.weight", outputs, FEATURES);
            outB = weight("o.bias", outputs);
        }

        /** Features (N, FEATURES) and logits (N, outputs); every result belongs to {@code x}'s manager. */
        NDList forward(NDArray x) {
            Shape one = new Shape(1, 1);
            Shape two = new Shape(2, 2);
            if (pool > 1) {
                Shape k = new Shape(pool, pool);
                x = Pool.avgPool2d(x, k, k, new Shape(0, 0), false, true);
            }
            for (int i = 0; i < convW.size(); i++) {
                x = Conv2d.conv2d(x, convW.get(i), convB.get(i), one, one, one, 1).singletonOrThrow();
                x = Pool.maxPool2d(Activation.relu(x), two, two, new Shape(0, 0), false);
            }
            long n = x.getShape().get(0);
            NDArray h = Activation.relu(Linear.linear(x.reshape(n, -1), fcW, fcB).singletonOrThrow());
            NDArray logits = Linear.linear(h, outW, outB).singletonOrThrow();
            return new NDList(h, logits);
        }
    }
}
