package io.dcganexplorer.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.pytorch.engine.PtNDManager;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.IValueUtils;
import ai.djl.pytorch.jni.JniUtils;
import io.dcganexplorer.files.StoredZip;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.ZipOutputStream;

/**
 * libtorch operations that DJL's Java API lacks, reached through one-expression TorchScript
 * modules: the transposed convolution ({@code torch.conv_transpose2d}, oneDNN's deconvolution
 * kernels with autograd) and BatchNorm followed by an in-place activation (PyTorch's
 * {@code ReLU(inplace=True)}: one activation buffer per stage instead of two).
 *
 * <p>No module is a file shipped with the app: {@link #archive} writes the TorchScript archive (a
 * zip holding the module's source and two tiny pickles, format version 3, which every libtorch
 * since 1.x reads) in memory, one module per expression with its constants in the source, and
 * DJL loads it from the bytes. The method runs with autograd on
 * ({@code IValueUtils.forward(..., true)}) under the calling thread's grad mode, so gradients
 * reach every input exactly as for any other op; the result belongs to the first input's manager.
 * Inputs must be unnamed arrays (DJL passes a named one as a dict entry).
 */
final class Scripted {
    private Scripted() {}

    /** Loaded modules by expression; each lives as long as the engine (a few hundred bytes each). */
    private static final Map<String, PtSymbolBlock> MODULES = new ConcurrentHashMap<>();

    private static volatile PtNDManager owner;

    /**
     * Threads that have turned TorchScript's graph optimiser off (a per-thread libtorch setting).
     * For one expression it has nothing to fuse, and its profiling runs would re-specialise each
     * module for every new input shape.
     */
    private static final ThreadLocal<Boolean> PLAIN = ThreadLocal.withInitial(() -> {
        JniUtils.setGraphExecutorOptimize(false);
        return Boolean.TRUE;
    });

    /** y = conv_transpose2d(x, w, stride, padding, outputPadding), no bias. */
    static NDArray convTranspose2d(NDArray x, NDArray w, int stride, int padding, int outputPadding) {
        return run("torch.conv_transpose2d(x0, x1, None, [" + stride + ", " + stride + "], [" + padding + ", "
                + padding + "], [" + outputPadding + ", " + outputPadding + "])", x, w);
    }

    /** Activation applied in place after BatchNorm. */
    enum Activation {
        RELU, LEAKY_RELU_02
    }

    /**
     * BatchNorm (PyTorch's {@code batch_norm}: in training, batch statistics and the running
     * statistics updated in place with {@code momentum}; otherwise the running statistics), then
     * the activation in place on its output.
     *
     * @param momentum PyTorch's convention (0.1 = 10% of the batch statistic)
     */
    static NDArray batchNormActivation(NDArray x, NDArray gamma, NDArray beta, NDArray mean, NDArray var,
            boolean training, double momentum, double eps, Activation act) {
        String bn = String.format(Locale.ROOT, "torch.batch_norm(x0, x1, x2, x3, x4, %s, %s, %s, False)",
                training ? "True" : "False", Double.toString(momentum), Double.toString(eps));
        return run(activation(bn, act), x, gamma, beta, mean, var);
    }

    private static String activation(String input, Activation act) {
        return switch (act) {
            case RELU -> "torch.relu_(" + input + ")";
            case LEAKY_RELU_02 -> "torch.leaky_relu_(" + input + ", 0.2)";
        };
    }

    private static NDArray run(String expression, NDArray... inputs) {
        PtSymbolBlock module = MODULES.computeIfAbsent(inputs.length + ":" + expression,
                key -> load(source(expression, inputs.length)));
        PLAIN.get();
        NDList out = IValueUtils.forward(module, new NDList(inputs), true);
        NDArray y = out.singletonOrThrow();
        y.attach(inputs[0].getManager());
        return y;
    }

    private static PtSymbolBlock load(String source) {
        try {
            return JniUtils.loadModule(manager(), new ByteArrayInputStream(archive(source)), false, false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static PtNDManager manager() {
        PtNDManager m = owner;
        if (m == null) {
            synchronized (Scripted.class) {
                m = owner;
                if (m == null) {
                    m = (PtNDManager) Engines.get().newBaseManager();
                    owner = m;
                }
            }
        }
        return m;
    }

    /** The module's TorchScript source: {@code forward(x0, ..., x[n-1])} returns the expression. */
    static String source(String expression, int inputs) {
        StringBuilder s = new StringBuilder("class Expr(Module):\n"
                + "  __parameters__ = []\n"
                + "  __buffers__ = []\n"
                + "  training : bool\n"
                + "  def forward(self: __torch__.Expr");
        for (int i = 0; i < inputs; i++) {
            s.append(",\n    x").append(i).append(": Tensor");
        }
        return s.append(") -> Tensor:\n    return ").append(expression).append("\n").toString();
    }

    /** A TorchScript archive holding {@code source}, laid out as {@code torch.jit.save} writes one. */
    static byte[] archive(String source) {
        // data.pkl, pickle protocol 2: an instance of __torch__.Expr whose state is {"training": True}.
        byte[] data = concat(new byte[] {(byte) 0x80, 2, 'c'}, ascii("__torch__\nExpr\n"),
                new byte[] {'q', 0, ')', (byte) 0x81, '}', '(', 'X', 8, 0, 0, 0}, ascii("training"),
                new byte[] {'q', 1, (byte) 0x88, 'u', 'b', 'q', 2, '.'});
        byte[] constants = {(byte) 0x80, 2, ')', '.'}; // the empty tuple
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            StoredZip.put(zip, "expr/data.pkl", data);
            StoredZip.put(zip, "expr/code/__torch__.py", source.getBytes(StandardCharsets.UTF_8));
            StoredZip.put(zip, "expr/constants.pkl", constants);
            StoredZip.put(zip, "expr/version", ascii("3\n"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
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
