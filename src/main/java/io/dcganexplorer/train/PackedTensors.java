package io.dcganexplorer.train;

import io.dcganexplorer.train.TensorFile.Tensor;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.CheckedInputStream;
import java.util.zip.CheckedOutputStream;

/**
 * The shipped demo's weights file: like {@link TensorFile} (magic, version, named tensors, CRC32 at
 * the end) but with each value stored in half or full precision, so that the demo adds half the
 * bytes to the jar. Read back as float32 tensors.
 */
public final class PackedTensors {
    static final byte[] MAGIC = {'D', 'C', 'G', 'A', 'N', 'P', 'K', 'D'};
    public static final int VERSION = 1;

    /** How each value is stored. */
    public enum Precision {
        /** IEEE binary16, 2 bytes a value ({@link Half}). */
        HALF(16),
        /** float32, 4 bytes a value: exactly the checkpoint's values. */
        FULL(32);

        final int bits;

        Precision(int bits) {
            this.bits = bits;
        }

        /** {@code f} as it comes back after a write and a read at this precision. */
        public float round(float f) {
            return this == HALF ? Half.round(f) : f;
        }

        static Precision ofBits(int bits, String where) throws IOException {
            for (Precision p : values()) {
                if (p.bits == bits) {
                    return p;
                }
            }
            throw new IOException(where + ": damaged (" + bits + "-bit values are no precision this build reads)");
        }
    }

    private PackedTensors() {}

    /** Writes {@code tensors} at {@code precision}. */
    public static void write(OutputStream os, List<Tensor> tensors, Precision precision) throws IOException {
        CheckedOutputStream cos = new CheckedOutputStream(new BufferedOutputStream(os, 1 << 16), new CRC32());
        DataOutputStream out = new DataOutputStream(cos);
        out.write(MAGIC);
        out.writeInt(VERSION);
        out.writeInt(precision.bits);
        out.writeInt(tensors.size());
        for (Tensor t : tensors) {
            out.writeUTF(t.name());
            out.writeInt(t.shape().length);
            for (long d : t.shape()) {
                out.writeLong(d);
            }
            float[] v = t.data();
            ByteBuffer buf = ByteBuffer.allocate(v.length * precision.bits / 8);
            for (float x : v) {
                if (precision == Precision.HALF) {
                    buf.putShort(Half.fromFloat(x));
                } else {
                    buf.putFloat(x);
                }
            }
            out.write(buf.array());
        }
        out.flush();
        out.writeLong(cos.getChecksum().getValue());
        out.flush();
    }

    /**
     * Reads every tensor as float32.
     *
     * @param where names the file in errors
     * @throws IOException naming {@code where} when it is no packed tensor file, is newer, truncated
     *     or fails its checksum
     */
    public static List<Tensor> read(InputStream is, String where) throws IOException {
        CheckedInputStream cis = new CheckedInputStream(new BufferedInputStream(is, 1 << 16), new CRC32());
        DataInputStream in = new DataInputStream(cis);
        try {
            byte[] magic = new byte[MAGIC.length];
            in.readFully(magic);
            if (!Arrays.equals(magic, MAGIC)) {
                throw new IOException(where + ": not a packed demo weights file (wrong magic number)");
            }
            int version = in.readInt();
            if (version > VERSION) {
                throw new IOException(where + ": packed format " + version + " is newer than this build reads ("
                        + VERSION + ")");
            }
            Precision precision = Precision.ofBits(in.readInt(), where);
            int count = in.readInt();
            if (count < 0 || count > 10_000) {
                throw new IOException(where + ": damaged (" + count + " tensors)");
            }
            List<Tensor> out = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                String name = in.readUTF();
                int rank = in.readInt();
                if (rank < 0 || rank > 8) {
                    throw new IOException(where + ": damaged (tensor " + name + " has rank " + rank + ")");
                }
                long[] shape = new long[rank];
                long n = 1;
                for (int d = 0; d < rank; d++) {
                    shape[d] = in.readLong();
                    n *= shape[d];
                }
                if (n < 0 || n > 1L << 28) {
                    throw new IOException(where + ": damaged (tensor " + name + " claims " + n + " values)");
                }
                byte[] raw = new byte[(int) n * precision.bits / 8];
                in.readFully(raw);
                ByteBuffer buf = ByteBuffer.wrap(raw);
                float[] data = new float[(int) n];
                for (int k = 0; k < data.length; k++) {
                    data[k] = precision == Precision.HALF ? Half.toFloat(buf.getShort()) : buf.getFloat();
                }
                out.add(new Tensor(name, shape, data));
            }
            long expected = cis.getChecksum().getValue();
            if (in.readLong() != expected) {
                throw new IOException(where + ": checksum mismatch, the file is damaged");
            }
            return out;
        } catch (EOFException e) {
            throw new IOException(where + ": truncated: the demo's weights were not packed completely", e);
        }
    }
}
