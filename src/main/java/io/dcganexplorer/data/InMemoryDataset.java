package io.dcganexplorer.data;

/**
 * The first {@code count} images of another dataset, decoded once and held in memory. For
 * measuring the engine alone ({@code bench}): PyTorch's reference benchmark trains on a tensor that
 * is already in memory, so the data is taken out of the comparison the same way.
 */
public final class InMemoryDataset extends AbstractImageDataset {
    private final String description;
    private final int plane;
    private final float[] pixels;

    public InMemoryDataset(ImageDataset source, int count) throws DatasetException {
        super(source.imageSize(), source.channels());
        int n = Math.min(count, source.size());
        this.plane = source.channels() * source.imageSize() * source.imageSize();
        this.pixels = new float[Math.multiplyExact(n, plane)];
        for (int i = 0; i < n; i++) {
            source.read(i, pixels, i * plane);
        }
        this.description = source.description() + ", first " + n + " held in memory";
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public int size() {
        return pixels.length / plane;
    }

    @Override
    public void read(int index, float[] dst, int offset) {
        System.arraycopy(pixels, java.util.Objects.checkIndex(index, size()) * plane, dst, offset, plane);
    }
}
