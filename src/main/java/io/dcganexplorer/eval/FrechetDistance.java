package io.dcganexplorer.eval;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;

/**
 * The Frechet distance between two Gaussians fitted to two sets of feature vectors (the measure
 * behind FID, here in the feature space of a classifier the project trains itself):
 *
 * <pre>
 * FD = |mu1 - mu2|^2 + Tr(S1 + S2 - 2 (S1^1/2 S2 S1^1/2)^1/2)
 * </pre>
 *
 * Computed in double with EJML. {@code (S1 S2)^1/2} has the same trace as the symmetric
 * {@code (S1^1/2 S2 S1^1/2)^1/2}, which is what is computed: {@code S1^1/2} from a symmetric
 * eigendecomposition of S1, then the eigenvalues of {@code S1^1/2 S2 S1^1/2}, whose square roots
 * sum to the trace. Covariances are positive semi-definite in exact arithmetic, but with fewer
 * samples than features (or nearly collinear features) rounding leaves tiny negative eigenvalues:
 * those are clamped to 0 before a square root is taken, so the result is always finite; it is
 * also clamped to be at least 0.
 */
public final class FrechetDistance {
    private FrechetDistance() {}

    /**
     * Mean and covariance of a set of feature vectors.
     *
     * @param mean length d
     * @param covariance d x d, unbiased (divided by n - 1)
     * @param count number of vectors it was fitted to
     */
    public record Gaussian(double[] mean, DMatrixRMaj covariance, int count) {
        public int dimension() {
            return mean.length;
        }
    }

    /** Fits a Gaussian to {@code rows} (n vectors of d features, n >= 2). */
    public static Gaussian fit(float[][] rows) {
        int n = rows.length;
        if (n < 2) {
            throw new IllegalArgumentException("a covariance needs at least 2 vectors, got " + n);
        }
        int d = rows[0].length;
        double[] mean = new double[d];
        for (float[] r : rows) {
            if (r.length != d) {
                throw new IllegalArgumentException("vectors of " + d + " and " + r.length + " features");
            }
            for (int j = 0; j < d; j++) {
                mean[j] += r[j];
            }
        }
        for (int j = 0; j < d; j++) {
            mean[j] /= n;
        }
        // X^T X of the centred rows, as one EJML product
        DMatrixRMaj centred = new DMatrixRMaj(n, d);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                centred.unsafe_set(i, j, rows[i][j] - mean[j]);
            }
        }
        DMatrixRMaj cov = new DMatrixRMaj(d, d);
        CommonOps_DDRM.multTransA(centred, centred, cov);
        CommonOps_DDRM.scale(1.0 / (n - 1), cov);
        return new Gaussian(mean, cov, n);
    }

    /** The Frechet distance between the Gaussians fitted to {@code a} and {@code b}. */
    public static double between(float[][] a, float[][] b) {
        return between(fit(a), fit(b));
    }

    /** The Frechet distance between two Gaussians of the same dimension. */
    public static double between(Gaussian a, Gaussian b) {
        int d = a.dimension();
        if (b.dimension() != d) {
            throw new IllegalArgumentException("Gaussians of " + d + " and " + b.dimension() + " dimensions");
        }
        double meanTerm = 0;
        for (int j = 0; j < d; j++) {
            double diff = a.mean()[j] - b.mean()[j];
            meanTerm += diff * diff;
        }
        double traceA = CommonOps_DDRM.trace(a.covariance());
        double traceB = CommonOps_DDRM.trace(b.covariance());
        DMatrixRMaj rootA = sqrtPsd(a.covariance());
        DMatrixRMaj tmp = new DMatrixRMaj(d, d);
        DMatrixRMaj m = new DMatrixRMaj(d, d);
        CommonOps_DDRM.mult(rootA, b.covariance(), tmp);
        CommonOps_DDRM.mult(tmp, rootA, m);
        double traceRoot = 0;
        for (double ev : symmetricEigenvalues(m)) {
            traceRoot += Math.sqrt(Math.max(0, ev));
        }
        return Math.max(0, meanTerm + traceA + traceB - 2 * traceRoot);
    }

    /** The square root of a symmetric positive semi-definite matrix, negative eigenvalues clamped to 0. */
    static DMatrixRMaj sqrtPsd(DMatrixRMaj s) {
        int d = s.numRows;
        DMatrixRMaj sym = symmetrised(s);
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(d, true, true);
        if (!eig.decompose(sym)) {
            throw new ArithmeticException("eigendecomposition failed (" + d + "x" + d + " covariance)");
        }
        // V diag(sqrt(l)) V^T
        DMatrixRMaj scaled = new DMatrixRMaj(d, d);
        DMatrixRMaj v = new DMatrixRMaj(d, d);
        for (int k = 0; k < eig.getNumberOfEigenvalues(); k++) {
            double root = Math.sqrt(Math.max(0, eig.getEigenvalue(k).getReal()));
            DMatrixRMaj vec = eig.getEigenVector(k);
            for (int i = 0; i < d; i++) {
                v.unsafe_set(i, k, vec.get(i));
                scaled.unsafe_set(i, k, vec.get(i) * root);
            }
        }
        DMatrixRMaj out = new DMatrixRMaj(d, d);
        CommonOps_DDRM.multTransB(scaled, v, out);
        return out;
    }

    /** Eigenvalues of a (numerically) symmetric matrix. */
    static double[] symmetricEigenvalues(DMatrixRMaj m) {
        int d = m.numRows;
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(d, false, true);
        if (!eig.decompose(symmetrised(m))) {
            throw new ArithmeticException("eigendecomposition failed (" + d + "x" + d + " matrix)");
        }
        double[] out = new double[eig.getNumberOfEigenvalues()];
        for (int k = 0; k < out.length; k++) {
            out[k] = eig.getEigenvalue(k).getReal();
        }
        return out;
    }

    /** (M + M^T) / 2, a fresh matrix (EJML's decompositions may overwrite their input). */
    private static DMatrixRMaj symmetrised(DMatrixRMaj m) {
        DMatrixRMaj t = new DMatrixRMaj(m.numCols, m.numRows);
        CommonOps_DDRM.transpose(m, t);
        CommonOps_DDRM.addEquals(t, m);
        CommonOps_DDRM.scale(0.5, t);
        return t;
    }
}
