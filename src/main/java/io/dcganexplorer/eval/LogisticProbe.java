package io.dcganexplorer.eval;

/**
 * L2-regularised logistic regression on standardised features, trained by full-batch Adam in
 * plain Java: the linear probe of paper section 5, small enough to need no library.
 */
public final class LogisticProbe {
    private final double[] mean;
    private final double[] scale;
    private final double[] w;
    private double b;

    private LogisticProbe(double[] mean, double[] scale, double[] w, double b) {
        this.mean = mean;
        this.scale = scale;
        this.w = w;
        this.b = b;
    }

    /**
     * @param x feature rows
     * @param y labels
     * @param l2 weight decay
     * @param epochs full passes
     */
    public static LogisticProbe fit(float[][] x, boolean[] y, double l2, int epochs) {
        int n = x.length;
        int f = x[0].length;
        double[] mean = new double[f];
        double[] scale = new double[f];
        for (float[] row : x) {
            for (int j = 0; j < f; j++) {
                mean[j] += row[j];
            }
        }
        for (int j = 0; j < f; j++) {
            mean[j] /= n;
        }
        for (float[] row : x) {
            for (int j = 0; j < f; j++) {
                double d = row[j] - mean[j];
                scale[j] += d * d;
            }
        }
        for (int j = 0; j < f; j++) {
            double sd = Math.sqrt(scale[j] / n);
            scale[j] = sd > 1e-8 ? 1 / sd : 0;
        }
        // Standardised on the fly rather than copied: the rows of a large probe take hundreds of MB.
        LogisticProbe p = new LogisticProbe(mean, scale, new double[f], 0);
        double[] mw = new double[f + 1];
        double[] vw = new double[f + 1];
        double lr = 0.01;
        double[] g = new double[f + 1];
        for (int e = 1; e <= epochs; e++) {
            java.util.Arrays.fill(g, 0);
            for (int i = 0; i < n; i++) {
                float[] row = x[i];
                double z = p.b;
                for (int j = 0; j < f; j++) {
                    z += p.w[j] * (row[j] - mean[j]) * scale[j];
                }
                double err = sigmoid(z) - (y[i] ? 1 : 0);
                for (int j = 0; j < f; j++) {
                    g[j] += err * (row[j] - mean[j]) * scale[j];
                }
                g[f] += err;
            }
            for (int j = 0; j <= f; j++) {
                double gj = g[j] / n + (j < f ? l2 * p.w[j] : 0);
                mw[j] = 0.9 * mw[j] + 0.1 * gj;
                vw[j] = 0.999 * vw[j] + 0.001 * gj * gj;
                double step = lr * (mw[j] / (1 - Math.pow(0.9, e)))
                        / (Math.sqrt(vw[j] / (1 - Math.pow(0.999, e))) + 1e-8);
                if (j < f) {
                    p.w[j] -= step;
                } else {
                    p.b -= step;
                }
            }
        }
        return p;
    }

    static double sigmoid(double z) {
        return 1 / (1 + Math.exp(-z));
    }

    /** P(attribute present | features). */
    public double probability(float[] x) {
        double z = b;
        for (int j = 0; j < w.length; j++) {
            z += w[j] * (x[j] - mean[j]) * scale[j];
        }
        return sigmoid(z);
    }

    /** Share of rows classified right at threshold 0.5. */
    public double accuracy(float[][] x, boolean[] y) {
        int ok = 0;
        for (int i = 0; i < x.length; i++) {
            if ((probability(x[i]) >= 0.5) == y[i]) {
                ok++;
            }
        }
        return (double) ok / x.length;
    }
}
