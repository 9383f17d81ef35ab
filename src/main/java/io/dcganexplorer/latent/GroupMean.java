package io.dcganexplorer.latent;

import java.util.List;

/**
 * How a group of exemplar vectors becomes the one vector of the paper's arithmetic
 * {@code Y = mean(A) - mean(B) + mean(C)}.
 *
 * <p>The plain mean of K draws from the prior is about sqrt(K) times shorter than any of them, so
 * the averaged Y of three groups of three has about the norm of one sample, while the single
 * exemplars' {@code a - b + c} has about sqrt(3) times that. The generator draws an attribute more
 * strongly further out, so the plain comparison of the two also compares two radii: on the 64x64
 * faces-v3 run, G rendered the single Y at the averaged Y's norm as often as the averaged Y
 * (0.621 vs 0.617 of results, 8 checkpoints; docs/experiments/face-arithmetic-09-norm-of-y.md).
 */
public enum GroupMean {
    /** The element-wise mean, as the paper writes it. */
    PLAIN,
    /** The mean's direction at its members' average norm: what averaging changes, at the length of one exemplar. */
    RESCALED;

    /** The vector that stands for {@code members}; for one member, that member (both ways). */
    public float[] of(List<float[]> members) {
        float[] mean = Latent.mean(members);
        if (this == PLAIN) {
            return mean;
        }
        double length = 0;
        for (float[] m : members) {
            length += Latent.norm(m);
        }
        length /= members.size();
        double n = Latent.norm(mean);
        if (n == 0) {
            return mean; // opposite members: no direction to keep
        }
        float[] out = new float[mean.length];
        for (int i = 0; i < mean.length; i++) {
            out[i] = (float) (mean[i] * (length / n));
        }
        return out;
    }

    /** {@code of(a) - of(b) + of(c)}. */
    public float[] arithmetic(List<float[]> a, List<float[]> b, List<float[]> c) {
        return Latent.arithmetic(of(a), of(b), of(c));
    }

    /** {@code of(p) - of(q)}: the change one group's mean makes from another's. */
    public float[] direction(List<float[]> p, List<float[]> q) {
        float[] mp = of(p);
        return Latent.arithmetic(mp, of(q), new float[mp.length]);
    }

    /** The name used on the command line and in reports. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
