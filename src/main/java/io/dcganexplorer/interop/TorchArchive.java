package io.dcganexplorer.interop;

import io.dcganexplorer.files.StoredZip;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipOutputStream;

/**
 * Writes the zip archives PyTorch reads: a {@code torch.save} file of a state dict (what
 * {@code torch.load} reads with {@code weights_only=True}: only {@code collections.OrderedDict},
 * {@code torch._utils._rebuild_tensor_v2} and the float and long storages are named), and a
 * TorchScript module ({@code torch.jit.load}). The pickle is protocol 2, emitted here opcode by
 * opcode: a dozen opcodes in a fixed pattern, which is less to trust than a general pickler
 * configured for PyTorch's persistent ids. Entries are stored uncompressed, little-endian.
 */
final class TorchArchive {
    /** One tensor to write: float32 values, or one int64 (BatchNorm's {@code num_batches_tracked}). */
    record Item(String key, long[] shape, float[] values, long integer) {
        static Item floats(String key, long[] shape, float[] values) {
            return new Item(key, shape, values, 0);
        }

        static Item scalarLong(String key, long value) {
            return new Item(key, new long[0], null, value);
        }
    }

    private final ByteArrayOutputStream pickle = new ByteArrayOutputStream();
    private final List<byte[]> storages = new ArrayList<>();

    /** A state dict: {@code OrderedDict([(key, tensor), ...])}. */
    static byte[] stateDict(String name, List<Item> items) throws IOException {
        TorchArchive a = new TorchArchive();
        a.op(0x80).op(2); // PROTO 2
        a.global("collections", "OrderedDict").op(')').op('R'); // OrderedDict()
        a.op('(');
        for (Item i : items) {
            a.unicode(i.key()).tensor(i);
        }
        a.op('u').op('.'); // SETITEMS, STOP
        return a.zip(name, List.of());
    }

    /**
     * A TorchScript module: an instance of {@code __torch__.CLASS} whose attributes are the tensors
     * (and {@code training = False}), with {@code source} as its code.
     */
    static byte[] script(String name, String className, String source, List<Item> attributes) throws IOException {
        TorchArchive a = new TorchArchive();
        a.op(0x80).op(2);
        a.global("__torch__", className).op(')').op(0x81); // NEWOBJ
        a.op('}').op('(');
        a.unicode("training").op(0x89); // NEWFALSE
        for (Item i : attributes) {
            a.unicode(i.key()).tensor(i);
        }
        a.op('u').op('b').op('.'); // SETITEMS, BUILD, STOP
        return a.zip(name, List.of(
                new Entry("code/__torch__.py", source.getBytes(StandardCharsets.UTF_8)),
                new Entry("constants.pkl", new byte[] {(byte) 0x80, 2, ')', '.'})));
    }

    private record Entry(String path, byte[] bytes) {}

    private TorchArchive tensor(Item i) {
        int key = storages.size();
        ByteBuffer b;
        long numel;
        if (i.values() != null) {
            b = ByteBuffer.allocate(i.values().length * 4).order(ByteOrder.LITTLE_ENDIAN);
            b.asFloatBuffer().put(i.values());
            numel = i.values().length;
        } else {
            b = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(0, i.integer());
            numel = 1;
        }
        storages.add(b.array());
        // torch._utils._rebuild_tensor_v2(storage, 0, size, stride, False, OrderedDict())
        global("torch._utils", "_rebuild_tensor_v2");
        op('(');
        op('(').unicode("storage").global("torch", i.values() != null ? "FloatStorage" : "LongStorage")
                .unicode(Integer.toString(key)).unicode("cpu").integer(numel).op('t').op('Q'); // TUPLE, BINPERSID
        integer(0);
        longs(i.shape());
        longs(strides(i.shape()));
        op(0x89);
        global("collections", "OrderedDict").op(')').op('R');
        op('t').op('R');
        return this;
    }

    private static long[] strides(long[] shape) {
        long[] s = new long[shape.length];
        long k = 1;
        for (int d = shape.length - 1; d >= 0; d--) {
            s[d] = k;
            k *= shape[d];
        }
        return s;
    }

    private TorchArchive longs(long[] v) {
        op('(');
        for (long x : v) {
            integer(x);
        }
        return op('t');
    }

    private TorchArchive op(int code) {
        pickle.write(code);
        return this;
    }

    private TorchArchive global(String module, String name) {
        op('c');
        pickle.writeBytes((module + "\n" + name + "\n").getBytes(StandardCharsets.US_ASCII));
        return this;
    }

    private TorchArchive unicode(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        op('X');
        pickle.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(b.length).array());
        pickle.writeBytes(b);
        return this;
    }

    private TorchArchive integer(long v) {
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
            // LONG1: 8 bytes, two's complement, little-endian
            op(0x8a).op(8);
            pickle.writeBytes(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(v).array());
        } else {
            op('J'); // BININT
            pickle.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt((int) v).array());
        }
        return this;
    }

    private byte[] zip(String name, List<Entry> extra) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            StoredZip.put(zip, name + "/data.pkl", pickle.toByteArray());
            StoredZip.put(zip, name + "/byteorder", "little".getBytes(StandardCharsets.US_ASCII));
            for (Entry e : extra) {
                StoredZip.put(zip, name + "/" + e.path(), e.bytes());
            }
            for (int i = 0; i < storages.size(); i++) {
                StoredZip.put(zip, name + "/data/" + i, storages.get(i));
            }
            StoredZip.put(zip, name + "/version", "3\n".getBytes(StandardCharsets.US_ASCII));
        }
        return bytes.toByteArray();
    }


    /** Writes {@code bytes} to {@code file} (callers wrap this in an atomic write). */
    static void writeTo(Path file, byte[] bytes) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write(bytes);
        }
    }
}
