package io.dcganexplorer.eval;

import io.dcganexplorer.data.DatasetException;
import io.dcganexplorer.data.DatasetSpec;
import io.dcganexplorer.data.ImageDataset;
import io.dcganexplorer.model.DcganConfig;
import io.dcganexplorer.train.Checkpoint;
import io.dcganexplorer.train.RunDirectory;
import io.dcganexplorer.train.TensorFile.Tensor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;

/**
 * The k nearest training images of a query image, in two spaces: pixels, and the discriminator's
 * features (every conv stage averaged over its map, {@link DiscriminatorFeatures#stageMeans}; 960
 * floats at ndf = 64). Distances are root-mean-square differences per value (pixels on the [-1, 1]
 * scale). The features of every training image are computed once per checkpoint and dataset and kept
 * in {@code CACHE/neighbours/KEY.bin} ({@link NeighbourCache}); KEY hashes D's weights, the
 * architecture and the dataset, so a read-only run gets a cache too and a changed checkpoint a new one.
 *
 * <p>Pixel search is exact without holding every image: the compact 32x32 pixels
 * ({@link CompactPixels}) bound each image's distance from below, and only images whose bound beats
 * the k-th distance found so far are read from the dataset and compared in full, likeliest first and
 * at most {@link #fullComparisons} of them (a query says whether that proved its answer). Feature
 * search is brute force over the cached features.
 *
 * <p>Not thread-safe: open, search and close on one thread (it holds the discriminator).
 */
public final class NeighbourIndex implements AutoCloseable {
    /** Cache files kept; the least recently used beyond these are deleted when one is written. */
    static final int KEEP_FILES = 4;
    private static final int BATCH = 64;
    private static final int CHUNK = 8;
    /** Images compared in full at most per query: 3k, and at least 24. */
    static int fullComparisons(int k) {
        return Math.max(24, 3 * k);
    }

    /** One training image and its distance from the query. */
    public record Neighbour(int index, double distance) {}

    /**
     * A query's neighbours, nearest first, in pixel space and in D-feature space.
     *
     * @param imagesCompared training images the pixel search read and compared in full
     * @param exact whether the pixel neighbours are proven the nearest; false when the search stopped
     *     at {@link #fullComparisons} images with some still possibly nearer (they are then the nearest
     *     of those compared, which were the likeliest)
     */
    public record Neighbours(List<Neighbour> pixels, List<Neighbour> features, int imagesCompared, boolean exact) {}

    /** What opening tells while it reads or builds the index. */
    public interface Progress {
        /** A line worth showing: what is read or built, or why a cache was unusable. */
        void say(String line);

        /** Building: images done of the total, seconds since the build started. */
        void building(int done, int total, double seconds);

        Progress NONE = new Progress() {
            @Override
            public void say(String line) {}

            @Override
            public void building(int done, int total, double seconds) {}
        };
    }

    private final ImageDataset data;
    private final DiscriminatorFeatures d;
    private final CompactPixels compact;
    private final NeighbourCache.Contents contents;
    private final Path cacheFile;
    private final double buildSeconds;
    private final int plane;

    private NeighbourIndex(ImageDataset data, DiscriminatorFeatures d, CompactPixels compact,
            NeighbourCache.Contents contents, Path cacheFile, double buildSeconds) {
        this.data = data;
        this.d = d;
        this.compact = compact;
        this.contents = contents;
        this.cacheFile = cacheFile;
        this.buildSeconds = buildSeconds;
        this.plane = data.channels() * data.imageSize() * data.imageSize();
    }

    /**
     * The index of {@code checkpointDir} over the data {@code run} trained on, cached under
     * {@link Scorer#defaultCacheRoot()}.
     */
    public static NeighbourIndex forRun(RunDirectory run, Path checkpointDir, Progress progress,
            BooleanSupplier cancelled) throws IOException {
        return open(checkpointDir, DatasetSpec.parse(run.options().dataset()), run.options().seed(),
                Scorer.defaultCacheRoot(), progress, cancelled);
    }

    /**
     * Loads the checkpoint's discriminator and the cached features, or computes them on this thread
     * (minutes for 20,000 images at 64x64) and caches them. A cache file that is damaged is reported
     * through {@code progress} and built again.
     *
     * @param seed the dataset's seed (the run's), which picks the built-in faces
     * @param cancelled polled between batches while building; then nothing is cached
     * @throws CancellationException when {@code cancelled} said so
     * @throws IOException when the checkpoint or the dataset cannot be read (the message names it)
     */
    public static NeighbourIndex open(Path checkpointDir, DatasetSpec spec, long seed, Path cacheRoot,
            Progress progress, BooleanSupplier cancelled) throws IOException {
        Checkpoint.Meta meta = Checkpoint.readMeta(checkpointDir);
        Map<String, Tensor> tensors = Checkpoint.readTensors(checkpointDir);
        DcganConfig cfg = meta.config();
        ImageDataset data = spec.open(cfg.imageSize(), cfg.channels(), seed);
        DiscriminatorFeatures d = null;
        try {
            d = DiscriminatorFeatures.open(checkpointDir, meta, tensors);
            CompactPixels compact = new CompactPixels(cfg.channels(), cfg.imageSize());
            String key = key(cfg, tensors, spec, seed, data);
            Path file = cacheRoot.resolve("neighbours").resolve(key + ".bin");
            NeighbourCache.Contents contents = null;
            if (Files.isRegularFile(file)) {
                try {
                    contents = NeighbourCache.read(file, key);
                    if (contents.n() != data.size() || contents.pixelDim() != compact.dim()
                            || contents.featureDim() != d.stageMeanCount()) {
                        throw new NeighbourCache.Unusable(file + " does not match the dataset or the model");
                    }
                    touch(file);
                } catch (NeighbourCache.Unusable e) {
                    progress.say("the neighbour index " + e.getMessage() + "; building it again");
                    contents = null;
                }
            }
            double seconds = 0;
            if (contents == null) {
                progress.say("building the neighbour index of " + data.description() + " (" + data.size()
                        + " images) for " + checkpointDir);
                long t0 = System.nanoTime();
                contents = build(data, d, compact, progress, cancelled);
                seconds = (System.nanoTime() - t0) / 1e9;
                NeighbourCache.write(file, key, contents);
                prune(file.getParent(), file);
            }
            return new NeighbourIndex(data, d, compact, contents, file, seconds);
        } catch (IOException | RuntimeException e) {
            if (d != null) {
                d.close();
            }
            data.close();
            throw e;
        }
    }

    private static NeighbourCache.Contents build(ImageDataset data, DiscriminatorFeatures d, CompactPixels compact,
            Progress progress, BooleanSupplier cancelled) throws IOException {
        int n = data.size();
        int plane = data.channels() * data.imageSize() * data.imageSize();
        int fd = d.stageMeanCount();
        byte[] pixels = new byte[Math.multiplyExact(n, compact.dim())];
        float[] features = new float[Math.multiplyExact(n, fd)];
        float[] chunk = new float[BATCH * plane];
        long t0 = System.nanoTime();
        for (int start = 0; start < n; start += BATCH) {
            if (cancelled.getAsBoolean()) {
                throw new CancellationException("building the neighbour index was cancelled");
            }
            int b = Math.min(BATCH, n - start);
            read(data, start, b, chunk);
            for (int i = 0; i < b; i++) {
                compact.quantised(chunk, i * plane, pixels, (start + i) * compact.dim());
            }
            float[] f = d.stageMeans(chunk, b);
            System.arraycopy(f, 0, features, start * fd, b * fd);
            progress.building(start + b, n, (System.nanoTime() - t0) / 1e9);
        }
        return new NeighbourCache.Contents(n, compact.dim(), fd, pixels, features);
    }

    /** Images {@code from .. from+count} into {@code dst}, drawn on all cores (faces render in Java). */
    private static void read(ImageDataset data, int from, int count, float[] dst) throws DatasetException {
        int plane = data.channels() * data.imageSize() * data.imageSize();
        readAll(data, IntStream.range(from, from + count).toArray(), dst, plane);
    }

    private static void readAll(ImageDataset data, int[] indices, float[] dst, int plane) throws DatasetException {
        try {
            IntStream.range(0, indices.length).parallel().forEach(i -> {
                try {
                    data.read(indices[i], dst, i * plane);
                } catch (DatasetException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw (DatasetException) e.getCause();
        }
    }

    /** What the cached features depend on, hashed: D's weights, the architecture, the dataset. */
    static String key(DcganConfig cfg, Map<String, Tensor> tensors, DatasetSpec spec, long seed, ImageDataset data) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            String head = "neighbours v" + NeighbourCache.VERSION + "|side " + CompactPixels.MAX_SIDE + "|" + cfg
                    + "|" + spec + "|seed " + seed + "|" + data.size() + "|" + data.description();
            md.update(head.getBytes(StandardCharsets.UTF_8));
            ByteBuffer buf = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
            for (Tensor t : tensors.values()) {
                if (!t.name().startsWith("D/")) {
                    continue;
                }
                md.update(t.name().getBytes(StandardCharsets.UTF_8));
                float[] v = t.data();
                for (int i = 0; i < v.length; ) {
                    buf.clear();
                    int m = Math.min(v.length - i, buf.capacity() / 4);
                    buf.asFloatBuffer().put(v, i, m);
                    md.update(buf.array(), 0, m * 4);
                    i += m;
                }
            }
            return HexFormat.of().formatHex(md.digest(), 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    private static void touch(Path file) {
        try {
            Files.setLastModifiedTime(file, FileTime.fromMillis(System.currentTimeMillis()));
        } catch (IOException e) {
            // a read-only cache still works; it is only pruned in another order
        }
    }

    /** Deletes all but the {@link #KEEP_FILES} most recently used index files (each is tens of MB). */
    private static void prune(Path folder, Path keep) {
        try (var files = Files.list(folder)) {
            List<Path> old = files.filter(p -> p.getFileName().toString().endsWith(".bin") && !p.equals(keep))
                    .sorted(Comparator.comparing(NeighbourIndex::modified).reversed()).toList();
            for (Path p : old.subList(Math.min(old.size(), KEEP_FILES - 1), old.size())) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // a cache left larger than it needs to be is no reason to fail
        }
    }

    private static FileTime modified(Path p) {
        try {
            return Files.getLastModifiedTime(p);
        } catch (IOException e) {
            return FileTime.fromMillis(0);
        }
    }

    // ------------------------------------------------------------------------------------------
    // Searching

    /** The training images' count. */
    public int size() {
        return contents.n();
    }

    /** The architecture of the checkpoint. */
    public DcganConfig config() {
        return d.config();
    }

    /** The dataset, as the run trained on it. */
    public ImageDataset data() {
        return data;
    }

    /** Training image {@code index}, C x S x S in [-1, 1]. */
    public float[] image(int index) throws DatasetException {
        float[] out = new float[plane];
        data.read(index, out, 0);
        return out;
    }

    /** The cache file of this index. */
    public Path cacheFile() {
        return cacheFile;
    }

    /** Seconds the build took when this open built the index; 0 when it came from the cache. */
    public double buildSeconds() {
        return buildSeconds;
    }

    /** Features per image in D-feature space. */
    public int featureCount() {
        return contents.featureDim();
    }

    /**
     * The {@code k} nearest training images of each of {@code n} query images in both spaces.
     *
     * @param images N x C x S x S in [-1, 1], at the model's size and channels
     */
    public List<Neighbours> search(float[] images, int n, int k) throws DatasetException {
        if (images.length != (long) n * plane) {
            throw new IllegalArgumentException("expected " + n + " images of " + plane + " values, got "
                    + images.length + " values");
        }
        float[] f = d.stageMeans(images, n);
        List<Neighbours> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(search(images, i * plane, f, i * featureCount(), k, -1));
        }
        return out;
    }

    /** The {@code k} nearest neighbours of one query image; see {@link #search(float[], int, int)}. */
    public Neighbours search(float[] image, int k) throws DatasetException {
        return search(image, 1, k).get(0);
    }

    /** The {@code k} nearest other training images of training image {@code index}, from its cached features. */
    public Neighbours searchTraining(int index, int k) throws DatasetException {
        return search(image(index), 0, contents.features(), index * featureCount(), k, index);
    }

    private Neighbours search(float[] image, int offset, float[] feature, int fOffset, int k, int exclude)
            throws DatasetException {
        if (k < 1) {
            throw new IllegalArgumentException("k must be at least 1, got " + k);
        }
        int[] compared = new int[2];
        List<Neighbour> px = pixels(image, offset, Math.min(k, size()), exclude, compared);
        List<Neighbour> fs = features(feature, fOffset, Math.min(k, size()), exclude);
        return new Neighbours(px, fs, compared[0], compared[1] == 0);
    }

    private List<Neighbour> features(float[] q, int qOffset, int k, int exclude) {
        int fd = featureCount();
        float[] all = contents.features();
        PriorityQueue<Neighbour> best = worstFirst();
        for (int j = 0; j < size(); j++) {
            if (j == exclude) {
                continue;
            }
            int base = j * fd;
            float s = 0;
            for (int i = 0; i < fd; i++) {
                float diff = q[qOffset + i] - all[base + i];
                s += diff * diff;
            }
            offer(best, k, new Neighbour(j, Math.sqrt(s / fd)));
        }
        return nearestFirst(best);
    }

    private List<Neighbour> pixels(float[] q, int qOffset, int k, int exclude, int[] compared)
            throws DatasetException {
        double[] bound = compact.lowerBounds(compact.pooled(q, qOffset), contents.pixels(), size());
        // order by bound: non-negative floats sort as their bits, so pack bits and index in one long
        long[] order = new long[size()];
        for (int j = 0; j < order.length; j++) {
            order[j] = ((long) Float.floatToIntBits((float) bound[j]) << 32) | j;
        }
        Arrays.sort(order);
        PriorityQueue<Neighbour> best = worstFirst();
        float[] buf = new float[CHUNK * plane];
        int pos = 0;
        int cap = fullComparisons(k);
        while (pos < order.length) {
            if (compared[0] >= cap) {
                int next = (int) order[pos] == exclude && pos + 1 < order.length ? (int) order[pos + 1]
                        : (int) order[pos];
                if (next != exclude && (best.size() < k || bound[next] < best.peek().distance())) {
                    compared[1] = 1; // not proven: an image whose bound is below the k-th distance is left
                }
                break;
            }
            int[] next = new int[CHUNK];
            int m = 0;
            while (pos < order.length && m < CHUNK) {
                int j = (int) order[pos];
                // the bound, rounded to float for the order only, decides with full precision here
                if (best.size() == k && bound[j] >= best.peek().distance()) {
                    pos = order.length;
                    break;
                }
                pos++;
                if (j != exclude) {
                    next[m++] = j;
                }
            }
            int[] batch = Arrays.copyOf(next, m);
            readAll(data, batch, buf, plane);
            for (int i = 0; i < m; i++) {
                offer(best, k, new Neighbour(batch[i], CompactPixels.rms(q, qOffset, buf, i * plane, plane)));
            }
            compared[0] += m;
        }
        return nearestFirst(best);
    }

    private static PriorityQueue<Neighbour> worstFirst() {
        return new PriorityQueue<>(Comparator.comparingDouble(Neighbour::distance).reversed());
    }

    private static void offer(PriorityQueue<Neighbour> best, int k, Neighbour n) {
        if (best.size() < k) {
            best.add(n);
        } else if (n.distance() < best.peek().distance()) {
            best.poll();
            best.add(n);
        }
    }

    private static List<Neighbour> nearestFirst(PriorityQueue<Neighbour> best) {
        List<Neighbour> out = new ArrayList<>(best);
        out.sort(Comparator.comparingDouble(Neighbour::distance).thenComparingInt(Neighbour::index));
        return List.copyOf(out);
    }

    @Override
    public void close() {
        d.close();
        data.close();
    }
}
