package io.dcganexplorer.train;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.CheckedInputStream;
import java.util.zip.CheckedOutputStream;

/**
 * A flat file of named float32 tensors: magic, format version, count, then per tensor its name,
 * rank, dims and values, and a CRC32 of everything before it. Our own format (not DJL's) so that
 * a truncated or damaged file is detected and named, and the layouts stay PyTorch's.
 */
public final class TensorFile {
    static final byte[] MAGIC = {'D', 'C', 'G', 'A', 'N', 'T', 'N', 'S'};
    public static final int VERSION = 1;

    /** One tensor: name, shape and values in row-major order. */
    public record Tensor(String name, long[] shape, float[] data) {
        public Tensor {
            long n = Arrays.stream(shape).reduce(1, (a, b) -> a * b);
            if (n != data.length) {
                throw new IllegalArgumentException(name + ": shape " + Arrays.toString(shape) + " needs " + n
                        + " values, got " + data.length);
            }
        }

        public String shapeString() {
            return Arrays.toString(shape);
        }
    }

    private TensorFile() {}

    public static void write(Path file, List<Tensor> tensors) throws IOException {
        try (OutputStream os = Files.newOutputStream(file);
                CheckedOutputStream cos = new CheckedOutputStream(new BufferedOutputStream(os, 1 << 16), new CRC32());
                DataOutputStream out = new DataOutputStream(cos)) {
            out.write(MAGIC);
            out.writeInt(VERSION);
            out.writeInt(tensors.size());
            for (Tensor t : tensors) {
                out.writeUTF(t.name());
                out.writeInt(t.shape().length);
                for (long d : t.shape()) {
                    out.writeLong(d);
                }
                byte[] buf = new byte[t.data().length * 4];
                java.nio.ByteBuffer.wrap(buf).asFloatBuffer().put(t.data());
                out.write(buf);
            }
            out.flush();
            long crc = cos.getChecksum().getValue();
            out.writeLong(crc);
        }
    }

    /**
     * Reads every tensor.
     *
     * @throws IOException naming the file when it is not a tensor file, is of a newer format, is
     *     truncated or fails its checksum
     */
    public static List<Tensor> read(Path file) throws IOException {
        long fileSize = Files.size(file);
        try (InputStream is = Files.newInputStream(file);
                CheckedInputStream cis = new CheckedInputStream(new BufferedInputStream(is, 1 << 16), new CRC32());
                DataInputStream in = new DataInputStream(cis)) {
            byte[] magic = new byte[MAGIC.length];
            in.readFully(magic);
            if (!Arrays.equals(magic, MAGIC)) {
                throw new IOException(file + ": not a DCGAN Explorer tensor file (wrong magic number)");
            }
            int version = in.readInt();
            if (version > VERSION) {
                throw new IOException(file + ": tensor format " + version + " is newer than this build reads ("
                        + VERSION + ")");
            }
            int count = in.readInt();
            List<Tensor> out = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                String name = in.readUTF();
                int rank = in.readInt();
                if (rank < 0 || rank > 8) {
                    throw new IOException(file + ": damaged (tensor " + name + " has rank " + rank + ")");
                }
                long[] shape = new long[rank];
                long n = 1;
                for (int d = 0; d < rank; d++) {
                    shape[d] = in.readLong();
                    n *= shape[d];
                }
                if (n < 0 || n * 4 > fileSize) {
                    throw new IOException(file + ": truncated or damaged (tensor " + name + " claims " + n
                            + " values, file has " + fileSize + " bytes)");
                }
                byte[] buf = new byte[(int) n * 4];
                in.readFully(buf);
                float[] data = new float[(int) n];
                java.nio.ByteBuffer.wrap(buf).asFloatBuffer().get(data);
                out.add(new Tensor(name, shape, data));
            }
            long expected = cis.getChecksum().getValue();
            long stored = in.readLong();
            if (stored != expected) {
                throw new IOException(file + ": checksum mismatch, the file is damaged");
            }
            if (in.read() != -1) {
                throw new IOException(file + ": unexpected bytes after the end of the data");
            }
            return out;
        } catch (EOFException e) {
            throw new IOException(file + ": truncated (" + fileSize + " bytes): the checkpoint was not written "
                    + "completely", e);
        }
    }
}
