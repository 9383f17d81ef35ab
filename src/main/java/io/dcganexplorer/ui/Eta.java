package io.dcganexplorer.ui;

import io.dcganexplorer.train.Durations;

/** Progress, remaining time and durations for the status bar. */
public final class Eta {
    private Eta() {}

    /**
     * Seconds until {@code budget} steps are done at {@code imagesPerSecond} with {@code batch}
     * images a step; -1 when there is no budget or no speed yet.
     */
    public static double secondsLeft(long step, long budget, double imagesPerSecond, int batch) {
        if (budget <= 0 || !(imagesPerSecond > 0) || batch <= 0) {
            return -1;
        }
        long left = Math.max(0, budget - step);
        return left * (double) batch / imagesPerSecond;
    }

    /** Fraction done, 0 to 1, or -1 without a budget. */
    public static double fraction(long step, long budget) {
        return budget <= 0 ? -1 : Math.min(1, step / (double) budget);
    }

    /** "0:07", "12:05", "3:02:09"; "–" for negative (unknown): {@link Durations#clock}. */
    public static String format(double seconds) {
        return Durations.clock(seconds);
    }
}
