package io.dcganexplorer.image;

/**
 * Converts CHW float tensors in [-1, 1] (the generator's tanh range) into {@link Pixels} and
 * lays batches out as grids, like torchvision's {@code make_grid}.
 */
public final class ImageGrids {
    private ImageGrids() {}

    /** Maps a value in [-1, 1] to a byte in [0, 255], clamping outliers. */
    public static int toByte(float v) {
        int b = Math.round((v + 1f) * 127.5f);
        return b < 0 ? 0 : Math.min(b, 255);
    }

    /**
     * One image from a batch.
     *
     * @param chw batch of images, N x C x S x S, values in [-1, 1]
     * @param index which image
     * @param channels 1 (gray) or 3 (RGB)
     * @param size side length S
     */
    public static Pixels image(float[] chw, int index, int channels, int size) {
        int[] argb = new int[size * size];
        int plane = size * size;
        int base = index * channels * plane;
        for (int p = 0; p < plane; p++) {
            int r = toByte(chw[base + p]);
            int g = channels == 3 ? toByte(chw[base + plane + p]) : r;
            int b = channels == 3 ? toByte(chw[base + 2 * plane + p]) : r;
            argb[p] = 0xFF000000 | (r << 16) | (g << 8) | b;
        }
        return new Pixels(size, size, argb);
    }

    /**
     * The inverse of {@link #image}: {@code p} as C x H x W floats in [-1, 1], grey taken from the
     * red channel when {@code channels} is 1 (images drawn from grey have r = g = b).
     */
    public static float[] chw(Pixels p, int channels) {
        int plane = p.width() * p.height();
        float[] out = new float[channels * plane];
        for (int i = 0; i < plane; i++) {
            int argb = p.argb()[i];
            out[i] = ((argb >> 16) & 0xFF) / 127.5f - 1f;
            if (channels == 3) {
                out[plane + i] = ((argb >> 8) & 0xFF) / 127.5f - 1f;
                out[2 * plane + i] = (argb & 0xFF) / 127.5f - 1f;
            }
        }
        return out;
    }

    /**
     * A grid of {@code count} images, {@code columns} per row, separated by {@code padding}
     * pixels of dark gray.
     */
    public static Pixels grid(float[] chw, int count, int channels, int size, int columns, int padding) {
        if (count <= 0) {
            throw new IllegalArgumentException("a grid needs at least one image");
        }
        int cols = Math.max(1, Math.min(columns, count));
        int rows = (count + cols - 1) / cols;
        int w = cols * size + (cols + 1) * padding;
        int h = rows * size + (rows + 1) * padding;
        int[] argb = new int[w * h];
        java.util.Arrays.fill(argb, 0xFF202020);
        for (int i = 0; i < count; i++) {
            Pixels one = image(chw, i, channels, size);
            int x0 = padding + (i % cols) * (size + padding);
            int y0 = padding + (i / cols) * (size + padding);
            for (int y = 0; y < size; y++) {
                System.arraycopy(one.argb(), y * size, argb, (y0 + y) * w + x0, size);
            }
        }
        return new Pixels(w, h, argb);
    }

    /** Lays out separate images (all the same size) as a grid, {@code columns} per row. */
    public static Pixels tile(java.util.List<Pixels> images, int columns, int padding) {
        if (images.isEmpty()) {
            throw new IllegalArgumentException("a grid needs at least one image");
        }
        int iw = images.get(0).width();
        int ih = images.get(0).height();
        int cols = Math.max(1, Math.min(columns, images.size()));
        int rows = (images.size() + cols - 1) / cols;
        int w = cols * iw + (cols + 1) * padding;
        int h = rows * ih + (rows + 1) * padding;
        int[] argb = new int[w * h];
        java.util.Arrays.fill(argb, 0xFF202020);
        for (int i = 0; i < images.size(); i++) {
            Pixels one = images.get(i);
            if (one.width() != iw || one.height() != ih) {
                throw new IllegalArgumentException("image " + i + " is " + one.width() + "x" + one.height()
                        + ", the first is " + iw + "x" + ih);
            }
            int x0 = padding + (i % cols) * (iw + padding);
            int y0 = padding + (i / cols) * (ih + padding);
            for (int y = 0; y < ih; y++) {
                System.arraycopy(one.argb(), y * iw, argb, (y0 + y) * w + x0, iw);
            }
        }
        return new Pixels(w, h, argb);
    }

    /** Places panels side by side, top-aligned, {@code gap} pixels apart, on dark gray. */
    public static Pixels hconcat(java.util.List<Pixels> panels, int gap) {
        int w = gap * (panels.size() - 1);
        int h = 0;
        for (Pixels p : panels) {
            w += p.width();
            h = Math.max(h, p.height());
        }
        int[] argb = new int[w * h];
        java.util.Arrays.fill(argb, 0xFF101010);
        int x0 = 0;
        for (Pixels p : panels) {
            for (int y = 0; y < p.height(); y++) {
                System.arraycopy(p.argb(), y * p.width(), argb, y * w + x0, p.width());
            }
            x0 += p.width() + gap;
        }
        return new Pixels(w, h, argb);
    }

    /** Columns for a roughly square grid of {@code count} images (64 gives 8). */
    public static int squareColumns(int count) {
        return Math.max(1, (int) Math.ceil(Math.sqrt(count)));
    }
}
