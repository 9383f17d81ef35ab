package io.dcganexplorer.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxDatasetTest {
    @TempDir
    Path dir;

    /** IDX bytes of {@code n} 28x28 images; image i is a horizontal ramp plus i. */
    static byte[] idx(int magic, int n, int rows, int cols, int pixelBytes) {
        ByteBuffer b = ByteBuffer.allocate(16 + pixelBytes);
        b.putInt(magic).putInt(n).putInt(rows).putInt(cols);
        for (int p = 0; p < pixelBytes; p++) {
            int i = p / (rows * cols);
            int x = p % cols;
            b.put((byte) Math.min(255, x * 9 + i));
        }
        return b.array();
    }

    static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStream gz = new GZIPOutputStream(out)) {
            gz.write(data);
        }
        return out.toByteArray();
    }

    @Test
    void rawFileMapsBytesToMinusOneToOne() throws Exception {
        // 16x16 source at size 16: no resampling, so every value is the exact byte mapping
        byte[] data = idx(IdxDataset.IMAGE_MAGIC, 3, 16, 16, 3 * 256);
        data[16] = 0;
        data[17] = (byte) 255;
        Path f = Files.write(dir.resolve("imgs-idx3-ubyte"), data);
        try (IdxDataset ds = IdxDataset.open(f, 16, 1)) {
            assertEquals(3, ds.size());
            float[] px = new float[256];
            ds.read(0, px, 0);
            assertEquals(-1f, px[0], 1e-6);
            assertEquals(1f, px[1], 1e-6);
            assertEquals(18 / 127.5f - 1f, px[2], 1e-6);
            ds.read(2, px, 0);
            assertEquals((9 * 5 + 2) / 127.5f - 1f, px[16 * 7 + 5], 1e-6);
        }
    }

    @Test
    void gzippedFileReadsSameAsRawAndResizesTo32() throws Exception {
        byte[] data = idx(IdxDataset.IMAGE_MAGIC, 4, 28, 28, 4 * 784);
        Path raw = Files.write(dir.resolve("a-idx3-ubyte"), data);
        // gzip detected by magic bytes even without a .gz name
        Path gz = Files.write(dir.resolve("b-idx3-ubyte"), gzip(data));
        try (IdxDataset r = IdxDataset.open(raw, 32, 3); IdxDataset g = IdxDataset.open(gz, 32, 3)) {
            assertEquals(4, g.size());
            assertEquals(32, g.imageSize());
            float[] a = new float[3 * 32 * 32];
            float[] b = new float[3 * 32 * 32];
            r.read(3, a, 0);
            g.read(3, b, 0);
            assertTrue(Arrays.equals(a, b));
            // gray replicated into all three channels
            assertTrue(Arrays.equals(Arrays.copyOfRange(b, 0, 1024), Arrays.copyOfRange(b, 2048, 3072)));
            // a horizontal ramp stays a ramp: left edge dark, right edge bright, rising
            float left = b[16 * 32];
            float right = b[16 * 32 + 31];
            assertTrue(left < -0.9f, "left " + left);
            assertTrue(right > 0.8f, "right " + right);
            for (int x = 1; x < 32; x++) {
                assertTrue(b[16 * 32 + x] >= b[16 * 32 + x - 1] - 1e-6f);
            }
            // expected value of the ramp 9x+3 at output pixel 0 (source centre clamps to pixel 0)
            assertEquals(3 / 127.5f - 1f, b[0], 1.5f / 127.5f);
        }
    }

    @Test
    void downscalesTo16ByArea() throws Exception {
        byte[] data = idx(IdxDataset.IMAGE_MAGIC, 1, 32, 32, 1024);
        Path f = Files.write(dir.resolve("c-idx3-ubyte"), data);
        try (IdxDataset ds = IdxDataset.open(f, 16, 1)) {
            float[] px = new float[256];
            ds.read(0, px, 0);
            // output x averages source columns 2x and 2x+1: (9*2x + 9*(2x+1)) / 2 = 18x + 4.5
            for (int x = 0; x < 14; x++) {
                assertEquals(Math.round(18 * x + 4.5f) / 127.5f - 1f, px[5 * 16 + x], 1e-5f, "x=" + x);
            }
        }
    }

    @Test
    void directoryPicksTrainImages() throws Exception {
        Files.write(dir.resolve("train-images-idx3-ubyte.gz"), gzip(idx(IdxDataset.IMAGE_MAGIC, 2, 28, 28, 2 * 784)));
        Files.write(dir.resolve("t10k-images-idx3-ubyte.gz"), gzip(idx(IdxDataset.IMAGE_MAGIC, 5, 28, 28, 5 * 784)));
        try (IdxDataset ds = IdxDataset.open(dir, 32, 1)) {
            assertEquals(2, ds.size());
            assertEquals("train-images-idx3-ubyte.gz", ds.file().getFileName().toString());
        }
    }

    @Test
    void truncatedFileNamesFileAndProblem() throws Exception {
        Path f = Files.write(dir.resolve("short-idx3-ubyte"), idx(IdxDataset.IMAGE_MAGIC, 60000, 28, 28, 1000));
        DatasetException e = assertThrows(DatasetException.class, () -> IdxDataset.open(f, 32, 1));
        assertTrue(e.getMessage().contains("short-idx3-ubyte"), e.getMessage());
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
        assertTrue(e.getMessage().contains("60000 images of 28x28 (47040000 bytes)"), e.getMessage());
        assertTrue(e.getMessage().contains("1000 bytes"), e.getMessage());
    }

    @Test
    void truncatedGzipIsReportedAsTruncated() throws Exception {
        byte[] gz = gzip(idx(IdxDataset.IMAGE_MAGIC, 50, 28, 28, 50 * 784));
        Path f = Files.write(dir.resolve("cut.gz"), Arrays.copyOf(gz, gz.length / 2));
        DatasetException e = assertThrows(DatasetException.class, () -> IdxDataset.open(f, 32, 1));
        assertTrue(e.getMessage().contains("cut.gz") && e.getMessage().contains("truncated"), e.getMessage());
    }

    @Test
    void wrongMagicNamesFileAndMagic() throws Exception {
        Path f = Files.write(dir.resolve("labels-idx1-ubyte"), idx(0x00000801, 2, 28, 28, 2 * 784));
        DatasetException e = assertThrows(DatasetException.class, () -> IdxDataset.open(f, 32, 1));
        assertTrue(e.getMessage().contains("labels-idx1-ubyte"), e.getMessage());
        assertTrue(e.getMessage().contains("magic"), e.getMessage());
    }

    @Test
    void missingPathIsADatasetException() {
        DatasetException e = assertThrows(DatasetException.class,
                () -> IdxDataset.open(dir.resolve("nope"), 32, 1));
        assertTrue(e.getMessage().contains("nope"), e.getMessage());
    }
}
