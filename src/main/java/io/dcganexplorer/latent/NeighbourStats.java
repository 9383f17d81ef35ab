package io.dcganexplorer.latent;

import io.dcganexplorer.data.DatasetException;
import io.dcganexplorer.eval.NeighbourIndex;
import io.dcganexplorer.model.DcganConfig;
import io.dcganexplorer.model.Rng;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;

/**
 * How far generated faces are from their nearest training face, beside how far training faces are
 * from their nearest other training face, in pixel space and in D-feature space: the memorisation
 * question of the DCGAN paper's section 6, as distributions. A model that copies its training set
 * puts the generated distances well below the training ones.
 */
public final class NeighbourStats {
    private static final int BATCH = 64;

    /** The 10th percentile, the median and the 90th percentile of a set of distances. */
    public record Distribution(double p10, double median, double p90) {
        /** Of {@code values} (sorted here, in place). */
        static Distribution of(double[] values) {
            Arrays.sort(values);
            return new Distribution(quantile(values, 0.1), quantile(values, 0.5), quantile(values, 0.9));
        }

        private static double quantile(double[] sorted, double q) {
            double pos = q * (sorted.length - 1);
            int lo = (int) Math.floor(pos);
            int hi = Math.min(sorted.length - 1, lo + 1);
            return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
        }
    }

    /**
     * The four distributions of nearest distances.
     *
     * @param n generated images and training images measured (each)
     * @param seconds the time it took
     */
    public record Stats(int n, long seed, Distribution generatedPixels, Distribution trainingPixels,
            Distribution generatedFeatures, Distribution trainingFeatures, double seconds) {}

    /** Told how far the measurement is. */
    public interface Listener {
        /** {@code done} of {@code total} queries (generated ones first, then training ones). */
        void progress(int done, int total, double seconds);
    }

    private NeighbourStats() {}

    /**
     * Measures {@code n} generated images (z drawn by {@code new Rng(seed)} from the run's prior) and
     * {@code n} training images (drawn without repeats by {@code new Random(seed)}).
     *
     * @param index searched on this thread
     * @param session renders the generated images
     * @throws CancellationException when {@code cancelled} says so between batches
     */
    public static Stats measure(NeighbourIndex index, GeneratorSession session, int n, long seed,
            Listener listener, BooleanSupplier cancelled) throws DatasetException {
        if (n < 2 || n > index.size()) {
            throw new IllegalArgumentException("need 2 to " + index.size() + " images (the training set's size), got "
                    + n);
        }
        long t0 = System.nanoTime();
        DcganConfig cfg = session.config();
        float[] flat = new Rng(seed).latent(n, cfg.latentDim(), cfg.prior());
        double[] genPx = new double[n];
        double[] genF = new double[n];
        for (int start = 0; start < n; start += BATCH) {
            check(cancelled);
            int b = Math.min(BATCH, n - start);
            List<float[]> zs = new ArrayList<>(b);
            for (int i = 0; i < b; i++) {
                zs.add(Arrays.copyOfRange(flat, (start + i) * cfg.latentDim(), (start + i + 1) * cfg.latentDim()));
            }
            float[] images = session.renderRaw(zs).join();
            List<NeighbourIndex.Neighbours> found = index.search(images, b, 1);
            for (int i = 0; i < b; i++) {
                genPx[start + i] = found.get(i).pixels().get(0).distance();
                genF[start + i] = found.get(i).features().get(0).distance();
            }
            listener.progress(start + b, 2 * n, (System.nanoTime() - t0) / 1e9);
        }
        int[] picks = pick(index.size(), n, seed);
        double[] trainPx = new double[n];
        double[] trainF = new double[n];
        for (int i = 0; i < n; i++) {
            if (i % BATCH == 0) {
                check(cancelled);
            }
            NeighbourIndex.Neighbours found = index.searchTraining(picks[i], 1);
            trainPx[i] = found.pixels().get(0).distance();
            trainF[i] = found.features().get(0).distance();
            if ((i + 1) % BATCH == 0 || i == n - 1) {
                listener.progress(n + i + 1, 2 * n, (System.nanoTime() - t0) / 1e9);
            }
        }
        return new Stats(n, seed, Distribution.of(genPx), Distribution.of(trainPx), Distribution.of(genF),
                Distribution.of(trainF), (System.nanoTime() - t0) / 1e9);
    }

    /** {@code n} distinct indices below {@code size}. */
    static int[] pick(int size, int n, long seed) {
        int[] all = new int[size];
        for (int i = 0; i < size; i++) {
            all[i] = i;
        }
        Random r = new Random(seed);
        for (int i = 0; i < n; i++) {
            int j = i + r.nextInt(size - i);
            int t = all[i];
            all[i] = all[j];
            all[j] = t;
        }
        return Arrays.copyOf(all, n);
    }

    private static void check(BooleanSupplier cancelled) {
        if (cancelled.getAsBoolean()) {
            throw new CancellationException("the neighbour statistics were cancelled");
        }
    }
}
