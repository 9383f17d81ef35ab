package io.dcganexplorer.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class HalfTest {
    private static void bits(int expected, float f) {
        assertEquals(expected, Half.fromFloat(f) & 0xffff, () -> f + " -> 0x" + Integer.toHexString(
                Half.fromFloat(f) & 0xffff) + ", expected 0x" + Integer.toHexString(expected));
    }

    @Test
    void knownValuesMatchIeeeBinary16() {
        bits(0x0000, 0f);
        bits(0x8000, -0f);
        bits(0x3c00, 1f);
        bits(0xc000, -2f);
        bits(0x3555, 1f / 3);
        bits(0x2e66, 0.1f);
        bits(0x7bff, 65504f); // largest half
        bits(0x7bff, 65519f); // below the midpoint to 65536: rounds down
        bits(0x7c00, 65520f); // the midpoint ties to even, which is the overflow to infinity
        bits(0x7c00, Float.POSITIVE_INFINITY);
        bits(0xfc00, Float.NEGATIVE_INFINITY);
        bits(0x0400, 0x1p-14f); // smallest normal
        bits(0x0001, 0x1p-24f); // smallest subnormal
        bits(0x0000, 0x1p-25f); // half of it ties to even: zero
        bits(0x0001, 0x1.8p-25f); // above the midpoint
        bits(0x03ff, 0x1.ff8p-15f); // largest subnormal
        bits(0x0400, 0x1.ffcp-15f); // a subnormal that rounds up into the normals
    }

    @Test
    void tiesRoundToEven() {
        bits(0x3c00, 1f + 0x1p-11f); // halfway between 0x3c00 and 0x3c01: the even one
        bits(0x3c02, 1f + 0x3p-11f); // halfway between 0x3c01 and 0x3c02: the even one
        bits(0x3c01, 1f + 0x1p-11f + 0x1p-20f); // just above halfway
        bits(0x4000, 2f - 0x1p-12f); // carry out of the mantissa bumps the exponent
    }

    @Test
    void nanStaysNanAndEveryHalfRoundTrips() {
        assertTrue(Float.isNaN(Half.toFloat(Half.fromFloat(Float.NaN))));
        for (int h = 0; h < 0x10000; h++) {
            float f = Half.toFloat((short) h);
            if (Float.isNaN(f)) {
                continue;
            }
            assertEquals(h, Half.fromFloat(f) & 0xffff, "0x" + Integer.toHexString(h));
        }
        assertEquals(65504f, Half.toFloat((short) 0x7bff));
        assertEquals(0x1p-24f, Half.toFloat((short) 0x0001));
    }

    @Test
    void randomFloatsGoToTheNearestHalf() {
        Random r = new Random(7);
        for (int i = 0; i < 200_000; i++) {
            float f = (float) (r.nextGaussian() * Math.pow(10, r.nextInt(9) - 6));
            short h = Half.fromFloat(f);
            double err = Math.abs(Half.toFloat(h) - (double) f);
            // neither neighbour of the result is closer (a NaN neighbour, past the ends, never is)
            double up = Math.abs(Half.toFloat((short) (h + 1)) - (double) f);
            double down = Math.abs(Half.toFloat((short) (h - 1)) - (double) f);
            assertTrue(!(up < err) && !(down < err), f + " -> " + Half.toFloat(h));
        }
    }
}
