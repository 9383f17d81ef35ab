package io.dcganexplorer.eval;

import io.dcganexplorer.data.AttributeTable;
import io.dcganexplorer.data.DatasetException;
import io.dcganexplorer.data.DatasetSpec;
import io.dcganexplorer.data.IdxDataset;
import io.dcganexplorer.data.LabelledIdx;
import io.dcganexplorer.data.ImageDataset;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * The labelled training and test splits the score's classifier is trained and measured on, and
 * the generator compared with, for one dataset at one image size:
 *
 * <ul>
 *   <li>MNIST and Fashion-MNIST: the official 60000 / 10000 split with its 10 classes;</li>
 *   <li>data with attributes (the built-in faces, CelebA): the binary attributes, the last tenth
 *       of the images (at most {@value #MAX_TEST}) held out as the test split;</li>
 *   <li>image folders have no labels: refused, saying so.</li>
 * </ul>
 *
 * {@link #key()} names the content: a SHA-256 over the IDX files' bytes, or over the description,
 * the attribute table and the pixels of a few images for the attribute kinds; plus the image size,
 * channels and {@link FeatureClassifier#VERSION}.
 */
public final class ScoreData implements AutoCloseable {
    /** Most test images of an attribute dataset. */
    public static final int MAX_TEST = 10_000;

    private final FeatureClassifier.Kind kind;
    private final List<String> labels;
    private final FeatureClassifier.Labelled train;
    private final FeatureClassifier.Labelled test;
    private final String key;
    private final String description;
    private final List<ImageDataset> open;

    private ScoreData(FeatureClassifier.Kind kind, List<String> labels, FeatureClassifier.Labelled train,
            FeatureClassifier.Labelled test, String key, String description, List<ImageDataset> open) {
        this.kind = kind;
        this.labels = labels;
        this.train = train;
        this.test = test;
        this.key = key;
        this.description = description;
        this.open = open;
    }

    /**
     * Opens the splits of {@code spec} at {@code imageSize} and {@code channels}.
     *
     * @throws DatasetException if files are missing or the data has no labels (the message says which)
     */
    public static ScoreData open(DatasetSpec spec, int imageSize, int channels, long seed) throws IOException {
        String kind = spec.kind();
        if (kind.equals("mnist") || kind.equals("fashion")) {
            LabelledIdx idx = LabelledIdx.open(spec.path().orElseThrow(), imageSize, channels);
            IdxDataset trainImages = idx.train();
            IdxDataset testImages = idx.test();
            MessageDigest md = sha256();
            digestFile(md, trainImages.file());
            digestFile(md, testImages.file());
            for (int[] labels : new int[][] {idx.trainLabels(), idx.testLabels()}) {
                for (int y : labels) {
                    md.update((byte) y);
                }
            }
            String key = kind + "-" + shape(md, imageSize, channels);
            int k = idx.classes();
            List<String> names = java.util.stream.IntStream.range(0, k).mapToObj(Integer::toString).toList();
            return new ScoreData(FeatureClassifier.Kind.CLASSES, names, classes(trainImages, idx.trainLabels(), k),
                    classes(testImages, idx.testLabels(), k), key, spec + " (" + trainImages.size() + " training, "
                            + testImages.size() + " test images, " + k + " classes)",
                    List.of(trainImages, testImages));
        }
        ImageDataset data = spec.open(imageSize, channels, seed);
        try {
            AttributeTable table = data.attributes().orElseThrow(() -> new DatasetException(spec
                    + " has no labels: the score's classifier needs classes (MNIST, Fashion-MNIST) or attributes "
                    + "(the built-in faces, CelebA)"));
            int n = data.size();
            int nTest = Math.max(1, Math.min(MAX_TEST, n / 10));
            if (n - nTest < 2) {
                throw new DatasetException(data.description() + " has " + n + " images: too few for a training and a "
                        + "test split");
            }
            MessageDigest md = sha256();
            md.update(data.description().getBytes(StandardCharsets.UTF_8));
            md.update(String.join(",", table.names()).getBytes(StandardCharsets.UTF_8));
            for (int i = 0; i < n; i++) {
                for (int a = 0; a < table.names().size(); a++) {
                    md.update((byte) table.value(i, a));
                }
            }
            int plane = channels * imageSize * imageSize;
            float[] px = new float[plane];
            for (int i = 0; i < Math.min(16, n); i++) {
                data.read(i, px, 0);
                for (float v : px) {
                    md.update((byte) Math.round(v * 127));
                }
            }
            String key = kind + "-" + shape(md, imageSize, channels);
            FeatureClassifier.Labelled all = attributes(data, table);
            return new ScoreData(FeatureClassifier.Kind.ATTRIBUTES, table.names(), slice(all, 0, n - nTest),
                    slice(all, n - nTest, n), key, data.description() + " (" + (n - nTest) + " training, " + nTest
                            + " test images, " + table.names().size() + " attributes)",
                    List.of(data));
        } catch (IOException | RuntimeException e) {
            data.close();
            throw e;
        }
    }

    private static String shape(MessageDigest md, int imageSize, int channels) {
        md.update(("|" + imageSize + "x" + channels + "|v" + FeatureClassifier.VERSION)
                .getBytes(StandardCharsets.UTF_8));
        return imageSize + "x" + channels + "-" + HexFormat.of().formatHex(md.digest()).substring(0, 16);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void digestFile(MessageDigest md, Path f) throws IOException {
        try (InputStream in = Files.newInputStream(f)) {
            byte[] buf = new byte[1 << 16];
            for (int r; (r = in.read(buf)) > 0;) {
                md.update(buf, 0, r);
            }
        }
    }

    private static FeatureClassifier.Labelled classes(ImageDataset images, int[] labels, int classes) {
        return labelled(images, (index, dst, offset) -> {
            java.util.Arrays.fill(dst, offset, offset + classes, 0f);
            dst[offset + labels[index]] = 1f; // LabelledIdx.open refuses labels >= classes
        });
    }

    private static FeatureClassifier.Labelled attributes(ImageDataset data, AttributeTable table) {
        int k = table.names().size();
        return labelled(data, (index, dst, offset) -> {
            for (int a = 0; a < k; a++) {
                dst[offset + a] = table.value(index, a) > 0 ? 1f : 0f;
            }
        });
    }

    /** Writes the target row of image {@code index} into {@code dst} at {@code offset}. */
    @FunctionalInterface
    private interface Target {
        void write(int index, float[] dst, int offset);
    }

    /** The images of {@code data} with the targets {@code target} writes. */
    private static FeatureClassifier.Labelled labelled(ImageDataset data, Target target) {
        return new FeatureClassifier.Labelled() {
            @Override
            public int size() {
                return data.size();
            }

            @Override
            public void read(int index, float[] dst, int offset) throws DatasetException {
                data.read(index, dst, offset);
            }

            @Override
            public void target(int index, float[] dst, int offset) {
                target.write(index, dst, offset);
            }
        };
    }

    private static FeatureClassifier.Labelled slice(FeatureClassifier.Labelled all, int from, int to) {
        return new FeatureClassifier.Labelled() {
            @Override
            public int size() {
                return to - from;
            }

            @Override
            public void read(int index, float[] dst, int offset) throws DatasetException {
                all.read(from + java.util.Objects.checkIndex(index, to - from), dst, offset);
            }

            @Override
            public void target(int index, float[] dst, int offset) {
                all.target(from + java.util.Objects.checkIndex(index, to - from), dst, offset);
            }
        };
    }

    public FeatureClassifier.Kind kind() {
        return kind;
    }

    /** Class names or attribute names. */
    public List<String> labels() {
        return labels;
    }

    public FeatureClassifier.Labelled train() {
        return train;
    }

    public FeatureClassifier.Labelled test() {
        return test;
    }

    /** Names the content, image size, channels and classifier version: the cache folder's name. */
    public String key() {
        return key;
    }

    public String description() {
        return description;
    }

    @Override
    public void close() {
        for (ImageDataset d : open) {
            d.close();
        }
    }
}
