package io.dcganexplorer.latent;

import io.dcganexplorer.latent.ArithmeticEvaluation.Listener;
import io.dcganexplorer.latent.ArithmeticEvaluation.Rounds;

/**
 * Counts an evaluation's rounds (one seed on one checkpoint) and tells the listener after each.
 * Its clock starts at the first round, not when counting starts, so that loading the scorer and
 * fitting the probes do not inflate the time left. Not thread-safe, like the evaluation.
 */
final class RoundClock {
    private final Listener listener;
    private long done;
    private long total;
    /** When the first round began (nanoTime), or -1 before. */
    private long start = -1;

    RoundClock(Listener listener) {
        this.listener = listener;
    }

    /** Starts counting afresh towards {@code total} rounds; the clock waits for the first round. */
    void reset(long total) {
        done = 0;
        this.total = total;
        start = -1;
    }

    /** A round begins: the clock starts now unless it already runs. */
    void roundBegins() {
        if (start < 0) {
            start = System.nanoTime();
        }
    }

    /** A round is done; the listener hears of it. */
    void roundDone() {
        done++;
        listener.progress(rounds());
    }

    /** {@code n} rounds will not run after all (a skipped checkpoint); the listener hears of the smaller total. */
    void skip(long n) {
        total -= n;
        listener.progress(rounds());
    }

    /** Where the count stands now. */
    Rounds rounds() {
        return new Rounds(done, total, start < 0 ? 0 : (System.nanoTime() - start) / 1e9);
    }
}
