package io.dcganexplorer.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The one clock format the window and the command line share. */
class DurationsTest {
    @Test
    void durationsReadLikeClocks() {
        assertEquals("0:00", Durations.clock(0.2));
        assertEquals("1:15", Durations.clock(75));
        assertEquals("59:59", Durations.clock(3599));
        assertEquals("1:02:05", Durations.clock(3725));
    }

    @Test
    void unknownTimeIsADashNotZero() {
        assertEquals("–", Durations.clock(-1));
        assertEquals("–", Durations.clock(Double.NaN));
        assertEquals("–", Durations.clock(Double.POSITIVE_INFINITY));
    }
}
