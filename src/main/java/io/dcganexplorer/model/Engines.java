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

    /** The PyTorch engine, started once with the default configuration. */
    public static Engine get() {
        Engine e = engine;
        if (e == null) {
            synchronized (Engines.class) {
                if (engine == null) {
                    configure(0);
                    engine = Engine.getEngine("PyTorch");
                }
                e = engine;
            }
        }
        return e;
    }
}
