package io.dcganexplorer.eval;

/**
 * Numbers a probe's phases and forwards progress to its listener, so that each part of the probe
 * (features, SVMs, supervised training) reports in the same terms without knowing the others.
 */
final class ProbeTracker {
    private final ProbeListener listener;
    private final int tasks;
    private final long t0;
    private int task = -1;
    private String phase;
    private long total;

    /**
     * @param tasks phases in all
     * @param t0 when the probe started (nanoTime)
     */
    ProbeTracker(ProbeListener listener, int tasks, long t0) {
        this.listener = listener;
        this.tasks = tasks;
        this.t0 = t0;
    }

    /** Begins the next phase, of {@code total} units, and reports it at 0. */
    void phase(String name, long total) {
        task++;
        phase = name;
        this.total = total;
        done(0);
    }

    /** {@code done} units of the current phase are done. */
    void done(long done) {
        listener.onProgress(new ProbeProgress(phase, done, total, task, tasks, secs(t0)));
    }

    /** Seconds since {@code t} (nanoTime). */
    static double secs(long t) {
        return (System.nanoTime() - t) / 1e9;
    }
}
