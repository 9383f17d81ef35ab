package io.dcganexplorer.train;

/**
 * IEEE 754 half precision (binary16) by hand: Java 17 has no {@code Float.floatToFloat16}. Rounds
 * to nearest, ties to even, as the hardware and Java 20's method do; values beyond the largest half
 * (65504) become infinity, NaN stays NaN, and tiny values become subnormals or signed zero.
 */
public final class Half {
    private Half() {}

    /** The binary16 bits nearest to {@code f} (ties to even). */
    public static short fromFloat(float f) {
        int bits = Float.floatToRawIntBits(f);
        int sign = (bits >>> 16) & 0x8000;
        int exp = (bits >>> 23) & 0xff;
        int mant = bits & 0x7fffff;
        if (exp == 0xff) {
            // infinity, or NaN kept quiet with a payload bit set so that it stays a NaN
            return (short) (sign | 0x7c00 | (mant != 0 ? 0x200 | (mant >>> 13) : 0));
        }
        int e = exp - 127 + 15;
        if (e >= 0x1f) {
            return (short) (sign | 0x7c00);
        }
        if (e <= 0) {
            if (e < -10) {
                return (short) sign; // below half the smallest subnormal: rounds to zero
            }
            // subnormal: shift the mantissa (with its implicit 1) into place and round
            int m = mant | 0x800000;
            int shift = 14 - e;
            return (short) (sign | roundShift(m, shift));
        }
        // normal: 23 -> 10 mantissa bits; a carry out of the mantissa correctly bumps the exponent
        int h = (e << 10) | (mant >>> 13);
        int rest = mant & 0x1fff;
        if (rest > 0x1000 || (rest == 0x1000 && (h & 1) == 1)) {
            h++;
        }
        return (short) (sign | h);
    }

    /** {@code m >> shift}, rounded to nearest with ties to even. */
    private static int roundShift(int m, int shift) {
        int q = m >>> shift;
        int rest = m & ((1 << shift) - 1);
        int half = 1 << (shift - 1);
        if (rest > half || (rest == half && (q & 1) == 1)) {
            q++;
        }
        return q;
    }

    /** The float that binary16 {@code h} stands for (exact: every half is a float). */
    public static float toFloat(short h) {
        int bits = h & 0xffff;
        int sign = (bits & 0x8000) << 16;
        int exp = (bits >>> 10) & 0x1f;
        int mant = bits & 0x3ff;
        if (exp == 0x1f) {
            return Float.intBitsToFloat(sign | 0x7f800000 | (mant << 13));
        }
        if (exp == 0) {
            float v = mant * 0x1p-24f;
            return sign != 0 ? -v : v;
        }
        return Float.intBitsToFloat(sign | ((exp - 15 + 127) << 23) | (mant << 13));
    }

    /** {@code f} rounded through half precision. */
    public static float round(float f) {
        return toFloat(fromFloat(f));
    }
}
