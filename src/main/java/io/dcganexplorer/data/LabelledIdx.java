package io.dcganexplorer.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * An IDX dataset with its labels and its official test split (MNIST, Fashion-MNIST), as the
 * representation probe needs it: {@code train-images}/{@code train-labels} and
 * {@code t10k-images}/{@code t10k-labels}, raw or gzipped, in one folder. The path may name the
 * folder or its training image file; the other three files are looked for beside it.
 *
 * @param train the training images, resized to the requested size (as {@link IdxDataset} does)
 * @param trainLabels class of each training image, 0 to {@code classes - 1}
 * @param test the official test images
 * @param testLabels class of each test image
 * @param classes number of classes (largest label + 1)
 */
public record LabelledIdx(IdxDataset train, int[] trainLabels, IdxDataset test, int[] testLabels, int classes) {

    /** IDX magic for unsigned bytes in 1 dimension (labels). */
    public static final int LABEL_MAGIC = 0x00000801;

    static final List<String> TEST_IMAGE_NAMES = List.of("t10k-images-idx3-ubyte", "t10k-images-idx3-ubyte.gz",
            "t10k-images.idx3-ubyte", "t10k-images.idx3-ubyte.gz");

    /**
     * Opens the four files at {@code imageSize} and {@code channels} (gray replicated into RGB).
     *
     * @throws DatasetException naming the missing or bad file
     */
    public static LabelledIdx open(Path path, int imageSize, int channels) throws DatasetException {
        Path trainImages = IdxDataset.resolve(path);
        Path dir = trainImages.toAbsolutePath().getParent();
        Path testImages = sibling(trainImages, "train", "t10k", dir, TEST_IMAGE_NAMES, "test images");
        Path trainLabels = labelsOf(trainImages);
        Path testLabels = labelsOf(testImages);
        IdxDataset train = IdxDataset.open(trainImages, imageSize, channels);
        int[] yTrain = readLabels(trainLabels, train.size());
        IdxDataset test = IdxDataset.open(testImages, imageSize, channels);
        int[] yTest = readLabels(testLabels, test.size());
        int classes = 0;
        for (int y : yTrain) {
            classes = Math.max(classes, y + 1);
        }
        for (int y : yTest) {
            if (y >= classes) {
                throw new DatasetException(testLabels + ": label " + y + " never occurs in " + trainLabels);
            }
        }
        if (classes < 2) {
            throw new DatasetException(trainLabels + ": fewer than two classes");
        }
        return new LabelledIdx(train, yTrain, test, yTest, classes);
    }

    /** The label file beside an image file: "images-idx3" becomes "labels-idx1", "images.idx3" "labels.idx1". */
    static Path labelsOf(Path images) throws DatasetException {
        String name = images.getFileName().toString();
        String labels = name.replace("images-idx3", "labels-idx1").replace("images.idx3", "labels.idx1");
        if (labels.equals(name)) {
            throw new DatasetException(images + ": cannot tell its label file (expected a name such as "
                    + "train-images-idx3-ubyte)");
        }
        Path p = images.resolveSibling(labels);
        if (Files.isRegularFile(p)) {
            return p;
        }
        // the other compression: with or without .gz
        Path alt = images.resolveSibling(labels.endsWith(".gz") ? labels.substring(0, labels.length() - 3)
                : labels + ".gz");
        if (Files.isRegularFile(alt)) {
            return alt;
        }
        throw new DatasetException(p + ": no such label file (the labels of " + images + ")");
    }

    private static Path sibling(Path trainImages, String from, String to, Path dir, List<String> names,
            String what) throws DatasetException {
        String name = trainImages.getFileName().toString();
        if (name.contains(from)) {
            Path p = trainImages.resolveSibling(name.replace(from, to));
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        for (String n : names) {
            Path p = dir.resolve(n);
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        throw new DatasetException(dir + ": no official " + what + " here (looked for " + String.join(", ", names)
                + ")");
    }

    /** Reads an IDX label file holding exactly {@code expected} labels. */
    public static int[] readLabels(Path file, int expected) throws DatasetException {
        byte[] data;
        try (InputStream raw = new java.io.BufferedInputStream(Files.newInputStream(file))) {
            raw.mark(2);
            int b0 = raw.read();
            int b1 = raw.read();
            raw.reset();
            InputStream in = b0 == 0x1f && b1 == 0x8b ? new GZIPInputStream(raw, 1 << 16) : raw;
            data = in.readAllBytes();
        } catch (java.util.zip.ZipException | java.io.EOFException e) {
            throw new DatasetException(file + ": corrupt gzip data: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new DatasetException(file + ": cannot read: " + e.getMessage(), e);
        }
        if (data.length < 8) {
            throw new DatasetException(file + ": truncated: shorter than the 8-byte IDX label header");
        }
        int magic = readInt(data, 0);
        if (magic != LABEL_MAGIC) {
            throw new DatasetException(String.format("%s: bad magic number 0x%08X, expected 0x%08X for IDX labels",
                    file, magic, LABEL_MAGIC));
        }
        int count = readInt(data, 4);
        if (count != expected) {
            throw new DatasetException(file + ": " + count + " labels for " + expected + " images");
        }
        if (data.length - 8 < count) {
            throw new DatasetException(file + ": truncated: header promises " + count + " labels, file has "
                    + (data.length - 8));
        }
        int[] out = new int[count];
        for (int i = 0; i < count; i++) {
            out[i] = data[8 + i] & 0xFF;
        }
        return out;
    }

    private static int readInt(byte[] b, int at) {
        return ((b[at] & 0xFF) << 24) | ((b[at + 1] & 0xFF) << 16) | ((b[at + 2] & 0xFF) << 8) | (b[at + 3] & 0xFF);
    }
}
