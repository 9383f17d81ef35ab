package io.dcganexplorer.eval;

import io.dcganexplorer.data.DatasetException;
import io.dcganexplorer.data.ImageDataset;
import io.dcganexplorer.model.Rng;
import java.io.UncheckedIOException;

/**
 * Reading a probe's images and ordering its index arrays: shared by the feature extraction, the
 * label draws and the supervised baseline, so that they read the same pixels and shuffle alike.
 */
final class ProbeData {
    private ProbeData() {}

    /** Images {@code idx[from .. from + n)} of {@code data}, NCHW. */
    static float[] read(ImageDataset data, int[] idx, int from, int n) {
        int plane = data.channels() * data.imageSize() * data.imageSize();
        float[] out = new float[n * plane];
        for (int r = 0; r < n; r++) {
            try {
                data.read(idx[from + r], out, r * plane);
            } catch (DatasetException e) {
                // the callers are lambdas of LinearSvm and BatchNormReestimation, which take no checked exception
                throw new UncheckedIOException(e.getMessage(), e);
            }
        }
        return out;
    }

    /** Fisher-Yates with {@code rng}: the seeded order every draw and batch order depends on. */
    static void shuffle(int[] a, Rng rng) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = (int) (rng.nextDouble() * (i + 1));
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }

    /** 0, 1, .., n - 1. */
    static int[] range(int n) {
        int[] r = new int[n];
        for (int i = 0; i < n; i++) {
            r[i] = i;
        }
        return r;
    }
}
