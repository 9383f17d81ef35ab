package io.dcganexplorer.model;

/**
 * A small, seedable random generator whose whole state is one {@code long} (SplitMix64), so it
 * can be stored in a checkpoint and resumed exactly, and whose output is the same on every JVM.
 * Not thread-safe: each thread or purpose gets its own, split from a seed.
 */
public final class Rng {
    private long state;

    public Rng(long seed) {
        this.state = seed;
    }

    /** A generator for a named purpose, independent of others drawn from the same seed. */
    public static Rng forPurpose(long seed, String purpose) {
        return new Rng(mix(seed ^ mix(purpose.hashCode() * 0x632BE59BD9B4E019L)));
    }

    public long state() {
        return state;
    }

    public void setState(long s) {
        state = s;
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    public long nextLong() {
        state += 0x9E3779B97F4A7C15L;
        return mix(state);
    }

    /** Uniform in [0, 1). */
    public double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    /** Uniform in [lo, hi). */
    public float uniform(float lo, float hi) {
        return (float) (lo + (hi - lo) * nextDouble());
    }

    /** Standard normal by Box-Muller; uses two draws and keeps no spare, so state stays one long. */
    public float gaussian() {
        double u1 = nextDouble();
        double u2 = nextDouble();
        double r = Math.sqrt(-2.0 * Math.log(1.0 - u1));
        return (float) (r * Math.cos(2.0 * Math.PI * u2));
    }

    /** {@code n} latent vectors of dimension {@code dim} from the prior, row-major. */
    public float[] latent(int n, int dim, ZPrior prior) {
        float[] z = new float[n * dim];
        for (int i = 0; i < z.length; i++) {
            z[i] = prior == ZPrior.UNIFORM ? uniform(-1f, 1f) : gaussian();
        }
        return z;
    }
}
