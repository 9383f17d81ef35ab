package io.dcganexplorer.cli;

import io.dcganexplorer.train.Durations;
import io.dcganexplorer.train.StepMetrics;
import io.dcganexplorer.train.TrainingListener;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;

/**
 * Shows training progress on stderr. On a terminal: one progress bar line, redrawn at most five
 * times a second. Elsewhere (CI logs, pipes): one plain line every 10 seconds or 100 steps, plus
 * the first and the last step, each with the process's resident memory, so a log shows both
 * progress and any native memory growth.
 */
final class ProgressPrinter implements TrainingListener {
    private static final long REDRAW_NANOS = 200_000_000L;
    private static final long LOG_NANOS = 10_000_000_000L;
    private static final int LOG_STEPS = 100;
    private static final int BAR = 20;

    private final PrintWriter err;
    private final boolean terminal;
    private final long totalSteps;
    private final IntSupplier batchSize;
    private final LongSupplier clock;
    private final long startNanos;
    private long lastPrintNanos;
    private boolean barShown;

    /**
     * @param totalSteps the step budget, 0 for none (no percentage or ETA then)
     * @param batchSize the run's batch size, read at each step (a dataset smaller than a batch makes
     *     the trainer choose a smaller one when it starts)
     * @param clock nanosecond clock ({@code System::nanoTime} outside tests)
     */
    ProgressPrinter(PrintWriter err, boolean terminal, long totalSteps, IntSupplier batchSize, LongSupplier clock) {
        this.err = err;
        this.terminal = terminal;
        this.totalSteps = totalSteps;
        this.batchSize = batchSize;
        this.clock = clock;
        this.startNanos = clock.getAsLong();
        this.lastPrintNanos = startNanos - LOG_NANOS;
    }

    @Override
    public synchronized void onStep(StepMetrics m) {
        long now = clock.getAsLong();
        boolean last = totalSteps > 0 && m.step() >= totalSteps;
        if (terminal) {
            if (last || now - lastPrintNanos >= REDRAW_NANOS) {
                lastPrintNanos = now;
                err.print("\r" + bar(m) + " " + fields(m, now) + "\u001b[K");
                err.flush();
                barShown = true;
            }
        } else if (last || m.step() % LOG_STEPS == 0 || now - lastPrintNanos >= LOG_NANOS) {
            lastPrintNanos = now;
            err.println("step " + stepText(m) + " " + fields(m, now) + String.format(Locale.ROOT, " rss %d MB",
                    ProcessMemory.rssMb()));
            err.flush();
        }
    }

    /** "warning: ..." on a line of its own, after the progress bar's line if one is shown. */
    @Override
    public synchronized void onWarning(String message) {
        if (barShown) {
            err.println();
            barShown = false;
        }
        err.println("warning: " + message);
        err.flush();
    }

    /** Ends the progress bar's line so that what follows starts on a fresh one. */
    synchronized void finish() {
        if (barShown) {
            err.println();
            err.flush();
            barShown = false;
        }
    }

    private String bar(StepMetrics m) {
        StringBuilder sb = new StringBuilder("[");
        int filled = totalSteps > 0 ? (int) Math.min(BAR, m.step() * BAR / totalSteps) : 0;
        sb.append("#".repeat(filled)).append("-".repeat(BAR - filled)).append("] ").append(stepText(m));
        return sb.toString();
    }

    private String stepText(StepMetrics m) {
        if (totalSteps <= 0) {
            return Long.toString(m.step());
        }
        return String.format(Locale.ROOT, "%d/%d %3d%%", m.step(), totalSteps, m.step() * 100 / totalSteps);
    }

    String fields(StepMetrics m, long now) {
        double elapsed = (now - startNanos) / 1e9;
        String eta = "-";
        if (totalSteps > 0 && m.imagesPerSecond() > 0) {
            eta = Durations.clock((totalSteps - m.step()) * (double) batchSize.getAsInt() / m.imagesPerSecond());
        }
        return String.format(Locale.ROOT,
                "Loss_D %.4f Loss_G %.4f D(x) %.4f D(G(z)) %.4f / %.4f %.1f img/s elapsed %s ETA %s",
                m.lossD(), m.lossG(), m.dReal(), m.dFakeBefore(), m.dFakeAfter(), m.imagesPerSecond(),
                Durations.clock(elapsed), eta);
    }

}
