package io.dcganexplorer.latent;

import io.dcganexplorer.model.Rng;
import java.util.ArrayList;
import java.util.List;

/**
 * Arithmetic on latent vectors (plain {@code float[]}): walks (paper Fig. 4), exemplar means and
 * the arithmetic grid (Fig. 7), directions (Fig. 8) and principal directions. No NDArray here:
 * this runs anywhere, the UI thread included.
 */
public final class Latent {
    private Latent() {}

    /** {@code (1 - t) a + t b}. */
    public static float[] lerp(float[] a, float[] b, float t) {
        check(a, b);
        float[] out = new float[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = (1 - t) * a[i] + t * b[i];
        }
        return out;
    }

    /**
     * Spherical interpolation: follows the great circle between the directions of {@code a} and
     * {@code b}, with the norm interpolated linearly, so intermediate points keep the typical norm
     * of samples from a Gaussian prior instead of cutting through the low-norm middle. Falls back
     * to {@link #lerp} when the two are (anti)parallel, where the circle is undefined.
     */
    public static float[] slerp(float[] a, float[] b, float t) {
        check(a, b);
        double na = norm(a);
        double nb = norm(b);
        if (na == 0 || nb == 0) {
            return lerp(a, b, t);
        }
        double cos = dot(a, b) / (na * nb);
        cos = Math.max(-1, Math.min(1, cos));
        double omega = Math.acos(cos);
        if (Math.abs(Math.sin(omega)) < 1e-6) {
            return lerp(a, b, t);
        }
        double s = Math.sin(omega);
        double wa = Math.sin((1 - t) * omega) / s;
        double wb = Math.sin(t * omega) / s;
        double targetNorm = (1 - t) * na + t * nb;
        float[] out = new float[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = (float) ((wa * a[i] / na + wb * b[i] / nb) * targetNorm);
        }
        return out;
    }

    /** How a walk moves between its points. */
    public enum Mode {
        LINEAR,
        SPHERICAL
    }

    /**
     * A walk through {@code points} in order with {@code frames} frames in total, evenly spread
     * over the segments, starting exactly at the first point and ending exactly at the last.
     */
    public static List<float[]> walk(List<float[]> points, int frames, Mode mode) {
        if (points.size() < 2) {
            throw new IllegalArgumentException("a walk needs at least 2 points, got " + points.size());
        }
        if (frames < points.size()) {
            throw new IllegalArgumentException("a walk through " + points.size() + " points needs at least "
                    + points.size() + " frames, got " + frames);
        }
        int segments = points.size() - 1;
        List<float[]> out = new ArrayList<>(frames);
        for (int f = 0; f < frames; f++) {
            double pos = (double) f * segments / (frames - 1);
            int seg = Math.min((int) Math.floor(pos), segments - 1);
            float t = (float) (pos - seg);
            float[] a = points.get(seg);
            float[] b = points.get(seg + 1);
            out.add(mode == Mode.LINEAR ? lerp(a, b, t) : slerp(a, b, t));
        }
        return out;
    }

    /** Element-wise mean of one or more vectors. */
    public static float[] mean(List<float[]> vectors) {
        if (vectors.isEmpty()) {
            throw new IllegalArgumentException("the mean of no vectors is undefined");
        }
        float[] out = new float[vectors.get(0).length];
        for (float[] v : vectors) {
            check(out, v);
            for (int i = 0; i < v.length; i++) {
                out[i] += v[i];
            }
        }
        for (int i = 0; i < out.length; i++) {
            out[i] /= vectors.size();
        }
        return out;
    }

    /** {@code a - b + c}, the paper's vector arithmetic on (mean) exemplars. */
    public static float[] arithmetic(float[] a, float[] b, float[] c) {
        check(a, b);
        check(a, c);
        float[] out = new float[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = a[i] - b[i] + c[i];
        }
        return out;
    }

    /**
     * The strengths of a line along a direction (paper Fig. 8): {@code frames} values evenly from
     * {@code -max} to {@code +max} (odd counts include 0).
     */
    public static float[] strengths(double max, int frames) {
        if (frames < 2) {
            throw new IllegalArgumentException("a line needs at least 2 frames, not " + frames);
        }
        float[] s = new float[frames];
        for (int i = 0; i < frames; i++) {
            s[i] = (float) (-max + 2 * max * i / (frames - 1));
        }
        return s;
    }

    /** {@code z + strength * direction}. */
    public static float[] add(float[] z, float[] direction, float strength) {
        check(z, direction);
        float[] out = new float[z.length];
        for (int i = 0; i < z.length; i++) {
            out[i] = z[i] + strength * direction[i];
        }
        return out;
    }

    /** {@code mean(p) - mean(q)}: the paper's "turn" vector from left- minus right-facing samples. */
    public static float[] direction(List<float[]> p, List<float[]> q) {
        float[] mp = mean(p);
        return arithmetic(mp, mean(q), new float[mp.length]);
    }

    /**
     * The paper's 3x3 result grid: {@code y} in the centre (index 4) and eight neighbours
     * {@code y + u}, u uniform in [-scale, scale] per dimension, drawn from {@code seed}.
     */
    public static List<float[]> noiseGrid(float[] y, float scale, long seed) {
        Rng rng = new Rng(seed);
        List<float[]> out = new ArrayList<>(9);
        for (int k = 0; k < 9; k++) {
            float[] v = y.clone();
            if (k != 4) {
                for (int i = 0; i < v.length; i++) {
                    v[i] += rng.uniform(-scale, scale);
                }
            }
            out.add(v);
        }
        return out;
    }

    /**
     * The top {@code k} principal directions (unit vectors) of the given samples, by power
     * iteration with deflation on their covariance; deterministic for the same input. Fewer than
     * {@code k} when the samples span fewer dimensions (at most one fewer than there are samples).
     */
    public static List<float[]> principalDirections(List<float[]> samples, int k) {
        int d = samples.get(0).length;
        float[] mu = mean(samples);
        double[][] cov = new double[d][d];
        for (float[] s : samples) {
            for (int i = 0; i < d; i++) {
                double di = s[i] - mu[i];
                for (int j = i; j < d; j++) {
                    cov[i][j] += di * (s[j] - mu[j]);
                }
            }
        }
        for (int i = 0; i < d; i++) {
            for (int j = i; j < d; j++) {
                cov[i][j] /= Math.max(1, samples.size() - 1);
                cov[j][i] = cov[i][j];
            }
        }
        List<float[]> out = new ArrayList<>();
        List<double[]> found = new ArrayList<>();
        double firstLambda = 0;
        Rng rng = new Rng(12345);
        for (int c = 0; c < Math.min(k, d); c++) {
            double[] v = new double[d];
            for (int i = 0; i < d; i++) {
                v[i] = rng.gaussian();
            }
            double lambda = 0;
            for (int it = 0; it < 200; it++) {
                double[] w = new double[d];
                for (int i = 0; i < d; i++) {
                    double s = 0;
                    for (int j = 0; j < d; j++) {
                        s += cov[i][j] * v[j];
                    }
                    w[i] = s;
                }
                // Keep to the complement of the directions found: rounding left in the deflated
                // covariance must not lead back to them.
                for (double[] u : found) {
                    double p = 0;
                    for (int i = 0; i < d; i++) {
                        p += w[i] * u[i];
                    }
                    for (int i = 0; i < d; i++) {
                        w[i] -= p * u[i];
                    }
                }
                double n = Math.sqrt(java.util.Arrays.stream(w).map(x -> x * x).sum());
                if (n == 0) {
                    lambda = 0;
                    break;
                }
                for (int i = 0; i < d; i++) {
                    v[i] = w[i] / n;
                }
                lambda = n;
            }
            if (lambda <= 1e-9 * Math.max(firstLambda, 1e-30) || lambda == 0) {
                break; // no spread left: fewer directions than asked for
            }
            if (c == 0) {
                firstLambda = lambda;
            }
            found.add(v);
            float[] f = new float[d];
            for (int i = 0; i < d; i++) {
                f[i] = (float) v[i];
            }
            out.add(f);
            for (int i = 0; i < d; i++) {
                for (int j = 0; j < d; j++) {
                    cov[i][j] -= lambda * v[i] * v[j];
                }
            }
        }
        return out;
    }

    public static double norm(float[] a) {
        return Math.sqrt(dot(a, a));
    }

    public static double dot(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += (double) a[i] * b[i];
        }
        return s;
    }

    private static void check(float[] a, float[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("latent vectors differ in size: " + a.length + " and " + b.length);
        }
    }
}
