package io.dcganexplorer.model;

import ai.djl.ndarray.NDArray;

/**
 * Per-channel mean and variance of a stream of N x C x H x W batches, pooled exactly (Chan et
 * al.'s parallel update: each batch's mean and sum of squared deviations, combined in double
 * with the spread between batch means). This is what PyTorch's BatchNorm {@code momentum=None}
 * (a cumulative average) approximates; the variance here is exact, not an average of batch
 * variances. Used to re-estimate BatchNorm running statistics.
 */
public final class ChannelMoments {
    private double[] mean;
    private double[] m2;
    private long count;

    /** Adds one batch (N x C x H x W): every value of channel c counts once. */
    public void add(NDArray x) {
        long c = x.getShape().get(1);
        long nb = x.getShape().get(0) * x.getShape().get(2) * x.getShape().get(3);
        // (libtorch's mean through DJL takes one axis only)
        NDArray bm = x.sum(new int[] {0, 2, 3}).div((float) nb);
        float[] batchMean = bm.toFloatArray();
        float[] batchM2 = x.sub(bm.reshape(1, c, 1, 1)).square().sum(new int[] {0, 2, 3}).toFloatArray();
        add(batchMean, batchM2, nb);
    }

    /** Adds a batch of {@code n} values per channel given by its means and sums of squared deviations. */
    public void add(float[] batchMean, float[] batchM2, long n) {
        if (mean == null) {
            mean = new double[batchMean.length];
            m2 = new double[batchMean.length];
        } else if (batchMean.length != mean.length) {
            throw new IllegalArgumentException("batch has " + batchMean.length + " channels, earlier ones "
                    + mean.length);
        }
        long na = count;
        long nab = na + n;
        for (int ch = 0; ch < mean.length; ch++) {
            double delta = batchMean[ch] - mean[ch];
            mean[ch] += delta * n / nab;
            m2[ch] += batchM2[ch] + delta * delta * ((double) na * n / nab);
        }
        count = nab;
    }

    /** Values seen per channel. */
    public long count() {
        return count;
    }

    /** The pooled mean per channel. */
    public float[] mean() {
        float[] out = new float[mean.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) mean[i];
        }
        return out;
    }

    /** The pooled unbiased variance per channel (what BatchNorm keeps as its running variance). */
    public float[] unbiasedVariance() {
        float[] out = new float[mean.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) (m2[i] / (count - 1));
        }
        return out;
    }
}
