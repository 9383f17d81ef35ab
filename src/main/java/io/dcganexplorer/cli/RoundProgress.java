package io.dcganexplorer.cli;

import io.dcganexplorer.latent.ArithmeticEvaluation;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * The command line's listener for {@code arithmetic --auto --repeat} and {@code --sweep}: the
 * evaluation's lines on stderr, and a progress line "round N of M (elapsed, left ~)" after the
 * first round, at most every 10 seconds after that, and after the last, so a run of many seeds
 * says how far it is and how long it still takes. The clock starts at the first report of 0
 * rounds done (the evaluation sends one when its probes are fitted), so the time left is not
 * inflated by loading and fitting.
 */
final class RoundProgress implements ArithmeticEvaluation.Listener {
    static final long EVERY_NANOS = 10_000_000_000L;

    private final PrintWriter err;
    private final LongSupplier clock;
    private long start;
    private boolean roundDone;
    private long lastPrinted = Long.MIN_VALUE;

    /** @param clock nanosecond clock ({@code System::nanoTime} outside tests), read now for the start */
    RoundProgress(PrintWriter err, LongSupplier clock) {
        this.err = err;
        this.clock = clock;
        this.start = clock.getAsLong();
    }

    @Override
    public void say(String line) {
        err.println(line);
        err.flush();
    }

    @Override
    public void progress(long done, long total) {
        long now = clock.getAsLong();
        if (done <= 0 || total <= 0) {
            if (!roundDone) {
                start = now; // the rounds start now: what came before was loading and fitting
            }
            return;
        }
        roundDone = true;
        boolean last = done >= total;
        if (!last && lastPrinted != Long.MIN_VALUE && now - lastPrinted < EVERY_NANOS) {
            return;
        }
        lastPrinted = now;
        double elapsed = (now - start) / 1e9;
        double left = elapsed / done * (total - done);
        say(String.format(Locale.ROOT, "round %d of %d (elapsed %s, left ~%s)", done, total,
                ProgressPrinter.duration(elapsed), ProgressPrinter.duration(left)));
    }
}
