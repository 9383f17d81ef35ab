package io.dcganexplorer.eval;

/**
 * An image's compact pixel feature: each channel average-pooled to {@code side x side} (32 x 32 at
 * most) and stored as bytes. Its RMS distance never exceeds the full images' RMS distance (a mean's
 * square is at most the mean of the squares), less the bytes' rounding, so it is a lower bound that
 * lets a search skip every image it proves farther than the k-th found. Distances here and in
 * {@link NeighbourIndex} are root-mean-square differences of values on the [-1, 1] scale.
 */
final class CompactPixels {
    /**
     * The compact side: 32, or the image's side when that is smaller. At 16 the bound left 60 to 600
     * of 20,000 faces of 64x64 to compare in full, each drawn again at about 10 ms.
     */
    static final int MAX_SIDE = 32;
    /** The largest error rounding to bytes adds to an RMS distance: half a step of 2/255. */
    static final double ROUNDING = 1.0 / 255;

    private final int channels;
    private final int size;
    private final int side;
    private final int factor;

    CompactPixels(int channels, int size) {
        this.channels = channels;
        this.size = size;
        this.side = Math.min(MAX_SIDE, size);
        this.factor = size / side;
    }

    /** Bytes per image. */
    int dim() {
        return channels * side * side;
    }

    /** The average-pooled image at {@code offset} of {@code chw}, into {@code out} (floats in [-1, 1]). */
    float[] pooled(float[] chw, int offset) {
        float[] out = new float[dim()];
        float scale = 1f / (factor * factor);
        for (int c = 0; c < channels; c++) {
            int base = offset + c * size * size;
            for (int y = 0; y < side; y++) {
                for (int x = 0; x < side; x++) {
                    float s = 0;
                    for (int dy = 0; dy < factor; dy++) {
                        int row = base + (y * factor + dy) * size + x * factor;
                        for (int dx = 0; dx < factor; dx++) {
                            s += chw[row + dx];
                        }
                    }
                    out[(c * side + y) * side + x] = s * scale;
                }
            }
        }
        return out;
    }

    /** {@link #pooled} rounded to bytes (0 for -1, 255 for 1) into {@code dst} at {@code at}. */
    void quantised(float[] chw, int offset, byte[] dst, int at) {
        float[] p = pooled(chw, offset);
        for (int i = 0; i < p.length; i++) {
            dst[at + i] = (byte) toByte(p[i]);
        }
    }

    /**
     * A lower bound of the RMS distance between the full query and each of the {@code n} stored
     * images: the compact distance less the rounding.
     *
     * @param query the query's {@link #pooled} feature
     */
    double[] lowerBounds(float[] query, byte[] stored, int n) {
        int d = dim();
        float[] q = new float[d];
        for (int i = 0; i < d; i++) {
            q[i] = (query[i] + 1f) * 127.5f; // on the bytes' scale
        }
        double[] out = new double[n];
        for (int j = 0; j < n; j++) {
            int base = j * d;
            float s = 0;
            for (int i = 0; i < d; i++) {
                float diff = q[i] - (stored[base + i] & 0xFF);
                s += diff * diff;
            }
            // float sums drift by a few parts in 10^5 at most: shrink by 10^-4 to stay below
            out[j] = Math.max(0, Math.sqrt(s / d) / 127.5 * (1 - 1e-4) - ROUNDING);
        }
        return out;
    }

    static int toByte(float v) {
        int b = Math.round((v + 1f) * 127.5f);
        return b < 0 ? 0 : Math.min(b, 255);
    }

    /** RMS difference of two images of {@code length} values. */
    static double rms(float[] a, int aOffset, float[] b, int bOffset, int length) {
        double s = 0;
        for (int i = 0; i < length; i++) {
            double diff = a[aOffset + i] - b[bOffset + i];
            s += diff * diff;
        }
        return Math.sqrt(s / length);
    }
}
