package io.dcganexplorer.ui;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class SmoothingAndEtaTest {

    @Test
    void zeroSmoothingIsTheIdentity() {
        double[] in = {3, 1, 4, 1, 5};
        assertArrayEquals(in, Smoothing.ema(in, 0), 0);
    }

    @Test
    void emaIsDebiasedSoAConstantStaysConstant() {
        double[] out = Smoothing.ema(new double[] {2, 2, 2, 2}, 0.9);
        assertArrayEquals(new double[] {2, 2, 2, 2}, out, 1e-12);
        // 0.5: e1 = 0.5*1 = .5 -> /0.5 = 1; e2 = .25 + .5*3 = 1.75 -> /0.75 = 2.333...
        double[] two = Smoothing.ema(new double[] {1, 3}, 0.5);
        assertEquals(1, two[0], 1e-12);
        assertEquals(1.75 / 0.75, two[1], 1e-12);
    }

    @Test
    void aNanPointDoesNotPoisonTheRestAndTheRangeIsChecked() {
        double[] out = Smoothing.ema(new double[] {1, Double.NaN, 1}, 0.5);
        assertEquals(1, out[0], 1e-12);
        assertEquals(Double.NaN, out[1]);
        assertEquals(1, out[2], 1e-12);
        assertThrows(IllegalArgumentException.class, () -> Smoothing.ema(new double[1], 1.0));
    }

    @Test
    void etaFromStepsLeftBatchAndSpeed() {
        // 100 steps left, 64 images a step at 128 images/s -> 50 s
        assertEquals(50, Eta.secondsLeft(100, 200, 128, 64), 1e-9);
        assertEquals(-1, Eta.secondsLeft(100, 0, 128, 64));
        assertEquals(-1, Eta.secondsLeft(0, 200, 0, 64));
        assertEquals(0, Eta.secondsLeft(300, 200, 128, 64));
        assertEquals(0.5, Eta.fraction(100, 200));
        assertEquals(-1, Eta.fraction(100, 0));
        assertEquals("0:50", Eta.format(50));
        assertEquals("12:05", Eta.format(725));
        assertEquals("3:02:09", Eta.format(3 * 3600 + 129));
        assertEquals("–", Eta.format(-1));
    }
}
