package io.dcganexplorer.data;

import java.util.Objects;

/**
 * What every dataset of ours shares: the side S and the channel count it was opened with (checked
 * here, once), and the read of an image decoded once into bytes. Each dataset adds only its size,
 * its description and how it reads an image.
 */
abstract class AbstractImageDataset implements ImageDataset {
    private final int imageSize;
    private final int channels;

    /** @throws IllegalArgumentException when S is no power of two from 8 to 256, or channels not 1 or 3 */
    AbstractImageDataset(int imageSize, int channels) {
        ImageOps.checkShape(imageSize, channels);
        this.imageSize = imageSize;
        this.channels = channels;
    }

    @Override
    public final int imageSize() {
        return imageSize;
    }

    @Override
    public final int channels() {
        return channels;
    }

    /**
     * Image {@code index} of {@code pixels}, which holds {@link #size()} images of
     * {@code storedChannels} S x S byte planes each, into {@code dst} at {@code offset} with this
     * dataset's channels (see {@link ImageOps#expand}).
     */
    final void readBytes(byte[] pixels, int storedChannels, int index, float[] dst, int offset) {
        Objects.checkIndex(index, size());
        int plane = imageSize * imageSize;
        ImageOps.expand(pixels, index * storedChannels * plane, storedChannels, plane, channels, dst, offset);
    }
}
