package io.dcganexplorer.model;

import ai.djl.engine.Engine;

/**
 * Starts DJL's PyTorch engine the way this application needs it: offline (libtorch comes from the
 * {@code pytorch-native-cpu} jar on the class path, nothing is downloaded), with usage tracking
 * off, and with a chosen number of CPU threads. Call before any other DJL class is touched.
 */
public final class Engines {
    private static volatile Engine engine;

    private Engines() {}

    /** Sets the system properties DJL reads at start-up, unless the user already set them. */
    public static void configure(int threads) {
        setIfAbsent("ai.djl.offline", "true");
        setIfAbsent("OPT_OUT_TRACKING", "true");
        setIfAbsent("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        // libtorch prints a CUDA warning on machines without a GPU; nothing to act on.
        setIfAbsent("org.slf4j.simpleLogger.log.ai.djl.pytorch.jni.LibUtils", "error");
        setIfAbsent("org.slf4j.simpleLogger.log.ai.djl.util.cuda", "error");
        if (threads > 0) {
            setIfAbsent("ai.djl.pytorch.num_threads", Integer.toString(threads));
            setIfAbsent("ai.djl.pytorch.num_interop_threads", "1");
        }
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }

    /**
     * Turns autograd recording off on the calling thread. libtorch's grad mode is per thread and
     * on by default, and DJL only switches it off on the thread that started the engine; every
     * other thread that updates parameters in place (training, rendering) must call this first,
     * or libtorch refuses in-place updates of leaf tensors. A GradientCollector turns recording on
     * for its own extent and restores this state when closed.
     */
    public static void disableGradOnThisThread() {
        get();
        ai.djl.pytorch.jni.JniUtils.setGradMode(false);
    }

    /**
     * The PyTorch engine, started once with the default configuration. The first start also makes
     * sure the convolution check ({@link NumericsCheck}) has a verdict for this machine and cap:
     * from the cache, or measured now (well under 100 ms). A failure here, where no restart is
     * possible any more, is said once on stderr; {@code Main} has normally restarted with the
     * safe cap before anything reaches this point.
     */
    public static Engine get() {
        Engine e = engine;
        if (e == null) {
            boolean first = false;
            synchronized (Engines.class) {
                if (engine == null) {
                    configure(0);
                    engine = Engine.getEngine("PyTorch");
                    first = true;
                }
                e = engine;
            }
            if (first) {
                checkNumerics(e);
            }
        }
        return e;
    }

    private static volatile NumericsCheck.Verdict verdict;

    private static synchronized void checkNumerics(Engine e) {
        if (verdict != null) {
            return;
        }
        NumericsCheck.Verdict v = NumericsCheck.verify(e);
        verdict = v;
        if (!v.passed()) {
            System.err.println("warning: libtorch's convolutions disagree with the reference at instruction set "
                    + NumericsCheck.isa() + " (" + v.detail() + "); results may be wrong. Set "
                    + NumericsCheck.ISA_VARIABLE + "=" + SAFE_ISA + " and run again.");
        }
    }

    /** The convolution check's verdict for this process; starts the engine if needed. */
    public static NumericsCheck.Verdict numerics() {
        get();
        return verdict;
    }

    /** The cap oneDNN falls back to when the check fails: SSE4.1, which gave correct results everywhere seen. */
    public static final String SAFE_ISA = "SSE41";

    /** Set by {@code Main} in a restarted child: why the safe cap is in force. */
    public static final String FALLBACK_VARIABLE = "DCGAN_ISA_FALLBACK";

    /**
     * Why this process runs at the safe instruction-set cap, when {@code Main} restarted it there
     * because the check failed; empty otherwise.
     */
    public static java.util.Optional<String> isaFallback() {
        String v = System.getenv(FALLBACK_VARIABLE);
        return v == null || v.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(v);
    }

    /** oneDNN's instruction-set cap, and the reason when it is the fallback, for provenance and bench. */
    public static String isaDescription() {
        return NumericsCheck.isa() + isaFallback().map(r -> " (fallback: " + r + ")").orElse("");
    }
}
