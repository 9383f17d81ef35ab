package io.dcganexplorer.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DownsampledSeriesTest {

    @Test
    void keepsEveryStepWhileThereIsRoom() {
        DownsampledSeries s = new DownsampledSeries(8, 2);
        for (int i = 1; i <= 7; i++) {
            s.add(i, i, -i);
        }
        assertEquals(7, s.size());
        assertEquals(1, s.bucketSize());
        assertEquals(3, s.step(2));
        assertEquals(-3, s.value(1, 2));
    }

    @Test
    void mergesAdjacentPairsWhenFullSoTheWholeRunStaysInBoundedPoints() {
        DownsampledSeries s = new DownsampledSeries(8, 1);
        for (int i = 1; i <= 8; i++) {
            s.add(i, i);
        }
        // full at 8: pairs (1,2) (3,4) (5,6) (7,8) -> means 1.5, 3.5, 5.5, 7.5 at the later step
        assertEquals(4, s.size());
        assertEquals(2, s.bucketSize());
        assertEquals(2, s.step(0));
        assertEquals(1.5, s.value(0, 0));
        assertEquals(7.5, s.value(0, 3));
        s.add(9, 9);
        // the still-filling bucket is shown as the newest point
        assertEquals(5, s.size());
        assertEquals(9, s.step(4));
        assertEquals(9, s.value(0, 4));
        s.add(10, 10);
        assertEquals(5, s.size());
        assertEquals(9.5, s.value(0, 4));
    }

    @Test
    void neverExceedsCapacityAndCoversTheFirstAndLastStep() {
        DownsampledSeries s = new DownsampledSeries(1000, 4);
        double sum = 0;
        for (int i = 1; i <= 100_000; i++) {
            s.add(i, i, 0, 0, 0);
            sum += i;
            assertTrue(s.size() <= 1000, "size " + s.size() + " at step " + i);
        }
        assertEquals(100_000, s.added());
        assertEquals(100_000, s.step(s.size() - 1));
        assertTrue(s.size() >= 500);
        // every raw value is represented with its weight: the weighted mean is the true mean
        double weighted = 0;
        long covered = 0;
        for (int i = 0; i < s.size(); i++) {
            long prev = i == 0 ? 0 : s.step(i - 1);
            long n = s.step(i) - prev;
            weighted += s.value(0, i) * n;
            covered += n;
        }
        assertEquals(100_000, covered);
        assertEquals(sum / 100_000, weighted / covered, 1e-6);
    }

    @Test
    void clearStartsOverAndWrongArityIsRefused() {
        DownsampledSeries s = new DownsampledSeries(4, 2);
        for (int i = 0; i < 20; i++) {
            s.add(i, 1, 2);
        }
        s.clear();
        assertEquals(0, s.size());
        assertEquals(1, s.bucketSize());
        assertThrows(IllegalArgumentException.class, () -> s.add(1, 1));
        assertThrows(IllegalArgumentException.class, () -> new DownsampledSeries(5, 1));
    }
}
