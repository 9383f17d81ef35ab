package io.dcganexplorer.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.pytorch.engine.PtNDManager;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.IValueUtils;
import ai.djl.pytorch.jni.JniUtils;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * libtorch's own transposed convolution ({@code torch.conv_transpose2d}, oneDNN's deconvolution
 * kernels with autograd), reached through a one-line TorchScript module because DJL's Java API
 * has no deconvolution op.
 *
 * <p>The module is not a file shipped with the app: {@link #archive} writes the TorchScript
 * archive (a zip holding the module's source and two tiny pickles, format version 3, which every
 * libtorch since 1.x reads) in memory, one module per geometry with the stride and paddings as
 * constants in its source, and DJL loads it from the bytes. The method runs with autograd on
 * ({@code IValueUtils.forward(..., true)}), so gradients reach both the input and the weight
 * exactly as for any other op; the result belongs to the input's manager.
 *
 * <p>Why bother: the pixel-shuffle formulation in {@link Ops#convTranspose2d} is exact but
 * computes a border that the crop throws away ({@code (H+1)^2} positions for {@code H^2}), and it
 * copies its output twice more; the native op does neither (measured in the README).
 */
final class NativeConvTranspose {
    private NativeConvTranspose() {}

    /** Loaded modules by geometry; each lives as long as the engine (a few hundred bytes each). */
    private static final Map<String, PtSymbolBlock> MODULES = new ConcurrentHashMap<>();

    private static volatile PtNDManager owner;

    /**
     * Threads that have turned TorchScript's graph optimiser off (a per-thread libtorch setting).
     * For one op it has nothing to fuse, and its profiling runs would re-specialise the module
     * for every new input shape.
     */
    private static final ThreadLocal<Boolean> PLAIN = ThreadLocal.withInitial(() -> {
        JniUtils.setGraphExecutorOptimize(false);
        return Boolean.TRUE;
    });

    /** y = conv_transpose2d(x, w, stride, padding, outputPadding), in x's manager. */
    static NDArray apply(NDArray x, NDArray w, int stride, int padding, int outputPadding) {
        PtSymbolBlock module = MODULES.computeIfAbsent(stride + "," + padding + "," + outputPadding,
                key -> load(stride, padding, outputPadding));
        PLAIN.get();
        NDList out = IValueUtils.forward(module, new NDList(x, w), true);
        NDArray y = out.singletonOrThrow();
        y.attach(x.getManager());
        return y;
    }

    private static PtSymbolBlock load(int stride, int padding, int outputPadding) {
        try {
            return JniUtils.loadModule(manager(), new ByteArrayInputStream(archive(stride, padding, outputPadding)),
                    false, false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static PtNDManager manager() {
        PtNDManager m = owner;
        if (m == null) {
            synchronized (NativeConvTranspose.class) {
                m = owner;
                if (m == null) {
                    m = (PtNDManager) Engines.get().newBaseManager();
                    owner = m;
                }
            }
        }
        return m;
    }

    /** The module's TorchScript source: the op with this geometry's constants. */
    static String source(int stride, int padding, int outputPadding) {
        return "class ConvT(Module):\n"
                + "  __parameters__ = []\n"
                + "  __buffers__ = []\n"
                + "  training : bool\n"
                + "  def forward(self: __torch__.ConvT,\n"
                + "    x: Tensor,\n"
                + "    w: Tensor) -> Tensor:\n"
                + "    _0 = torch.conv_transpose2d(x, w, None, [" + stride + ", " + stride + "], ["
                + padding + ", " + padding + "], [" + outputPadding + ", " + outputPadding + "])\n"
                + "    return _0\n";
    }

    /** A TorchScript archive holding {@link #source}, as {@code torch.jit.save} lays one out. */
    static byte[] archive(int stride, int padding, int outputPadding) {
        // data.pkl, pickle protocol 2: an instance of __torch__.ConvT whose state is {"training": True}.
        byte[] data = concat(new byte[] {(byte) 0x80, 2, 'c'}, ascii("__torch__\nConvT\n"),
                new byte[] {'q', 0, ')', (byte) 0x81, '}', '(', 'X', 8, 0, 0, 0}, ascii("training"),
                new byte[] {'q', 1, (byte) 0x88, 'u', 'b', 'q', 2, '.'});
        byte[] constants = {(byte) 0x80, 2, ')', '.'}; // the empty tuple
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            put(zip, "convt/data.pkl", data);
            put(zip, "convt/code/__torch__.py",
                    source(stride, padding, outputPadding).getBytes(StandardCharsets.UTF_8));
            put(zip, "convt/constants.pkl", constants);
            put(zip, "convt/version", ascii("3\n"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static void put(ZipOutputStream zip, String name, byte[] content) throws IOException {
        ZipEntry e = new ZipEntry(name);
        e.setMethod(ZipEntry.STORED);
        e.setSize(content.length);
        e.setCompressedSize(content.length);
        CRC32 crc = new CRC32();
        crc.update(content);
        e.setCrc(crc.getValue());
        zip.putNextEntry(e);
        zip.write(content);
        zip.closeEntry();
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
