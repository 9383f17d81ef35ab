package io.dcganexplorer.train;

/**
 * Times each step for the run's training time and for images per second. The rate is averaged over
 * the last {@link #WINDOW} steps: a single step's is too noisy to read, the run's whole average too
 * slow to show a change (another program taking the cores, a pause).
 */
final class StepTimer {
    static final int WINDOW = 20;

    private final int batchSize;
    private final double[] recent = new double[WINDOW];
    private int count;
    private long start;

    StepTimer(int batchSize) {
        this.batchSize = batchSize;
    }

    void start() {
        start = System.nanoTime();
    }

    /** Seconds since {@link #start()}, counted as one step. */
    double lap() {
        double seconds = (System.nanoTime() - start) / 1e9;
        recent[count++ % WINDOW] = seconds;
        return seconds;
    }

    /** Real images per second over the recent steps. */
    double imagesPerSecond() {
        double sum = 0;
        int n = Math.min(count, WINDOW);
        for (int i = 0; i < n; i++) {
            sum += recent[i];
        }
        return batchSize * n / sum;
    }
}
