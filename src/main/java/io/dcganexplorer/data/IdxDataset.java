package io.dcganexplorer.data;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * Images from an IDX file (MNIST, Fashion-MNIST), raw or gzipped, held in memory as bytes at
 * the configured size. Gray sources stay one byte per pixel and are replicated into RGB at read
 * time, so {@code channels == 3} costs no extra memory.
 */
public final class IdxDataset extends AbstractImageDataset {
    /** IDX magic for unsigned bytes in 3 dimensions (images x rows x columns). */
    public static final int IMAGE_MAGIC = 0x00000803;

    /** File names tried, in order, when a directory is given. */
    public static final List<String> TRAIN_IMAGE_NAMES = List.of("train-images-idx3-ubyte",
            "train-images-idx3-ubyte.gz", "train-images.idx3-ubyte", "train-images.idx3-ubyte.gz");

    private static final int HEADER_BYTES = 16;

    private final Path file;
    private final int count;
    private final byte[] pixels;
    private final int sourceRows;
    private final int sourceColumns;

    private IdxDataset(Path file, int count, int imageSize, int channels, byte[] pixels, int rows, int cols) {
        super(imageSize, channels);
        this.file = file;
        this.count = count;
        this.pixels = pixels;
        this.sourceRows = rows;
        this.sourceColumns = cols;
    }

    /**
     * Reads every image of {@code path} (an IDX image file, or a folder holding one of
     * {@link #TRAIN_IMAGE_NAMES}) and resizes it to {@code imageSize}.
     *
     * @throws DatasetException if the file is missing, not IDX images, or shorter than its header
     *     promises; the message names the file
     */
    public static IdxDataset open(Path path, int imageSize, int channels) throws DatasetException {
        ImageOps.checkShape(imageSize, channels);
        Path file = resolve(path);
        byte[] data = readAll(file);
        Header h = header(file, data);
        int plane = imageSize * imageSize;
        byte[] out = new byte[Math.multiplyExact(h.count(), plane)];
        int srcPlane = h.rows() * h.cols();
        float[] src = new float[srcPlane];
        for (int i = 0; i < h.count(); i++) {
            int base = HEADER_BYTES + i * srcPlane;
            for (int p = 0; p < srcPlane; p++) {
                src[p] = data[base + p] & 0xFF;
            }
            float[] sq = square(src, h.rows(), h.cols());
            byte[] img = ImageOps.toBytes(ImageOps.resize(sq, 1, Math.min(h.rows(), h.cols()), imageSize));
            System.arraycopy(img, 0, out, i * plane, plane);
        }
        return new IdxDataset(file, h.count(), imageSize, channels, out, h.rows(), h.cols());
    }

    /** The IDX file a path names: itself, or the training images inside a folder. */
    public static Path resolve(Path path) throws DatasetException {
        if (Files.isDirectory(path)) {
            for (String name : TRAIN_IMAGE_NAMES) {
                Path f = path.resolve(name);
                if (Files.isRegularFile(f)) {
                    return f;
                }
            }
            throw new DatasetException(path + ": no IDX training images here (looked for "
                    + String.join(", ", TRAIN_IMAGE_NAMES) + ")");
        }
        if (!Files.isRegularFile(path)) {
            throw new DatasetException(path + ": no such file or folder");
        }
        return path;
    }

    /** The dimensions an IDX image file declares. */
    public record Header(int count, int rows, int cols) {}

    /**
     * Reads only the header of an IDX image file (decompressing as little as needed), for
     * listing datasets cheaply.
     */
    public static Header peekHeader(Path path) throws DatasetException {
        Path file = resolve(path);
        try (InputStream in = open(file)) {
            byte[] head = in.readNBytes(HEADER_BYTES);
            return checkMagicAndDims(file, head);
        } catch (IOException e) {
            throw new DatasetException(file + ": cannot read: " + e.getMessage(), e);
        }
    }

    private static InputStream open(Path file) throws IOException {
        InputStream raw = new java.io.BufferedInputStream(Files.newInputStream(file));
        raw.mark(2);
        int b0 = raw.read();
        int b1 = raw.read();
        raw.reset();
        // gzip is recognised by its magic bytes 1f 8b, whatever the name says
        return b0 == 0x1f && b1 == 0x8b ? new GZIPInputStream(raw, 1 << 16) : raw;
    }

    private static byte[] readAll(Path file) throws DatasetException {
        try (InputStream in = open(file)) {
            ByteArrayOutputStream buf = new ByteArrayOutputStream(1 << 20);
            byte[] chunk = new byte[1 << 16];
            try {
                int n;
                while ((n = in.read(chunk)) > 0) {
                    buf.write(chunk, 0, n);
                }
            } catch (java.io.EOFException e) {
                // a cut-off gzip stream: keep what was decompressed and report it as truncated below
            }
            return buf.toByteArray();
        } catch (java.util.zip.ZipException e) {
            throw new DatasetException(file + ": corrupt gzip data: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new DatasetException(file + ": cannot read: " + e.getMessage(), e);
        }
    }

    private static Header header(Path file, byte[] data) throws DatasetException {
        Header h = checkMagicAndDims(file, data);
        long need = (long) h.count() * h.rows() * h.cols();
        long have = data.length - HEADER_BYTES;
        if (have < need) {
            throw new DatasetException(file + ": truncated: header promises " + h.count() + " images of "
                    + h.rows() + "x" + h.cols() + " (" + need + " bytes), file has " + have
                    + " bytes after the header");
        }
        return h;
    }

    private static Header checkMagicAndDims(Path file, byte[] data) throws DatasetException {
        if (data.length < 4) {
            throw new DatasetException(file + ": truncated: " + data.length
                    + " bytes, shorter than the 16-byte IDX header");
        }
        int magic = readInt(data, 0);
        if (magic != IMAGE_MAGIC) {
            String hint = magic == 0x00000801 ? " (this is an IDX label file, not images)" : "";
            throw new DatasetException(String.format("%s: bad magic number 0x%08X, expected 0x%08X for IDX"
                    + " images%s", file, magic, IMAGE_MAGIC, hint));
        }
        if (data.length < HEADER_BYTES) {
            throw new DatasetException(file + ": truncated: " + data.length
                    + " bytes, shorter than the 16-byte IDX header");
        }
        int count = readInt(data, 4);
        int rows = readInt(data, 8);
        int cols = readInt(data, 12);
        if (count <= 0 || rows <= 0 || cols <= 0 || rows > 4096 || cols > 4096) {
            throw new DatasetException(file + ": implausible IDX dimensions " + count + " x " + rows
                    + " x " + cols);
        }
        return new Header(count, rows, cols);
    }

    private static int readInt(byte[] b, int at) {
        return ((b[at] & 0xFF) << 24) | ((b[at + 1] & 0xFF) << 16) | ((b[at + 2] & 0xFF) << 8) | (b[at + 3] & 0xFF);
    }

    /** Centre-crops a non-square source to a square (IDX images are square in practice). */
    private static float[] square(float[] src, int rows, int cols) {
        if (rows == cols) {
            return src;
        }
        ImageOps.Crop c = ImageOps.Crop.centreSquare(cols, rows);
        float[] out = new float[c.side() * c.side()];
        for (int y = 0; y < c.side(); y++) {
            System.arraycopy(src, (c.y() + y) * cols + c.x(), out, y * c.side(), c.side());
        }
        return out;
    }

    /** The file the images came from. */
    public Path file() {
        return file;
    }

    @Override
    public String description() {
        return "IDX " + file.getFileName() + " (" + count + " images, " + sourceRows + "x" + sourceColumns
                + " resized to " + imageSize() + ")";
    }

    @Override
    public int size() {
        return count;
    }

    @Override
    public void read(int index, float[] dst, int offset) {
        readBytes(pixels, 1, index, dst, offset);
    }
}
