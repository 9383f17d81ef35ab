package io.dcganexplorer.data;

import java.util.SplittableRandom;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Endless, deterministic stream of training batches from an {@link ImageDataset}.
 *
 * <p>Epoch {@code e} visits the images in a permutation drawn from {@code (seed, e)} alone, and
 * the last incomplete batch of an epoch is dropped, so batch {@code (e, i)} is the same images
 * whenever and wherever it is asked for: this is what makes resume exact. Images are decoded on
 * one named daemon thread a few batches ahead, so the trainer does not wait on local data.
 */
public final class BatchStream implements AutoCloseable {

    /**
     * One batch.
     *
     * @param epoch epoch it belongs to (0-based)
     * @param indexInEpoch batch number within the epoch (0-based)
     * @param pixels N x C x S x S floats in [-1, 1]
     */
    public record Batch(long epoch, int indexInEpoch, float[] pixels) {}

    private static final Object END = new Object();

    private final ImageDataset dataset;
    private final int batchSize;
    private final long seed;
    private final int batchesPerEpoch;
    private final BlockingQueue<Object> queue;
    /**
     * Pixel buffers handed back by the consumer ({@link #recycle}): a batch is megabytes, and a fresh
     * array each step makes the JVM grow its heap far beyond what it holds.
     */
    private final BlockingQueue<float[]> spare = new java.util.concurrent.LinkedBlockingQueue<>();
    /** At most as many spare buffers as batches can be in flight: queued, in the loader, in use. */
    private final int spareLimit;
    private final Thread loader;
    private volatile boolean closed;

    /**
     * @param startEpoch epoch of the first batch to deliver
     * @param startBatch index within that epoch of the first batch to deliver
     * @param prefetch how many batches may be decoded ahead (at least 1)
     */
    public BatchStream(ImageDataset dataset, int batchSize, long seed, long startEpoch, int startBatch,
            int prefetch) throws DatasetException {
        if (batchSize <= 0) {
            throw new IllegalArgumentException("batch size must be positive, got " + batchSize);
        }
        if (dataset.size() < batchSize) {
            throw new DatasetException(dataset.description() + " has " + dataset.size()
                    + " images, fewer than one batch of " + batchSize);
        }
        this.dataset = dataset;
        this.batchSize = batchSize;
        this.seed = seed;
        this.batchesPerEpoch = dataset.size() / batchSize;
        if (startBatch < 0 || startBatch >= batchesPerEpoch) {
            throw new IllegalArgumentException("batch " + startBatch + " is outside an epoch of "
                    + batchesPerEpoch + " batches");
        }
        this.queue = new ArrayBlockingQueue<>(Math.max(1, prefetch));
        this.spareLimit = Math.max(1, prefetch) + 2;
        this.loader = new Thread(() -> run(startEpoch, startBatch), "dcgan-data");
        loader.setDaemon(true);
        loader.start();
    }

    public int batchesPerEpoch() {
        return batchesPerEpoch;
    }

    /** Image indices of epoch {@code epoch} in visiting order. */
    public static int[] permutation(int size, long seed, long epoch) {
        int[] order = new int[size];
        for (int i = 0; i < size; i++) {
            order[i] = i;
        }
        SplittableRandom rnd = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + epoch);
        for (int i = size - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }

    private void run(long epoch, int batch) {
        int plane = dataset.channels() * dataset.imageSize() * dataset.imageSize();
        try {
            while (!closed) {
                int[] order = permutation(dataset.size(), seed, epoch);
                for (int b = batch; b < batchesPerEpoch && !closed; b++) {
                    float[] pixels = spare.poll();
                    if (pixels == null) {
                        pixels = new float[batchSize * plane];
                    }
                    for (int k = 0; k < batchSize; k++) {
                        dataset.read(order[b * batchSize + k], pixels, k * plane);
                    }
                    queue.put(new Batch(epoch, b, pixels));
                }
                batch = 0;
                epoch++;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (DatasetException | RuntimeException e) {
            offerQuietly(e);
        }
        offerQuietly(END);
    }

    private void offerQuietly(Object o) {
        try {
            while (!closed && !queue.offer(o, 50, java.util.concurrent.TimeUnit.MILLISECONDS)) {
                // the consumer is slow or gone; keep trying until closed
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Gives a batch's pixel array back for reuse once its values have been copied elsewhere; the
     * batch must not be read after this.
     */
    public void recycle(Batch batch) {
        if (spare.size() < spareLimit) {
            spare.offer(batch.pixels());
        }
    }

    /** The next batch, waiting for the loader if it is behind. */
    public Batch next() throws DatasetException, InterruptedException {
        Object o = queue.take();
        if (o instanceof Batch b) {
            return b;
        }
        if (o instanceof DatasetException e) {
            throw new DatasetException(e.getMessage(), e);
        }
        if (o instanceof RuntimeException e) {
            throw new DatasetException("reading " + dataset.description() + " failed: " + e, e);
        }
        throw new DatasetException("batch stream over " + dataset.description() + " is closed");
    }

    @Override
    public void close() {
        closed = true;
        loader.interrupt();
        try {
            loader.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
