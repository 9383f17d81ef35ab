package io.dcganexplorer.eval;

import de.bwaldvogel.liblinear.Feature;
import de.bwaldvogel.liblinear.FeatureNode;
import de.bwaldvogel.liblinear.Linear;
import de.bwaldvogel.liblinear.Model;
import de.bwaldvogel.liblinear.Parameter;
import de.bwaldvogel.liblinear.Problem;
import de.bwaldvogel.liblinear.SolverType;
import java.util.Arrays;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import java.util.function.IntFunction;

/**
 * The linear L2-SVM of paper section 5: liblinear's L2-regularised, squared-hinge-loss support
 * vector classifier ({@link SolverType#L2R_L2LOSS_SVC_DUAL}, one-vs-rest over the classes, with a
 * bias feature), on features standardised with the mean and standard deviation of the rows it is
 * fitted on. {@link #select} chooses the regularisation C on a validation split, then refits on
 * every labelled row.
 *
 * <p>liblinear shuffles with a static random generator: every fit here resets it first under one
 * lock, so results are the same whatever else runs, and two probes on two threads do not disturb
 * each other.
 */
public final class LinearSvm {
    /** C from 1e-5 to 1 in half decades: standardised features of a few thousand dimensions need small C. */
    public static final double[] DEFAULT_C_GRID = {1e-5, 3e-5, 1e-4, 3e-4, 1e-3, 3e-3, 1e-2, 3e-2, 1e-1, 3e-1, 1};

    /** liblinear's stopping tolerance for the dual solver (its default). */
    static final double EPS = 0.1;

    private static final Object LIBLINEAR = new Object();

    static {
        Linear.disableDebugOutput();
    }

    private final Model model;
    private final double[] mean;
    private final double[] scale;
    private final double c;

    private LinearSvm(Model model, double[] mean, double[] scale, double c) {
        this.model = model;
        this.mean = mean;
        this.scale = scale;
        this.c = c;
    }

    /** How {@link #select} chose C: the grid and each value's error on the validation rows. */
    public record Selection(LinearSvm svm, double c, double[] grid, double[] validationErrors) {
        /** The validation error of the chosen C. */
        public double validationError() {
            for (int i = 0; i < grid.length; i++) {
                if (grid[i] == c) {
                    return validationErrors[i];
                }
            }
            return Double.NaN;
        }
    }

    /**
     * Fits one SVM per C of {@code grid} on the rows {@code fit}, measures each on the rows
     * {@code validation}, and refits the best (lowest validation error; ties go to the smaller C,
     * the stronger regularisation) on {@code fit} and {@code validation} together. Only these rows
     * are ever read.
     *
     * @param rows the feature row of an index (not modified)
     * @param labels the class of an index
     * @param cancelled polled before each fit
     * @throws CancellationException when {@code cancelled} says so
     */
    public static Selection select(IntFunction<float[]> rows, int[] labels, int[] fit, int[] validation,
            double[] grid, BooleanSupplier cancelled) {
        if (fit.length == 0 || validation.length == 0 || grid.length == 0) {
            throw new IllegalArgumentException("need fit rows, validation rows and a C grid");
        }
        double[] errors = new double[grid.length];
        Rows data = new Rows(rows, fit);
        int best = 0;
        int[] all = concat(fit, validation);
        for (int i = 0; i < grid.length; i++) {
            checkCancel(cancelled);
            LinearSvm svm = data.train(labels, grid[i]);
            errors[i] = svm.error(rows, labels, validation);
            if (errors[i] < errors[best]) {
                best = i;
            }
        }
        checkCancel(cancelled);
        data = null; // the fit split's rows may go before the refit's are built
        LinearSvm refit = new Rows(rows, all).train(labels, grid[best]);
        return new Selection(refit, grid[best], grid.clone(), errors);
    }

    /** One SVM with a fixed C on the rows {@code fit}. */
    public static LinearSvm fit(IntFunction<float[]> rows, int[] labels, int[] fit, double c) {
        return new Rows(rows, fit).train(labels, c);
    }

    private static void checkCancel(BooleanSupplier cancelled) {
        if (cancelled.getAsBoolean()) {
            throw new CancellationException("cancelled");
        }
    }

    static int[] concat(int[] a, int[] b) {
        int[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /** The regularisation this SVM was fitted with. */
    public double c() {
        return c;
    }

    /** The predicted class of one feature row. */
    public int predict(float[] row) {
        Feature[] x = new Feature[mean.length + 1];
        fill(x, row, mean, scale, true);
        return (int) Linear.predict(model, x);
    }

    /** Share of the rows {@code indices} whose predicted class differs from {@code labels}. */
    public double error(IntFunction<float[]> rows, int[] labels, int[] indices) {
        Feature[] x = new Feature[mean.length + 1];
        int wrong = 0;
        boolean fresh = true;
        for (int i : indices) {
            fill(x, rows.apply(i), mean, scale, fresh);
            fresh = false;
            if ((int) Linear.predict(model, x) != labels[i]) {
                wrong++;
            }
        }
        return indices.length == 0 ? Double.NaN : (double) wrong / indices.length;
    }

    /** Writes the standardised row into {@code x} (nodes created when {@code create}), bias last. */
    private static void fill(Feature[] x, float[] row, double[] mean, double[] scale, boolean create) {
        int f = mean.length;
        if (row.length != f) {
            throw new IllegalArgumentException("row of " + row.length + " features, the SVM has " + f);
        }
        for (int j = 0; j < f; j++) {
            double v = (row[j] - mean[j]) * scale[j];
            if (create) {
                x[j] = new FeatureNode(j + 1, v);
            } else {
                x[j].setValue(v);
            }
        }
        if (create) {
            x[f] = new FeatureNode(f + 1, 1.0);
        }
    }

    /** Standardisation statistics of some rows: mean and 1 / standard deviation (0 for constant features). */
    static double[][] standardisation(IntFunction<float[]> rows, int[] idx) {
        int f = rows.apply(idx[0]).length;
        double[] mean = new double[f];
        double[] m2 = new double[f];
        int n = 0;
        for (int i : idx) {
            float[] r = rows.apply(i);
            n++;
            for (int j = 0; j < f; j++) {
                // Welford: stable for features far from zero
                double d = r[j] - mean[j];
                mean[j] += d / n;
                m2[j] += d * (r[j] - mean[j]);
            }
        }
        double[] scale = new double[f];
        for (int j = 0; j < f; j++) {
            double sd = Math.sqrt(m2[j] / n);
            scale[j] = sd > 1e-6 ? 1 / sd : 0;
        }
        return new double[][] {mean, scale};
    }

    /** liblinear's problem over some rows, standardised with their own statistics. */
    private static final class Rows {
        final int[] idx;
        final double[] mean;
        final double[] scale;
        final Feature[][] x;

        Rows(IntFunction<float[]> rows, int[] idx) {
            this.idx = idx;
            double[][] s = standardisation(rows, idx);
            mean = s[0];
            scale = s[1];
            x = new Feature[idx.length][];
            for (int r = 0; r < idx.length; r++) {
                x[r] = new Feature[mean.length + 1];
                fill(x[r], rows.apply(idx[r]), mean, scale, true);
            }
        }

        LinearSvm train(int[] labels, double c) {
            Problem p = new Problem();
            p.l = idx.length;
            p.n = mean.length + 1;
            p.bias = 1;
            p.x = x;
            p.y = new double[idx.length];
            for (int r = 0; r < idx.length; r++) {
                p.y[r] = labels[idx[r]];
            }
            Parameter param = new Parameter(SolverType.L2R_L2LOSS_SVC_DUAL, c, EPS);
            synchronized (LIBLINEAR) {
                Linear.resetRandom();
                return new LinearSvm(Linear.train(p, param), mean, scale, c);
            }
        }
    }

    /** Bytes of Java heap liblinear's rows take for {@code rows} rows of {@code features} features (estimate). */
    public static long heapBytes(long rows, long features) {
        // per value: a FeatureNode (header, int, double: 24 bytes) and its reference (4 bytes)
        return rows * (features + 1) * 28 + rows * 16;
    }
}
