package io.dcganexplorer.interop;

import io.dcganexplorer.interop.SafeUnpickler.ModuleRecord;
import io.dcganexplorer.interop.SafeUnpickler.StorageRef;
import io.dcganexplorer.interop.SafeUnpickler.TensorRef;
import io.dcganexplorer.interop.SafeUnpickler.UnsafePickleException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Reads the tensors of a file {@code torch.save} wrote (the zip format of PyTorch 1.6 and later:
 * {@code NAME/data.pkl}, {@code NAME/byteorder}, one raw storage per {@code NAME/data/KEY}): a state
 * dict, or a whole pickled module whose parameters and buffers are collected under the names its
 * {@code state_dict()} would give them. Storage offsets and strides are honoured, storages saved on
 * a GPU ({@code cuda:0}) read like CPU ones, half, bfloat16 and double values become float32.
 */
public final class PthFile {
    private PthFile() {}

    /**
     * One tensor of the file.
     *
     * @param shape its size
     * @param values row-major, as float32 (integer tensors too)
     * @param dtype the storage's element type as PyTorch names it: Float, Half, Long ...
     */
    public record PthTensor(long[] shape, float[] values, String dtype) {
        /** True for integer tensors, such as BatchNorm's {@code num_batches_tracked}. */
        public boolean integral() {
            return switch (dtype) {
                case "Long", "Int", "Byte", "Bool" -> true;
                default -> false;
            };
        }

        public String shapeString() {
            return Arrays.toString(shape);
        }
    }

    /**
     * What a file holds.
     *
     * @param tensors every tensor by its key, in the file's order
     * @param savedAs "a state dict", or "a pickled module (CLASS)"
     * @param locations where the storages were when saved: "cpu", "cuda:0" ...
     * @param dtypes the element types of the floating-point tensors: "Float", "Half" ...
     */
    public record Contents(Map<String, PthTensor> tensors, String savedAs, Set<String> locations,
            Set<String> dtypes) {}

    /**
     * Every tensor of {@code file} by its key, in the file's order.
     *
     * @throws IOException naming the file: not a zip of {@code torch.save}, a refused global (which
     *     is never called), a damaged storage, or no tensors
     */
    public static Contents read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException(file + ": no such file");
        }
        try (ZipFile zip = new ZipFile(file.toFile())) {
            String prefix = archivePrefix(zip, file);
            ByteOrder order = byteOrder(zip, prefix);
            Object root;
            try (InputStream in = zip.getInputStream(zip.getEntry(prefix + "data.pkl"))) {
                root = SafeUnpickler.read(in);
            } catch (UnsafePickleException e) {
                throw new IOException(file + " names the Python global " + e.global + ", which a model file does "
                        + "not need; refused without running anything (only state dicts and modules of torch.nn or "
                        + "__main__ are read: save net.state_dict() instead)", e);
            } catch (IOException | RuntimeException e) {
                // cut short, the library's own checks, or a pickle of the wrong shape (a cast, an index)
                throw new IOException(file + ": damaged, or not a PyTorch model file this app reads (" + e + ")", e);
            }
            Map<String, TensorRef> refs = new LinkedHashMap<>();
            collect(root, "", refs, file);
            if (refs.isEmpty()) {
                throw new IOException(file + " holds no tensors: save the network's state_dict()");
            }
            Map<String, byte[]> storages = new HashMap<>();
            Map<String, PthTensor> out = new LinkedHashMap<>();
            for (var e : refs.entrySet()) {
                out.put(e.getKey(), materialise(zip, prefix, order, e.getValue(), storages, file, e.getKey()));
            }
            Set<String> locations = new TreeSet<>();
            Set<String> dtypes = new TreeSet<>();
            for (TensorRef t : refs.values()) {
                locations.add(t.storage().location());
            }
            for (PthTensor t : out.values()) {
                if (!t.integral()) {
                    dtypes.add(t.dtype());
                }
            }
            String savedAs = root instanceof ModuleRecord m ? "a pickled module (" + m.className + ")" : "a state dict";
            return new Contents(out, savedAs, locations, dtypes);
        } catch (ZipException e) {
            throw new IOException(file + " is not a zip archive as torch.save writes since PyTorch 1.6 (a file saved "
                    + "with _use_new_zipfile_serialization=False, or not a model file): load and save it again with "
                    + "a current PyTorch", e);
        }
    }

    /** The folder every entry sits in ({@code netG/} for netG.pth). */
    private static String archivePrefix(ZipFile zip, Path file) throws IOException {
        Enumeration<? extends ZipEntry> entries = zip.entries();
        while (entries.hasMoreElements()) {
            String name = entries.nextElement().getName();
            if (name.endsWith("data.pkl") && name.indexOf('/') == name.length() - "data.pkl".length() - 1) {
                return name.substring(0, name.length() - "data.pkl".length());
            }
        }
        throw new IOException(file + " is a zip without data.pkl: not a file torch.save wrote");
    }

    private static ByteOrder byteOrder(ZipFile zip, String prefix) throws IOException {
        ZipEntry e = zip.getEntry(prefix + "byteorder");
        if (e == null) {
            return ByteOrder.LITTLE_ENDIAN; // files of PyTorch before 1.13 say nothing: little-endian
        }
        try (InputStream in = zip.getInputStream(e)) {
            String s = new String(in.readAllBytes(), StandardCharsets.US_ASCII).trim();
            return s.equals("big") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        }
    }

    /**
     * Finds the tensors in what was pickled: a dict of tensors (keys as saved), or a module record,
     * whose {@code _parameters} and {@code _buffers} are named as {@code state_dict()} names them.
     */
    private static void collect(Object o, String prefix, Map<String, TensorRef> out, Path file) throws IOException {
        if (o instanceof ModuleRecord m) {
            for (String part : new String[] {"_parameters", "_buffers"}) {
                if (m.state.get(part) instanceof Map<?, ?> tensors) {
                    for (var e : tensors.entrySet()) {
                        if (e.getValue() instanceof TensorRef t) {
                            out.put(prefix + e.getKey(), t);
                        }
                    }
                }
            }
            if (m.state.get("_modules") instanceof Map<?, ?> children) {
                for (var e : children.entrySet()) {
                    collect(e.getValue(), prefix + e.getKey() + ".", out, file);
                }
            }
        } else if (o instanceof Map<?, ?> dict) {
            for (var e : dict.entrySet()) {
                if (e.getValue() instanceof TensorRef t) {
                    out.put(prefix + e.getKey(), t);
                } else if (e.getValue() instanceof ModuleRecord || e.getValue() instanceof Map<?, ?>) {
                    collect(e.getValue(), prefix + e.getKey() + ".", out, file);
                }
            }
        }
    }

    private static PthTensor materialise(ZipFile zip, String prefix, ByteOrder order, TensorRef t,
            Map<String, byte[]> storages, Path file, String key) throws IOException {
        StorageRef s = t.storage();
        int width = switch (s.dtype()) {
            case "Double", "Long" -> 8;
            case "Float", "Int" -> 4;
            case "Half", "BFloat16" -> 2;
            case "Byte", "Bool" -> 1;
            default -> throw new IOException(file + ": " + key + " is of type " + s.dtype() + ", not read");
        };
        byte[] bytes = storages.get(s.key());
        if (bytes == null) {
            ZipEntry e = zip.getEntry(prefix + "data/" + s.key());
            if (e == null) {
                throw new IOException(file + ": " + key + "'s storage data/" + s.key() + " is missing");
            }
            try (InputStream in = zip.getInputStream(e)) {
                bytes = in.readAllBytes();
            }
            if (bytes.length != s.numel() * width) {
                throw new IOException(file + ": " + key + "'s storage holds " + bytes.length + " bytes, not the "
                        + s.numel() * width + " its " + s.numel() + " " + s.dtype() + " values need");
            }
            storages.put(s.key(), bytes);
        }
        long n = 1;
        for (long d : t.shape()) {
            n *= d;
        }
        long last = t.offset();
        for (int d = 0; d < t.shape().length; d++) {
            last += (t.shape()[d] - 1) * t.stride()[d];
        }
        if (n > 0 && (t.offset() < 0 || last >= s.numel())) {
            throw new IOException(file + ": " + key + " reaches past the end of its storage");
        }
        ByteBuffer buf = ByteBuffer.wrap(bytes).order(order);
        float[] values = new float[Math.toIntExact(n)];
        int rank = t.shape().length;
        long[] index = new long[rank];
        for (int i = 0; i < values.length; i++) {
            long at = t.offset();
            for (int d = 0; d < rank; d++) {
                at += index[d] * t.stride()[d];
            }
            values[i] = element(buf, s.dtype(), (int) at * width);
            for (int d = rank - 1; d >= 0 && ++index[d] == t.shape()[d]; d--) {
                index[d] = 0;
            }
        }
        return new PthTensor(t.shape().clone(), values, s.dtype());
    }

    private static float element(ByteBuffer b, String dtype, int at) {
        return switch (dtype) {
            case "Float" -> b.getFloat(at);
            case "Double" -> (float) b.getDouble(at);
            case "Half" -> halfToFloat(b.getShort(at));
            case "BFloat16" -> Float.intBitsToFloat((b.getShort(at) & 0xffff) << 16);
            case "Long" -> b.getLong(at);
            case "Int" -> b.getInt(at);
            default -> b.get(at);
        };
    }

    /** IEEE 754 binary16 to float (exact: every half value is a float). */
    static float halfToFloat(short h) {
        int sign = (h & 0x8000) << 16;
        int exp = (h >>> 10) & 0x1f;
        int mant = h & 0x3ff;
        if (exp == 0x1f) {
            return Float.intBitsToFloat(sign | 0x7f800000 | (mant << 13));
        }
        if (exp == 0) {
            float v = mant * 0x1p-24f; // subnormal (or zero)
            return sign != 0 ? -v : v;
        }
        return Float.intBitsToFloat(sign | ((exp + 112) << 23) | (mant << 13));
    }
}
