package io.dcganexplorer.data;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The built-in procedural face set: cartoon faces with CelebA-style attributes ({@code Smiling},
 * {@code Male}, {@code Eyeglasses}, {@code Facing_Left/Front/Right}), needing no file at all.
 * The default dataset, and the one CI trains on.
 *
 * <p>Image {@code i} is a pure function of {@code (seed, i)} and is rendered on demand in
 * {@link #read}, so the set costs no memory beyond its attribute table.
 */
public final class FaceDataset extends AbstractImageDataset {
    /** Number of images when none is given. */
    public static final int DEFAULT_COUNT = 20_000;

    private final int count;
    private final long seed;
    private final FaceRenderer.Style style;
    private final AttributeTable attributes;

    /** {@code count} faces in the {@link FaceRenderer.Style#CURRENT current} style. */
    public FaceDataset(int count, int imageSize, int channels, long seed) {
        this(count, imageSize, channels, seed, FaceRenderer.Style.CURRENT);
    }

    /**
     * @param count number of images (at least 1)
     * @param seed picks the faces; the same seed always gives the same set
     * @param style how they are drawn (the attributes and every other parameter do not depend on it)
     */
    public FaceDataset(int count, int imageSize, int channels, long seed, FaceRenderer.Style style) {
        super(imageSize, channels);
        if (count <= 0) {
            throw new IllegalArgumentException("a face set needs at least one image, got " + count);
        }
        this.count = count;
        this.seed = seed;
        this.style = Objects.requireNonNull(style, "style");
        int cols = FaceRenderer.ATTRIBUTES.size();
        byte[] values = new byte[Math.multiplyExact(count, cols)];
        for (int i = 0; i < count; i++) {
            System.arraycopy(FaceRenderer.face(seed, i).attributeRow(), 0, values, i * cols, cols);
        }
        this.attributes = new AttributeTable(FaceRenderer.ATTRIBUTES, values);
    }

    /** {@link #DEFAULT_COUNT} faces. */
    public FaceDataset(int imageSize, int channels, long seed) {
        this(DEFAULT_COUNT, imageSize, channels, seed);
    }

    public long seed() {
        return seed;
    }

    public FaceRenderer.Style style() {
        return style;
    }

    /** The drawing parameters of image {@code index}. */
    public FaceRenderer.Face face(int index) {
        Objects.checkIndex(index, count);
        return FaceRenderer.face(seed, index);
    }

    /** CelebA-style file names for images {@code [from, to)}: {@code 000001.png} is image 0. */
    public static List<String> imageNames(int from, int to) {
        List<String> names = new ArrayList<>(to - from);
        for (int i = from; i < to; i++) {
            names.add(String.format("%06d.png", i + 1));
        }
        return names;
    }

    /** Writes the attributes of images {@code [from, to)} as CelebA's {@code list_attr_celeba.txt}. */
    public void writeAttributes(Path file, int from, int to) throws IOException {
        attributes.rows(from, to).writeCelebA(file, imageNames(from, to));
    }

    @Override
    public String description() {
        String what = switch (style) {
            case V1 -> DatasetSpec.FACES_V1 + " (procedural, drawn as until 2026-12-04, ";
            case V2 -> "faces (procedural, ";
            case V3 -> "faces-v3 (procedural, open smiles, ";
        };
        return what + count + " images, seed " + seed + ")";
    }

    @Override
    public int size() {
        return count;
    }

    @Override
    public void read(int index, float[] dst, int offset) {
        FaceRenderer.render(face(index), style, imageSize(), channels(), dst, offset);
    }

    @Override
    public Optional<AttributeTable> attributes() {
        return Optional.of(attributes);
    }
}
