package io.dcganexplorer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.dcganexplorer.latent.ArithmeticEvaluation.Rounds;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

class RoundProgressTest {
    @Test
    void printsTheFirstRoundThenAtMostEveryTenSecondsAndTheLastWithTimeLeft() {
        StringWriter out = new StringWriter();
        RoundProgress p = new RoundProgress(new PrintWriter(out));
        p.progress(new Rounds(1, 5, 4)); // 4 s a round: 16 s left
        p.progress(new Rounds(2, 5, 8)); // 4 s after the last line: quiet
        p.progress(new Rounds(3, 5, 14)); // 10 s after the last line
        p.progress(new Rounds(4, 5, 18));
        p.progress(new Rounds(5, 5, 20)); // the last one always
        p.say("done");
        assertEquals(List.of(
                "round 1 of 5 (elapsed 0:04, left ~0:16)",
                "round 3 of 5 (elapsed 0:14, left ~0:09)",
                "round 5 of 5 (elapsed 0:20, left ~0:00)",
                "done"), out.toString().lines().toList());
    }

    @Test
    void nothingBeforeARoundIsDoneAndTheTotalMayShrink() {
        StringWriter out = new StringWriter();
        RoundProgress p = new RoundProgress(new PrintWriter(out));
        p.progress(new Rounds(0, 4, 0)); // a sweep whose first checkpoint was skipped: nothing to say yet
        assertEquals("", out.toString());
        p.progress(new Rounds(1, 4, 5));
        p.progress(new Rounds(1, 4, 10)); // within 10 s of the last line
        p.progress(new Rounds(4, 4, 30));
        assertEquals(List.of(
                "round 1 of 4 (elapsed 0:05, left ~0:15)",
                "round 4 of 4 (elapsed 0:30, left ~0:00)"), out.toString().lines().toList());
    }

    @Test
    void timeLeftIsUnknownBeforeTheFirstRoundAndNeverNegative() {
        assertEquals(-1, new Rounds(0, 4, 3).secondsLeft());
        assertEquals(15, new Rounds(1, 4, 5).secondsLeft(), 1e-9);
        assertEquals(0, new Rounds(5, 4, 5).secondsLeft(), 1e-9);
    }
}
