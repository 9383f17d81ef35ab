package io.dcganexplorer.eval;

import io.dcganexplorer.files.AtomicFiles;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32;
import java.util.zip.CheckedInputStream;

/**
 * The file a {@link NeighbourIndex} keeps its features in: a header (magic, version, the key it was
 * built for, the image count and the two feature sizes), the compact pixels as bytes, the
 * discriminator features as float32, and a CRC32 of everything before it. Written atomically; a
 * file that is short, of another key or layout, or whose checksum differs is refused with the
 * reason, so the index is built again.
 */
final class NeighbourCache {
    static final int VERSION = 1;
    private static final byte[] MAGIC = "DCGANNBR".getBytes(StandardCharsets.US_ASCII);

    /** One feature set: {@code n} images of {@code pixelDim} bytes and {@code featureDim} floats each. */
    record Contents(int n, int pixelDim, int featureDim, byte[] pixels, float[] features) {
        Contents {
            if (pixels.length != (long) n * pixelDim || features.length != (long) n * featureDim) {
                throw new IllegalArgumentException("feature arrays do not match " + n + " images");
            }
        }
    }

    /** A cache file that cannot be used; the message says why. */
    static final class Unusable extends IOException {
        private static final long serialVersionUID = 1L;

        Unusable(String message) {
            super(message);
        }
    }

    private NeighbourCache() {}

    /** Writes {@code c} to {@code file} atomically (a temporary file beside it, then a rename). */
    static void write(Path file, String key, Contents c) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        AtomicFiles.write(file, tmp -> {
            CRC32 crc = new CRC32();
            try (OutputStream raw = Files.newOutputStream(tmp);
                    DataOutputStream out = new DataOutputStream(new BufferedOutputStream(new Checked(raw, crc),
                            1 << 16))) {
                out.write(MAGIC);
                out.writeInt(VERSION);
                out.writeUTF(key);
                out.writeInt(c.n());
                out.writeInt(c.pixelDim());
                out.writeInt(c.featureDim());
                out.write(c.pixels());
                ByteBuffer buf = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
                float[] f = c.features();
                for (int i = 0; i < f.length; ) {
                    buf.clear();
                    int m = Math.min(f.length - i, buf.capacity() / 4);
                    buf.asFloatBuffer().put(f, i, m);
                    out.write(buf.array(), 0, m * 4);
                    i += m;
                }
                out.flush();
                // the checksum of all that came before, itself outside it
                raw.write(ByteBuffer.allocate(8).putLong(crc.getValue()).array());
            }
        });
    }

    /**
     * Reads {@code file}, checking it was written for {@code key}.
     *
     * @throws Unusable when it is short, damaged or of another key, version or layout
     * @throws IOException when it cannot be read at all
     */
    static Contents read(Path file, String key) throws IOException {
        long length = Files.size(file);
        CheckedInputStream checked = new CheckedInputStream(new BufferedInputStream(Files.newInputStream(file),
                1 << 16), new CRC32());
        try (DataInputStream in = new DataInputStream(checked)) {
            byte[] magic = new byte[MAGIC.length];
            in.readFully(magic);
            if (!java.util.Arrays.equals(magic, MAGIC)) {
                throw new Unusable(file + " is not a neighbour index");
            }
            int version = in.readInt();
            if (version != VERSION) {
                throw new Unusable(file + " is of version " + version + ", this build writes " + VERSION);
            }
            String stored = in.readUTF();
            if (!stored.equals(key)) {
                throw new Unusable(file + " was built for another checkpoint or dataset");
            }
            int n = in.readInt();
            int pixelDim = in.readInt();
            int featureDim = in.readInt();
            long header = MAGIC.length + 4 + 2 + stored.getBytes(StandardCharsets.UTF_8).length + 12;
            long expected = header + (long) n * pixelDim + 4L * n * featureDim + 8;
            if (n < 0 || pixelDim <= 0 || featureDim <= 0 || length != expected) {
                throw new Unusable(file + " is " + length + " bytes, its header says " + expected
                        + ": it is truncated or damaged");
            }
            byte[] pixels = new byte[n * pixelDim];
            in.readFully(pixels);
            float[] features = new float[n * featureDim];
            byte[] buf = new byte[1 << 16];
            for (int i = 0; i < features.length; ) {
                int m = Math.min(features.length - i, buf.length / 4);
                in.readFully(buf, 0, m * 4);
                ByteBuffer.wrap(buf, 0, m * 4).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(features, i, m);
                i += m;
            }
            long computed = checked.getChecksum().getValue();
            if (in.readLong() != computed) {
                throw new Unusable(file + " fails its checksum: it is damaged");
            }
            return new Contents(n, pixelDim, featureDim, pixels, features);
        } catch (java.io.EOFException | java.io.UTFDataFormatException e) {
            throw new Unusable(file + " is truncated (" + length + " bytes)");
        }
    }

    /** Passes bytes through while adding them to a checksum. */
    private static final class Checked extends java.io.FilterOutputStream {
        private final CRC32 crc;

        Checked(OutputStream out, CRC32 crc) {
            super(out);
            this.crc = crc;
        }

        @Override
        public void write(int b) throws IOException {
            crc.update(b);
            out.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            crc.update(b, off, len);
            out.write(b, off, len);
        }

        @Override
        public void close() {
            // the caller closes the underlying stream after writing the checksum
        }
    }
}
