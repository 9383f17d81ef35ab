package io.dcganexplorer.eval;

/**
 * What a {@link RepresentationProbe} tells its caller while it works, and how the caller stops it.
 * Every method is called on the probe's own thread (a UI hands the values over to its own thread).
 */
public interface ProbeListener {
    /** Reports nothing and never cancels. */
    ProbeListener NONE = new ProbeListener() {};

    /** Where the probe stands; called after every batch or fit. */
    default void onProgress(ProbeProgress progress) {}

    /** One method's result on one label draw, as soon as it is known. */
    default void onDrawResult(RepresentationProbe.DrawResult result) {}

    /**
     * Polled between batches and between SVM fits; true stops the probe, which then throws
     * {@link java.util.concurrent.CancellationException} having released everything native.
     */
    default boolean isCancelled() {
        return false;
    }
}
