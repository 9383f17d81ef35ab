package io.dcganexplorer.eval;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import io.dcganexplorer.model.ChannelMoments;
import io.dcganexplorer.model.DcganConfig;
import io.dcganexplorer.model.Discriminator;
import io.dcganexplorer.model.Ops;
import io.dcganexplorer.model.Param;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CancellationException;

/**
 * Re-estimates a discriminator's BatchNorm running statistics on a set of images, as the authors'
 * SVHN script does before extracting features: the running averages a GAN's training leaves
 * behind follow a moving target (D's weights change every step, and half its batches were
 * generated images), so they are replaced by the statistics of real images under the final
 * weights.
 *
 * <p>How, exactly: the images go through D in batches in training mode (each BatchNorm
 * normalising with its batch's statistics, as during training). For every BatchNorm layer the
 * input of that batch, the convolution's output, is computed from the previous stage's
 * activation, and its per-channel mean and sum of squared deviations are taken over all
 * {@code N x H x W} values. The batches are then pooled exactly (Chan et al.'s parallel variance:
 * the mean of all values, and the variance of all values including the spread between batch
 * means, accumulated in double), which is the cumulative average of PyTorch's
 * {@code momentum=None} made exact for the variance. The running mean becomes that mean and
 * the running variance the unbiased variance, in memory only: nothing is written to disk.
 */
public final class BatchNormReestimation {
    private BatchNormReestimation() {}

    /** Supplies batches of images (N x C x S x S in [-1, 1], NCHW) and is told of progress. */
    public interface Images {
        /** Number of images in all. */
        int count();

        /** Images {@code from} to {@code from + n - 1} into a new array. */
        float[] read(int from, int n);
    }

    /**
     * Replaces the running statistics of every BatchNorm layer of {@code d}.
     *
     * @param scope parent manager for the per-batch temporaries
     * @param batch images per forward pass
     * @param progress told the number of images done after each batch; polled for cancellation
     * @throws CancellationException if {@code progress} asks to stop (the statistics are then left
     *     as they were before)
     */
    public static void reestimate(Discriminator d, Images images, int batch, NDManager scope, Progress progress) {
        DcganConfig cfg = d.config();
        int stages = cfg.stages();
        Map<String, NDArray> byName = new HashMap<>();
        for (Param p : d.parameters()) {
            byName.put(p.name(), p.array());
        }
        ChannelMoments[] moments = new ChannelMoments[stages];
        float[][] before = new float[stages * 2][];
        for (int i = 1; i < stages; i++) {
            before[2 * i] = byName.get("d." + i + ".bn.running_mean").toFloatArray();
            before[2 * i + 1] = byName.get("d." + i + ".bn.running_var").toFloatArray();
        }
        int n = images.count();
        int k = cfg.kernel().stride;
        int pad = cfg.kernel().padding;
        try {
            for (int start = 0; start < n; start += batch) {
                if (progress.cancelled()) {
                    throw new CancellationException("cancelled");
                }
                int b = Math.min(batch, n - start);
                float[] chunk = images.read(start, b);
                try (NDManager m = scope.newSubManager()) {
                    NDArray x = Ops.images(m, chunk, b, cfg.channels(), cfg.imageSize());
                    NDList f = d.features(x, true);
                    for (int i = 1; i < stages; i++) {
                        NDArray pre = Ops.conv2d(f.get(i - 1), byName.get("d." + i + ".weight"), k, pad);
                        if (moments[i] == null) {
                            moments[i] = new ChannelMoments();
                        }
                        moments[i].add(pre);
                    }
                }
                progress.done(start + b);
            }
        } catch (RuntimeException e) {
            // training-mode passes moved the running statistics: put them back
            for (int i = 1; i < stages; i++) {
                Ops.assign(byName.get("d." + i + ".bn.running_mean"), before[2 * i]);
                Ops.assign(byName.get("d." + i + ".bn.running_var"), before[2 * i + 1]);
            }
            throw e;
        }
        for (int i = 1; i < stages; i++) {
            if (moments[i] != null && moments[i].count() > 1) {
                Ops.assign(byName.get("d." + i + ".bn.running_mean"), moments[i].mean());
                Ops.assign(byName.get("d." + i + ".bn.running_var"), moments[i].unbiasedVariance());
            }
        }
    }

    /** Progress of a re-estimation. */
    public interface Progress {
        Progress NONE = new Progress() {};

        /** Images done so far. */
        default void done(int images) {}

        /** Polled before each batch. */
        default boolean cancelled() {
            return false;
        }
    }
}
