package io.dcganexplorer.eval;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.dcganexplorer.data.BatchStream;
import io.dcganexplorer.data.DatasetException;
import io.dcganexplorer.data.DatasetSpec;
import io.dcganexplorer.files.AtomicFiles;
import io.dcganexplorer.model.Generator;
import io.dcganexplorer.model.Rng;
import io.dcganexplorer.train.Json;
import io.dcganexplorer.train.TensorFile;
import io.dcganexplorer.train.TensorFile.Tensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.ejml.data.DMatrixRMaj;

/**
 * The project's own sample-quality number: the Frechet distance ({@link FrechetDistance}) between
 * generated images and the dataset's test images in the {@value FeatureClassifier#FEATURES}
 * features of a {@link FeatureClassifier} trained on the dataset's training split. With it come a
 * floor (real training images against the test images: what a perfect generator would get at that
 * sample size) and a ceiling (uniform noise).
 *
 * <p>The classifier, its test accuracy, the test split's feature statistics and the floors and
 * ceilings computed so far are cached per dataset content and image size in
 * {@code CACHE/classifiers/KEY/} ({@link ScoreData#key()}); CACHE is {@code -Ddcgan.cache.dir} or
 * {@code ~/.cache/dcgan-explorer}. A cache entry is written into a temporary folder and renamed
 * into place, so two processes never see half of one.
 *
 * <p>Not thread-safe: open, use and close it on one thread (it holds the classifier's NDArrays).
 */
public final class Scorer implements AutoCloseable {
    static final String META = "classifier.json";
    static final String WEIGHTS = "weights.bin";
    static final String STATS = "test-stats.bin";
    /** Seed of the real-image sample of the floor and of the noise of the ceiling. */
    static final long REFERENCE_SEED = 20_240_601L;

    /** How the classifier was trained and how well it does; the contents of classifier.json. */
    public record Meta(int version, String key, String dataset, String kind, List<String> labels, int imageSize,
            int channels, double testAccuracy, int testImages, int trainImages, int epochs, double trainSeconds,
            Map<String, Double> floor, Map<String, Double> ceiling) {}

    /** How much to train a classifier that is not cached yet. */
    public record Options(int epochs, int maxTrainImages) {
        /** Two passes over up to 60000 images (Fashion-MNIST's whole training split). */
        public static final Options DEFAULT = new Options(2, 60_000);
    }

    /** What the scorer tells while it prepares (training a classifier can take minutes). */
    public interface Progress {
        /** A phase starts, e.g. "training the feature classifier on ...". */
        void say(String line);

        /** Classifier training: images seen of the total, recent loss. */
        void training(long done, long total, double loss);

        Progress NONE = new Progress() {
            @Override
            public void say(String line) {}

            @Override
            public void training(long done, long total, double loss) {}
        };
    }

    private final ScoreData data;
    private final FeatureClassifier classifier;
    private final FrechetDistance.Gaussian test;
    private final Path folder;
    private final boolean trainedNow;
    private Meta meta;

    private Scorer(ScoreData data, FeatureClassifier classifier, FrechetDistance.Gaussian test, Path folder, Meta meta,
            boolean trainedNow) {
        this.data = data;
        this.classifier = classifier;
        this.test = test;
        this.folder = folder;
        this.meta = meta;
        this.trainedNow = trainedNow;
    }

    /** {@code -Ddcgan.cache.dir} or {@code ~/.cache/dcgan-explorer}. */
    public static Path defaultCacheRoot() {
        String dir = System.getProperty("dcgan.cache.dir");
        return dir != null && !dir.isEmpty() ? Path.of(dir)
                : Path.of(System.getProperty("user.home"), ".cache", "dcgan-explorer");
    }

    /**
     * The scorer of the data {@code run} trained on, at {@code cfg}'s size and channels, with the
     * run's seed: the one way the commands and the window open a run's real-pixel CNN.
     */
    public static Scorer forRun(io.dcganexplorer.train.RunDirectory run, io.dcganexplorer.model.DcganConfig cfg,
            Path cacheRoot, Options options, Progress progress, java.util.function.BooleanSupplier cancelled)
            throws IOException {
        return open(DatasetSpec.parse(run.options().dataset()), cfg.imageSize(), cfg.channels(), run.options().seed(),
                cacheRoot, options, progress, cancelled);
    }

    /**
     * Opens the scorer of {@code spec} at the run's image size and channels: loads the cached
     * classifier, or trains one (on the calling thread) and caches it.
     *
     * @param seed picks the face set of the {@code faces} kind (the run's seed)
     * @param cancelled polled while training; a cancelled training caches nothing and throws
     *     {@link java.util.concurrent.CancellationException}
     */
    public static Scorer open(DatasetSpec spec, int imageSize, int channels, long seed, Path cacheRoot,
            Options options, Progress progress, java.util.function.BooleanSupplier cancelled) throws IOException {
        ScoreData data = ScoreData.open(spec, imageSize, channels, seed);
        try {
            Path folder = cacheRoot.resolve("classifiers").resolve(data.key());
            FeatureClassifier.Kind kind = data.kind();
            int outputs = data.labels().size();
            if (Files.isRegularFile(folder.resolve(META))) {
                try {
                    Meta m = Json.read(folder.resolve(META), Meta.class);
                    FeatureClassifier c = FeatureClassifier.load(folder.resolve(WEIGHTS), kind, imageSize, channels,
                            outputs);
                    try {
                        FrechetDistance.Gaussian g = readStats(folder.resolve(STATS));
                        return new Scorer(data, c, g, folder, withMaps(m), false);
                    } catch (IOException | RuntimeException e) {
                        c.close();
                        throw e;
                    }
                } catch (IOException | RuntimeException e) {
                    progress.say("the cached classifier in " + folder + " is unusable (" + e.getMessage()
                            + "): training a new one");
                }
            }
            return train(data, folder, imageSize, channels, options, progress, cancelled);
        } catch (IOException | RuntimeException e) {
            data.close();
            throw e;
        }
    }

    private static Scorer train(ScoreData data, Path folder, int imageSize, int channels, Options options,
            Progress progress, java.util.function.BooleanSupplier cancelled) throws IOException {
        int outputs = data.labels().size();
        int nTrain = Math.min(options.maxTrainImages(), data.train().size());
        progress.say("training the feature classifier (a small CNN, " + options.epochs() + " epoch(s) over " + nTrain
                + " images) on " + data.description());
        long t0 = System.nanoTime();
        FeatureClassifier c = FeatureClassifier.create(data.kind(), imageSize, channels, outputs, 1);
        try {
            c.train(data.train(), options.epochs(), nTrain, 1, progress::training, cancelled);
            if (cancelled.getAsBoolean()) {
                throw new java.util.concurrent.CancellationException("classifier training cancelled");
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            progress.say("measuring the classifier on " + data.test().size() + " test images");
            FeatureClassifier.Evaluation ev = c.evaluate(data.test(), Integer.MAX_VALUE, done -> {});
            FrechetDistance.Gaussian g = FrechetDistance.fit(ev.features());
            Meta m = new Meta(FeatureClassifier.VERSION, data.key(), data.description(),
                    data.kind().name().toLowerCase(Locale.ROOT), data.labels(), imageSize, channels, ev.accuracy(),
                    data.test().size(), nTrain, options.epochs(), seconds, new LinkedHashMap<>(),
                    new LinkedHashMap<>());
            store(folder, c, g, m);
            return new Scorer(data, c, g, folder, m, true);
        } catch (IOException | RuntimeException e) {
            c.close();
            throw e;
        }
    }

    /** Writes the cache entry into a temporary folder and renames it into place (keeping one already there). */
    private static void store(Path folder, FeatureClassifier c, FrechetDistance.Gaussian g, Meta m) throws IOException {
        Path parent = folder.getParent();
        Files.createDirectories(parent);
        Path tmp = Files.createTempDirectory(parent, ".tmp-");
        try {
            c.save(tmp.resolve(WEIGHTS));
            writeStats(tmp.resolve(STATS), g);
            Json.write(tmp.resolve(META), m);
            AtomicFiles.publicReadable(tmp, true);
            if (Files.exists(folder)) {
                // an unusable entry, or another process was quicker: replace it whole
                Path old = parent.resolve(".old-" + folder.getFileName() + "-" + System.nanoTime());
                Files.move(folder, old, StandardCopyOption.ATOMIC_MOVE);
                AtomicFiles.deleteTree(old);
            }
            Files.move(tmp, folder, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            AtomicFiles.deleteTree(tmp);
        }
    }

    private static Meta withMaps(Meta m) {
        return new Meta(m.version(), m.key(), m.dataset(), m.kind(), m.labels(), m.imageSize(), m.channels(),
                m.testAccuracy(), m.testImages(), m.trainImages(), m.epochs(), m.trainSeconds(),
                new LinkedHashMap<>(m.floor() == null ? Map.of() : m.floor()),
                new LinkedHashMap<>(m.ceiling() == null ? Map.of() : m.ceiling()));
    }

    private static void writeStats(Path file, FrechetDistance.Gaussian g) throws IOException {
        int d = g.dimension();
        float[] mean = new float[d];
        for (int i = 0; i < d; i++) {
            mean[i] = (float) g.mean()[i];
        }
        float[] cov = new float[d * d];
        for (int i = 0; i < cov.length; i++) {
            cov[i] = (float) g.covariance().data[i];
        }
        TensorFile.write(file, List.of(new Tensor("mean", new long[] {d}, mean),
                new Tensor("covariance", new long[] {d, d}, cov),
                new Tensor("count", new long[] {1}, new float[] {g.count()})));
    }

    private static FrechetDistance.Gaussian readStats(Path file) throws IOException {
        Map<String, Tensor> t = new LinkedHashMap<>();
        for (Tensor x : TensorFile.read(file)) {
            t.put(x.name(), x);
        }
        Tensor mean = t.get("mean");
        Tensor cov = t.get("covariance");
        Tensor count = t.get("count");
        if (mean == null || cov == null || count == null
                || cov.data().length != mean.data().length * mean.data().length) {
            throw new IOException(file + ": not the test split's feature statistics");
        }
        int d = mean.data().length;
        double[] m = new double[d];
        for (int i = 0; i < d; i++) {
            m[i] = mean.data()[i];
        }
        DMatrixRMaj c = new DMatrixRMaj(d, d);
        for (int i = 0; i < d * d; i++) {
            c.data[i] = cov.data()[i];
        }
        return new FrechetDistance.Gaussian(m, c, (int) count.data()[0]);
    }

    // ------------------------------------------------------------------------------------------

    /** FD between {@code n} images (N x C x S x S in [-1, 1]) and the test split. */
    public double score(float[] images, int n) {
        return FrechetDistance.between(FrechetDistance.fit(classifier.features(images, n)), test);
    }

    /**
     * FD of {@code count} images of {@code g} (z from the run's prior, seeded by {@code seed}) against
     * the test split; the images are rendered in chunks on the calling thread under {@code parent}.
     */
    public double scoreGenerator(Generator g, NDManager parent, int count, long seed) {
        return score(generate(g, parent, count, seed), count);
    }

    /** {@code count} images of {@code g} for z drawn from {@code Rng.forPurpose(seed, "score-noise")}. */
    public static float[] generate(Generator g, NDManager parent, int count, long seed) {
        var cfg = g.config();
        float[] z = Rng.forPurpose(seed, "score-noise").latent(count, cfg.latentDim(), cfg.prior());
        int plane = cfg.channels() * cfg.imageSize() * cfg.imageSize();
        float[] out = new float[Math.multiplyExact(count, plane)];
        int chunk = 200;
        for (int start = 0; start < count; start += chunk) {
            int b = Math.min(chunk, count - start);
            float[] zc = java.util.Arrays.copyOfRange(z, start * cfg.latentDim(), (start + b) * cfg.latentDim());
            try (NDManager scope = parent.newSubManager()) {
                float[] img = g.forward(scope.create(zc, new Shape(b, cfg.latentDim())), false, scope).toFloatArray();
                System.arraycopy(img, 0, out, start * plane, b * plane);
            }
        }
        return out;
    }

    /**
     * FD of {@code count} real training images (a seeded sample, all of them when fewer) against
     * the test split: what a generator that reproduced the data would get at this sample size.
     * Cached with the classifier.
     */
    public double floor(int count) throws IOException {
        Double cached = meta.floor().get(Integer.toString(count));
        if (cached != null) {
            return cached;
        }
        FeatureClassifier.Labelled train = data.train();
        int n = Math.min(count, train.size());
        int[] order = BatchStream.permutation(train.size(), REFERENCE_SEED, 0);
        int plane = plane();
        float[] images = new float[Math.multiplyExact(n, plane)];
        for (int i = 0; i < n; i++) {
            train.read(order[i], images, i * plane);
        }
        double fd = score(images, n);
        meta.floor().put(Integer.toString(count), fd);
        saveMeta();
        return fd;
    }

    /** FD of {@code count} images of uniform noise in [-1, 1] against the test split. Cached with the classifier. */
    public double ceiling(int count) throws IOException {
        Double cached = meta.ceiling().get(Integer.toString(count));
        if (cached != null) {
            return cached;
        }
        Random r = new Random(REFERENCE_SEED);
        float[] images = new float[Math.multiplyExact(count, plane())];
        for (int i = 0; i < images.length; i++) {
            images[i] = 2 * r.nextFloat() - 1;
        }
        double fd = score(images, count);
        meta.ceiling().put(Integer.toString(count), fd);
        saveMeta();
        return fd;
    }

    private void saveMeta() {
        try {
            Json.write(folder.resolve(META), meta);
        } catch (IOException e) {
            // the number is right either way; it is computed again next time
        }
    }

    private int plane() {
        return meta.channels() * meta.imageSize() * meta.imageSize();
    }

    /**
     * The classifier's {@value FeatureClassifier#FEATURES} penultimate-layer features, for linear
     * probes fitted on real images (the arithmetic's attribute scorer); owned by this scorer.
     */
    public ImageFeatures features() {
        return classifier;
    }

    /** Share of test images (classes) or test (image, attribute) pairs (attributes) the classifier gets right. */
    public double testAccuracy() {
        return meta.testAccuracy();
    }

    public Meta meta() {
        return meta;
    }

    /** The cache folder of the classifier. */
    public Path folder() {
        return folder;
    }

    /** True if the classifier was trained by this {@link #open}, false if it came from the cache. */
    public boolean trainedNow() {
        return trainedNow;
    }

    /** Test images the statistics were computed over. */
    public int testImages() {
        return test.count();
    }

    /** Images in the training split (the floor samples from it). */
    public int trainSplitImages() {
        return data.train().size();
    }

    public String description() {
        return data.description();
    }

    /** Checks that images of {@code imageSize} x {@code channels} are what this scorer takes. */
    public void checkShape(int imageSize, int channels) throws DatasetException {
        if (imageSize != meta.imageSize() || channels != meta.channels()) {
            throw new DatasetException("the score's classifier takes " + meta.imageSize() + "x" + meta.imageSize() + "x"
                    + meta.channels() + " images, these are " + imageSize + "x" + imageSize + "x" + channels);
        }
    }

    @Override
    public void close() {
        classifier.close();
        data.close();
    }
}
