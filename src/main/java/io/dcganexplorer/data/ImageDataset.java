package io.dcganexplorer.data;

import java.util.Optional;

/**
 * A finite, indexed set of training images, already brought to the configured size and channel
 * count. Pixel values are floats in [-1, 1] (the paper's only preprocessing).
 *
 * <p>{@link #read} must be thread-safe: a {@link BatchStream} calls it from its loader thread.
 */
public interface ImageDataset extends AutoCloseable {

    /** Short human description, e.g. "faces (procedural, 20000 images, seed 1)". */
    String description();

    /** Number of usable images (corrupt files already excluded). */
    int size();

    /** Side length S of every image this dataset yields (power of two, 16 to 128). */
    int imageSize();

    /** 1 for gray, 3 for RGB. */
    int channels();

    /**
     * Writes image {@code index} into {@code dst[offset .. offset + channels*S*S)} in CHW order,
     * values in [-1, 1].
     *
     * @throws DatasetException if the image cannot be read (the message names the file)
     */
    void read(int index, float[] dst, int offset) throws DatasetException;

    /** Per-image binary attributes (CelebA's table form), when the data has them. */
    default Optional<AttributeTable> attributes() {
        return Optional.empty();
    }

    /** What was skipped while opening (corrupt or unreadable files), for warnings. */
    default DatasetReport report() {
        return DatasetReport.EMPTY;
    }

    @Override
    default void close() {}
}
