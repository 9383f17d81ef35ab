package io.dcganexplorer.eval;

/**
 * Progress of a probe.
 *
 * @param phase what runs now, e.g. "BatchNorm statistics", "features: test images",
 *     "D features SVM, 100 labels, draw 2/10"
 * @param done units of this phase done (images, C values or training steps)
 * @param total units of this phase in all (a step budget for supervised training, which may stop early)
 * @param task index of this phase among all the probe's phases, from 0
 * @param tasks number of phases in all (re-estimation, two feature passes, then one per method,
 *     label count and draw)
 * @param elapsedSeconds since the probe started
 */
public record ProbeProgress(String phase, long done, long total, int task, int tasks, double elapsedSeconds) {

    /** Rough share of the whole probe done, 0 to 1: finished phases plus this one's share, equally weighted. */
    public double fraction() {
        double inPhase = total > 0 ? Math.min(1, (double) done / total) : 0;
        return tasks > 0 ? Math.min(1, (task + inPhase) / tasks) : 0;
    }

    /** Seconds left by the rate so far ({@link #fraction}), -1 while unknown. */
    public double secondsLeft() {
        double f = fraction();
        return f > 0.01 ? elapsedSeconds * (1 - f) / f : -1;
    }
}
