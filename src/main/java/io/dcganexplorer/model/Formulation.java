package io.dcganexplorer.model;

import java.util.List;
import java.util.Locale;

/**
 * How the networks compute what their parameters define. Every formulation gives the same function
 * of the same named parameters, of the same shapes, so checkpoints move freely between them; they
 * differ only in which libtorch kernels run, which matters where a kernel is wrong on a machine
 * ({@link NumericsCheck}).
 *
 * @param name short name for provenance, {@code bench} and messages
 * @param logitAsMatmul D's last stage, a 4x4 valid convolution of a 4x4 map to one logit, computed
 *     as the dense layer it is ({@code (N, C*16) x (C*16, 1)}, the paper's "flattened and fed into a
 *     single sigmoid output") instead of a convolution: on some machines oneDNN's blocked-layout
 *     convolution returns a wrong input gradient for exactly this geometry
 */
public record Formulation(String name, boolean logitAsMatmul) {

    /** The convolutions as written (pytorch/examples' layers). */
    public static final Formulation CONVOLUTIONS = new Formulation("convolutions", false);

    /** D's logit as a matrix multiply. */
    public static final Formulation LOGIT_MATMUL = new Formulation("logit-matmul", true);

    /** In the order the check tries them: the first that agrees with float64 is used. */
    public static final List<Formulation> ALL = List.of(CONVOLUTIONS, LOGIT_MATMUL);

    /** The formulation called {@code name}. */
    public static Formulation named(String name) {
        for (Formulation f : ALL) {
            if (f.name.equals(name.trim().toLowerCase(Locale.ROOT))) {
                return f;
            }
        }
        throw new IllegalArgumentException("no formulation '" + name + "'; known: "
                + ALL.stream().map(Formulation::name).toList());
    }

    @Override
    public String toString() {
        return name;
    }
}
