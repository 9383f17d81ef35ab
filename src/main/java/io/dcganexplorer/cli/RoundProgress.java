package io.dcganexplorer.cli;

import io.dcganexplorer.latent.ArithmeticEvaluation;
import io.dcganexplorer.train.Durations;
import java.io.PrintWriter;
import java.util.Locale;

/**
 * The command line's listener for {@code arithmetic --auto --repeat} and {@code --sweep}: the
 * evaluation's lines on stderr, and a progress line "round N of M (elapsed, left ~)" after the
 * first round, at most every 10 seconds of the rounds' time after that, and after the last, so a
 * run of many seeds says how far it is and how long it still takes.
 */
final class RoundProgress implements ArithmeticEvaluation.Listener {
    static final double EVERY_SECONDS = 10;

    private final PrintWriter err;
    private double printedAt = -1;

    RoundProgress(PrintWriter err) {
        this.err = err;
    }

    @Override
    public void say(String line) {
        err.println(line);
        err.flush();
    }

    @Override
    public void progress(ArithmeticEvaluation.Rounds r) {
        if (r.done() <= 0) {
            return;
        }
        boolean last = r.done() >= r.total();
        if (!last && printedAt >= 0 && r.elapsedSeconds() - printedAt < EVERY_SECONDS) {
            return;
        }
        printedAt = r.elapsedSeconds();
        say(String.format(Locale.ROOT, "round %d of %d (elapsed %s, left ~%s)", r.done(), r.total(),
                Durations.clock(r.elapsedSeconds()), Durations.clock(r.secondsLeft())));
    }
}
