package io.dcganexplorer.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import java.util.Locale;

/**
 * A broken convolution kernel on demand, so that the numerics check, the route around a broken
 * primitive and the instruction-set cap can be tested on a healthy machine. {@code
 * -Ddcgan.numerics.simulate=MODE}, read on each use:
 *
 * <ul>
 *   <li>{@code logit}: what the faulty machines do (see {@link NumericsCheck}): D's 4x4 -> 1 logit
 *       convolution returns an input gradient 30% too large when its activations are in the blocked
 *       NCHW layout (one-channel images), at any instruction set but SSE4.1. The forward and the
 *       weight gradient stay right, as they did there. {@link Formulation#LOGIT_MATMUL} avoids it.
 *   <li>{@code convolutions}: every convolution of D has that wrong input gradient, in every
 *       formulation, below SSE4.1's cap: only capping the instruction set helps.
 * </ul>
 *
 * Float64 networks (the check's reference) are never affected, as oneDNN never runs them.
 */
public final class SimulatedFault {
    /** The system property that switches a simulated fault on. */
    public static final String PROPERTY = "dcgan.numerics.simulate";

    /** How far off the simulated input gradient is. */
    static final float ERROR = 0.3f;

    private SimulatedFault() {}

    /** The simulation in force ("" for none), part of every verdict's cache key. */
    public static String mode() {
        String m = System.getProperty(PROPERTY, "").trim().toLowerCase(Locale.ROOT);
        if (!m.isEmpty() && !m.equals("logit") && !m.equals("convolutions")) {
            throw new IllegalArgumentException("-D" + PROPERTY + " must be logit or convolutions, not '" + m + "'");
        }
        return m;
    }

    private static boolean active(String which, DataType type) {
        return type != DataType.FLOAT64 && which.equals(mode()) && !"SSE41".equalsIgnoreCase(Numerics.isa());
    }

    static boolean brokenLogit(boolean blockedLayout, DataType type) {
        return blockedLayout && active("logit", type);
    }

    static boolean brokenConvolutions(DataType type) {
        return active("convolutions", type);
    }

    /**
     * {@code y = conv(x, w)} with its input gradient made {@code 1 + ERROR} times too large:
     * {@code y + ERROR * (y - conv(x.detach(), w))} has y's value and weight gradient, and
     * {@code (1 + ERROR) dx}.
     */
    static NDArray wrongInputGradient(NDArray y, NDArray x, NDArray w, int stride, int padding) {
        NDArray detached = Ops.conv2d(x.stopGradient(), w, stride, padding);
        return y.add(y.sub(detached).mul(ERROR));
    }
}
