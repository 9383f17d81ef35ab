package io.dcganexplorer.model;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import io.dcganexplorer.files.AtomicFiles;
import io.dcganexplorer.model.ConvReference.Geometry;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.Random;

/**
 * A known-answer check of the convolutions the networks run, made once per CPU, libtorch version
 * and instruction-set cap: forward values, input and weight gradients of the strided convolution,
 * the transposed-convolution formulation ({@link Ops#convTranspose2d}) and the 1x1 projection, at
 * both kernel presets' geometries and in the layout training uses, against {@link ConvReference}
 * in double precision.
 *
 * <p>Why: oneDNN, libtorch's CPU kernel library, picks its kernels by instruction set at load
 * time, and on one machine its AVX kernels returned a wrong input gradient. That is a property of
 * a machine, not of a CPU family, so the program checks instead of capping every user at SSE4.1
 * (3-4x slower). The verdict is kept in {@code ~/.cache/dcgan-explorer/numerics.properties}; a
 * later start finds it there and starts nothing. {@code Main} restarts with the safe cap only when
 * the check fails.
 */
public final class NumericsCheck {
    /** Bump when the cases change, so old verdicts are not trusted. */
    static final int VERSION = 1;

    /**
     * {@code -Ddcgan.numerics.fault=true} makes the check fail when no ISA cap is set, as a broken
     * kernel would: the way tests (and a curious user) drive the fallback path.
     */
    public static final String FAULT_PROPERTY = "dcgan.numerics.fault";

    /** {@code -Ddcgan.cache.dir=DIR} moves the verdict cache (tests use a temporary folder). */
    public static final String CACHE_PROPERTY = "dcgan.cache.dir";

    /** The environment variable oneDNN reads, once, for its instruction-set cap. */
    public static final String ISA_VARIABLE = "ONEDNN_MAX_CPU_ISA";

    private static final double TOLERANCE = 2e-4;

    private NumericsCheck() {}

    /**
     * The outcome.
     *
     * @param passed every case agreed with the reference
     * @param detail the first disagreement (case, quantity, index, value, expected), or the cases run
     * @param cached read from the cache rather than measured now
     * @param millis time the check took (0 when cached)
     */
    public record Verdict(boolean passed, String detail, boolean cached, long millis) {}

    /** The cap this process's oneDNN runs under: the variable's value, or "default". */
    public static String isa() {
        String v = System.getenv(ISA_VARIABLE);
        return v == null || v.isEmpty() ? "default" : v;
    }

    /** The verdict for this machine and cap: from the cache, or measured now and cached. */
    public static Verdict verify(Engine engine) {
        Optional<Verdict> c = cached();
        if (c.isPresent()) {
            return c.get();
        }
        Verdict v = run(engine);
        store(v);
        return v;
    }

    /** The cached verdict for this machine, libtorch and cap, if there is one. */
    public static Optional<Verdict> cached() {
        Path file = cacheFile();
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty(); // unreadable: measure again and rewrite it
        }
        String v = p.getProperty(key());
        if (v == null) {
            return Optional.empty();
        }
        boolean pass = v.startsWith("pass");
        int bar = v.indexOf('|');
        return Optional.of(new Verdict(pass, bar >= 0 ? v.substring(bar + 1) : "", true, 0));
    }

    /** Runs every case now, on the calling thread (which must be allowed to record gradients). */
    public static Verdict run(Engine engine) {
        long t0 = System.nanoTime();
        List<String> failures = new ArrayList<>();
        int cases = 0;
        boolean grad = ai.djl.pytorch.jni.JniUtils.isGradMode();
        ai.djl.pytorch.jni.JniUtils.setGradMode(false);
        try (NDManager m = engine.newBaseManager()) {
            for (KernelPreset kp : KernelPreset.values()) {
                // generator stride-2 stages (wide, and to 3 colour channels)
                failures.addAll(transposed(engine, m, new Geometry(1, 16, 8, 2, 2, kp.kernel, kp.stride, kp.padding,
                        kp.outputPadding)));
                failures.addAll(transposed(engine, m, new Geometry(1, 8, 3, 3, 3, kp.kernel, kp.stride, kp.padding,
                        kp.outputPadding)));
                // discriminator stride-2 stages (from 3 channels, and wide)
                failures.addAll(strided(engine, m, new Geometry(1, 3, 8, 6, 6, kp.kernel, kp.stride, kp.padding, 0)));
                failures.addAll(strided(engine, m, new Geometry(1, 16, 16, 4, 4, kp.kernel, kp.stride, kp.padding, 0)));
                cases += 4;
            }
            // the generator's 1x1 -> 4x4 projection, the discriminator's 4x4 -> 1 logit
            failures.addAll(transposed(engine, m, new Geometry(2, 16, 8, 1, 1, 4, 1, 0, 0)));
            failures.addAll(strided(engine, m, new Geometry(2, 16, 1, 4, 4, 4, 1, 0, 0)));
            // the fault once seen: 1x1 input, 4x4 kernel, padding 3 (dx 119 where 120 is right)
            failures.addAll(strided(engine, m, new Geometry(1, 1, 1, 1, 1, 4, 1, 3, 0)));
            cases += 3;
        } finally {
            ai.djl.pytorch.jni.JniUtils.setGradMode(grad);
        }
        if (Boolean.getBoolean(FAULT_PROPERTY) && "default".equals(isa())) {
            failures.add(0, "simulated fault (-D" + FAULT_PROPERTY + "=true)");
        }
        long ms = (System.nanoTime() - t0) / 1_000_000;
        if (failures.isEmpty()) {
            return new Verdict(true, cases + " cases agree with the float64 reference", false, ms);
        }
        return new Verdict(false, failures.get(0) + (failures.size() > 1 ? " (+" + (failures.size() - 1)
                + " more)" : ""), false, ms);
    }

    private static List<String> transposed(Engine engine, NDManager m, Geometry g) {
        Random rnd = new Random(g.hashCode());
        float[] x = gaussian(rnd, g.n() * g.cin() * g.h() * g.w());
        float[] w = gaussian(rnd, g.cin() * g.cout() * g.k() * g.k());
        float[] r = gaussian(rnd, g.n() * g.cout() * g.outH(true) * g.outW(true));
        ConvReference.Result ref = ConvReference.convTranspose2d(x, w, r, g);
        try (NDManager s = m.newSubManager()) {
            NDArray xa = input(s, x, g);
            NDArray wa = s.create(w, new Shape(g.cin(), g.cout(), g.k(), g.k()));
            return compare("conv-T " + g, engine, s, xa, wa, r, ref,
                    () -> Ops.convTranspose2d(xa, wa, g.s(), g.p(), g.op(), s));
        }
    }

    private static List<String> strided(Engine engine, NDManager m, Geometry g) {
        Random rnd = new Random(g.hashCode());
        float[] x = gaussian(rnd, g.n() * g.cin() * g.h() * g.w());
        float[] w = gaussian(rnd, g.cout() * g.cin() * g.k() * g.k());
        float[] r = gaussian(rnd, g.n() * g.cout() * g.outH(false) * g.outW(false));
        ConvReference.Result ref = ConvReference.conv2d(x, w, r, g);
        try (NDManager s = m.newSubManager()) {
            NDArray xa = input(s, x, g);
            NDArray wa = s.create(w, new Shape(g.cout(), g.cin(), g.k(), g.k()));
            return compare("conv " + g, engine, s, xa, wa, r, ref, () -> Ops.conv2d(xa, wa, g.s(), g.p()));
        }
    }

    /** The input in the layout the networks feed their convolutions. */
    private static NDArray input(NDManager s, float[] x, Geometry g) {
        NDArray a = g.h() == g.w() ? Ops.images(s, x, g.n(), g.cin(), g.h())
                : s.create(x, new Shape(g.n(), g.cin(), g.h(), g.w()));
        a.setRequiresGradient(true);
        return a;
    }

    private static List<String> compare(String name, Engine engine, NDManager s, NDArray xa, NDArray wa, float[] r,
            ConvReference.Result ref, java.util.function.Supplier<NDArray> op) {
        wa.setRequiresGradient(true);
        NDArray y;
        try (GradientCollector gc = engine.newGradientCollector()) {
            y = op.get();
            gc.backward(y.mul(s.create(r, y.getShape())).sum());
        }
        List<String> out = new ArrayList<>();
        mismatch(name, "forward", ref.y(), y.toFloatArray()).ifPresent(out::add);
        mismatch(name, "input gradient", ref.dx(), xa.getGradient().toFloatArray()).ifPresent(out::add);
        mismatch(name, "weight gradient", ref.dw(), wa.getGradient().toFloatArray()).ifPresent(out::add);
        return out;
    }

    /** The first element off by more than {@value #TOLERANCE} of the largest expected magnitude. */
    static Optional<String> mismatch(String name, String what, double[] expected, float[] actual) {
        if (expected.length != actual.length) {
            return Optional.of(name + ": " + what + " has " + actual.length + " values, expected " + expected.length);
        }
        double scale = 1e-6;
        for (double e : expected) {
            scale = Math.max(scale, Math.abs(e));
        }
        for (int i = 0; i < expected.length; i++) {
            if (!(Math.abs(actual[i] - expected[i]) <= TOLERANCE * scale)) {
                return Optional.of(String.format(java.util.Locale.ROOT, "%s: %s[%d] = %.6g, expected %.6g", name, what,
                        i, actual[i], expected[i]));
            }
        }
        return Optional.empty();
    }

    private static float[] gaussian(Random rnd, int n) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) rnd.nextGaussian();
        }
        return a;
    }

    // ------------------------------------------------------------------------------------------
    // The cache

    static Path cacheFile() {
        String dir = System.getProperty(CACHE_PROPERTY);
        Path base = dir != null && !dir.isEmpty() ? Path.of(dir)
                : Path.of(System.getProperty("user.home"), ".cache", "dcgan-explorer");
        return base.resolve("numerics.properties");
    }

    private static synchronized void store(Verdict v) {
        Path file = cacheFile();
        Properties p = new Properties();
        try {
            if (Files.isRegularFile(file)) {
                try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                    p.load(r);
                } catch (IOException | IllegalArgumentException e) {
                    p.clear(); // damaged: start it again
                }
            }
            p.setProperty(key(), (v.passed() ? "pass" : "fail") + "|" + v.detail());
            StringWriter out = new StringWriter();
            p.store(out, "dcgan-explorer: convolution known-answer check per CPU, libtorch and ISA cap (" + describe()
                    + ")");
            String text = out.toString();
            AtomicFiles.write(file, tmp -> Files.writeString(tmp, text, StandardCharsets.UTF_8));
        } catch (IOException | RuntimeException e) {
            // no cache: the check runs again next time, which is only slower
        }
    }

    /** What the cache key is made of, readable. */
    public static String describe() {
        return "cpu " + cpuModel() + ", libtorch " + libtorchVersion() + ", isa " + isa() + ", layout "
                + (Ops.CHANNELS_LAST ? "channels-last" : "nchw") + ", conv-T " + Ops.convTransposeKind();
    }

    /** Hash of the CPU model and its flags, libtorch's version, the cap, the layout, the conv-T kind and the check's version. */
    static String key() {
        String k = VERSION + "|" + cpuModel() + "|" + cpuFlags() + "|" + libtorchVersion() + "|" + isa() + "|"
                + Ops.CHANNELS_LAST + "|" + Ops.convTransposeKind() + "|" + Boolean.getBoolean(FAULT_PROPERTY);
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(k.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(h, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            return Integer.toHexString(k.hashCode());
        }
    }

    static String cpuModel() {
        return cpuInfo("model name", System.getProperty("os.arch"));
    }

    /** The flags line: two machines sold under one model name can differ in AVX-512. */
    private static String cpuFlags() {
        return cpuInfo("flags", "");
    }

    private static String cpuInfo(String field, String fallback) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith(field)) {
                    int c = line.indexOf(':');
                    return c >= 0 ? line.substring(c + 1).trim() : fallback;
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux
        }
        return fallback;
    }

    /** libtorch's version from the native jar's properties, without loading it. */
    static String libtorchVersion() {
        try (InputStream in = NumericsCheck.class.getClassLoader().getResourceAsStream("native/lib/pytorch.properties")) {
            if (in != null) {
                Properties p = new Properties();
                p.load(new StringReader(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
                return p.getProperty("version", "unknown") + "-" + p.getProperty("flavor", "");
            }
        } catch (IOException e) {
            // fall through
        }
        return "unknown";
    }
}
