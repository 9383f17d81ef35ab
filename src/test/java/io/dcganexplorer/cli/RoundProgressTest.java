package io.dcganexplorer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RoundProgressTest {
    private static final long SECOND = 1_000_000_000L;

    @Test
    void printsTheFirstRoundThenAtMostEveryTenSecondsAndTheLastWithTimeLeft() {
        StringWriter out = new StringWriter();
        AtomicLong now = new AtomicLong(5 * SECOND);
        RoundProgress p = new RoundProgress(new PrintWriter(out), now::get);
        now.addAndGet(4 * SECOND);
        p.progress(1, 5); // 4 s a round: 16 s left
        now.addAndGet(4 * SECOND);
        p.progress(2, 5); // 4 s after the last line: quiet
        now.addAndGet(6 * SECOND);
        p.progress(3, 5); // 10 s after the last line
        now.addAndGet(4 * SECOND);
        p.progress(4, 5);
        now.addAndGet(2 * SECOND);
        p.progress(5, 5); // the last one always
        p.say("done");
        assertEquals(List.of(
                "round 1 of 5 (elapsed 0:04, left ~0:16)",
                "round 3 of 5 (elapsed 0:14, left ~0:09)",
                "round 5 of 5 (elapsed 0:20, left ~0:00)",
                "done"), out.toString().lines().toList());
    }

    @Test
    void theClockStartsWhenTheRoundsDoNotWhenLoadingDid() {
        StringWriter out = new StringWriter();
        AtomicLong now = new AtomicLong(0);
        RoundProgress p = new RoundProgress(new PrintWriter(out), now::get);
        now.set(60 * SECOND); // a minute of loading the scorer and fitting the probes
        p.progress(0, 4); // the rounds start: nothing printed
        assertEquals("", out.toString());
        now.addAndGet(5 * SECOND);
        p.progress(1, 4);
        now.addAndGet(5 * SECOND);
        p.progress(1, 4); // a sweep's next checkpoint starts: the clock keeps running
        p.progress(0, 0);
        now.addAndGet(20 * SECOND);
        p.progress(4, 4);
        assertEquals(List.of(
                "round 1 of 4 (elapsed 0:05, left ~0:15)",
                "round 4 of 4 (elapsed 0:30, left ~0:00)"), out.toString().lines().toList());
    }
}
