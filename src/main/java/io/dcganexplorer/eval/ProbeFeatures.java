package io.dcganexplorer.eval;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.pooling.Pool;
import io.dcganexplorer.data.ImageDataset;
import io.dcganexplorer.eval.RepresentationProbe.Draw;
import io.dcganexplorer.eval.RepresentationProbe.Options;
import io.dcganexplorer.model.DcganConfig;
import io.dcganexplorer.model.Discriminator;
import io.dcganexplorer.model.Engines;
import io.dcganexplorer.model.Ops;
import io.dcganexplorer.model.Rng;
import io.dcganexplorer.train.Checkpoint;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;

/**
 * The D-features column's data: the checkpoint's discriminator with its BatchNorm statistics
 * re-estimated, run once over every image any draw labels and over the test images. The SVMs then
 * read these rows many times (every C, every draw), so they are computed once and kept.
 */
final class ProbeFeatures {
    /** Images per forward pass. */
    static final int BATCH = 128;

    private ProbeFeatures() {}

    /**
     * Pooled features by image index; rows no draw needs stay null.
     *
     * @param train row {@code i} for training image {@code i}
     * @param test row {@code i} for test image {@code i}
     */
    record Cache(float[][] train, float[][] test) {}

    /**
     * Loads the checkpoint's discriminator, re-estimates its BatchNorm statistics on
     * {@code o.bnImages()} seeded training images and extracts the features the draws and the test
     * split need, on the calling thread. Adds "batchnorm", "features_train" and "features_test" to
     * {@code seconds}, in that order.
     */
    static Cache extract(Path checkpointDir, DcganConfig cfg, ImageDataset train, ImageDataset test, List<Draw> draws,
            int[] testIdx, Options o, ProbeTracker track, ProbeListener listener, Map<String, Double> seconds)
            throws IOException {
        float[][] trainFeatures = new float[train.size()][];
        float[][] testFeatures = new float[test.size()][];
        Engines.disableGradOnThisThread();
        try (NDManager root = Engines.get().newBaseManager()) {
            Discriminator d = new Discriminator(cfg, root);
            Checkpoint.load("D", d, Checkpoint.readTensors(checkpointDir), checkpointDir);
            long t = System.nanoTime();
            int[] bn = ProbeData.range(train.size());
            ProbeData.shuffle(bn, Rng.forPurpose(o.seed(), "probe-batchnorm"));
            int[] bnIdx = Arrays.copyOf(bn, Math.min(o.bnImages(), bn.length));
            track.phase("BatchNorm statistics", bnIdx.length);
            BatchNormReestimation.reestimate(d, new BatchNormReestimation.Images() {
                @Override
                public int count() {
                    return bnIdx.length;
                }

                @Override
                public float[] read(int from, int n) {
                    return ProbeData.read(train, bnIdx, from, n);
                }
            }, BATCH, root, new BatchNormReestimation.Progress() {
                @Override
                public void done(int images) {
                    track.done(images);
                }

                @Override
                public boolean cancelled() {
                    return listener.isCancelled();
                }
            });
            seconds.put("batchnorm", ProbeTracker.secs(t));
            t = System.nanoTime();
            // only the images some draw labels: with 100 labels and 10 draws that is about 1,000, not the split
            boolean[] needed = new boolean[train.size()];
            for (Draw dr : draws) {
                for (int i : dr.fit()) {
                    needed[i] = true;
                }
                for (int i : dr.validation()) {
                    needed[i] = true;
                }
            }
            int[] union = Arrays.stream(ProbeData.range(train.size())).filter(i -> needed[i]).toArray();
            track.phase("features: training images", union.length);
            extract(d, train, union, trainFeatures, root, track, listener);
            seconds.put("features_train", ProbeTracker.secs(t));
            t = System.nanoTime();
            track.phase("features: test images", testIdx.length);
            extract(d, test, testIdx, testFeatures, root, track, listener);
            seconds.put("features_test", ProbeTracker.secs(t));
        }
        return new Cache(trainFeatures, testFeatures);
    }

    /** Pooled features of the images {@code idx} into {@code out[idx[k]]}, in inference mode. */
    private static void extract(Discriminator d, ImageDataset data, int[] idx, float[][] out, NDManager root,
            ProbeTracker track, ProbeListener listener) {
        DcganConfig cfg = d.config();
        for (int start = 0; start < idx.length; start += BATCH) {
            if (listener.isCancelled()) {
                throw new CancellationException("cancelled");
            }
            int b = Math.min(BATCH, idx.length - start);
            float[] chunk = ProbeData.read(data, idx, start, b);
            // one manager a batch: the activations of every stage are freed before the next batch
            try (NDManager m = root.newSubManager()) {
                float[] flat = pooled(d, Ops.images(m, chunk, b, cfg.channels(), cfg.imageSize()));
                int f = flat.length / b;
                for (int r = 0; r < b; r++) {
                    out[idx[start + r]] = Arrays.copyOfRange(flat, r * f, (r + 1) * f);
                }
            }
            track.done(start + b);
        }
    }

    /** Every conv stage max-pooled to 4x4, flattened and concatenated: (N x features) row-major. */
    static float[] pooled(Discriminator d, NDArray x) {
        int stages = d.config().stages();
        long b = x.getShape().get(0);
        NDList f = d.features(x, false);
        NDList pooled = new NDList();
        for (int i = 0; i < stages; i++) {
            NDArray a = f.get(i);
            int k = (int) a.getShape().get(2) / 4;
            NDArray p = k > 1 ? Pool.maxPool2d(a, new Shape(k, k), new Shape(k, k), new Shape(0, 0), false) : a;
            // NCHW order whatever the memory layout, as DiscriminatorFeatures flattens
            pooled.add(p.reshape(b, -1));
        }
        return NDArrays.concat(pooled, 1).toFloatArray();
    }
}
