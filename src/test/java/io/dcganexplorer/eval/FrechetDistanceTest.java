package io.dcganexplorer.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;

class FrechetDistanceTest {

    /** n vectors of d correlated features: x = A g with g standard normal. */
    private static float[][] correlated(int n, int d, long seed) {
        Random r = new Random(seed);
        double[][] a = new double[d][d];
        Random ra = new Random(99);
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                a[i][j] = ra.nextGaussian() * 0.5 + (i == j ? 1 : 0);
            }
        }
        float[][] out = new float[n][d];
        double[] g = new double[d];
        for (int k = 0; k < n; k++) {
            for (int j = 0; j < d; j++) {
                g[j] = r.nextGaussian();
            }
            for (int i = 0; i < d; i++) {
                double s = 0;
                for (int j = 0; j < d; j++) {
                    s += a[i][j] * g[j];
                }
                out[k][i] = (float) s;
            }
        }
        return out;
    }

    @Test
    void aSetAgainstItselfIsZero() {
        float[][] x = correlated(500, 16, 1);
        FrechetDistance.Gaussian g = FrechetDistance.fit(x);
        double trace = CommonOps_DDRM.trace(g.covariance());
        double fd = FrechetDistance.between(x, x);
        assertTrue(fd < 1e-9 * trace, "FD(x, x) = " + fd + ", trace " + trace);
    }

    @Test
    void aShiftedSetIsTheSquaredShift() {
        float[][] x = correlated(400, 12, 2);
        float[][] y = new float[x.length][];
        double[] shift = new double[12];
        double expected = 0;
        for (int j = 0; j < 12; j++) {
            shift[j] = 0.25 * (j - 5);
            expected += shift[j] * shift[j];
        }
        for (int i = 0; i < x.length; i++) {
            y[i] = x[i].clone();
            for (int j = 0; j < 12; j++) {
                y[i][j] += (float) shift[j];
            }
        }
        assertEquals(expected, FrechetDistance.between(x, y), 1e-3 * expected);
    }

    @Test
    void diagonalCovariancesMatchTheClosedForm() {
        // FD of N(m1, diag(a)) and N(m2, diag(b)) = |m1 - m2|^2 + sum (sqrt(a_i) - sqrt(b_i))^2
        int d = 6;
        double[] m1 = {0, 1, 2, 3, 4, 5};
        double[] m2 = {1, 1, 0, 3, 5, 5};
        double[] a = {1, 4, 9, 0.25, 2, 0};
        double[] b = {4, 4, 1, 1, 8, 3};
        DMatrixRMaj sa = new DMatrixRMaj(d, d);
        DMatrixRMaj sb = new DMatrixRMaj(d, d);
        double expected = 0;
        for (int i = 0; i < d; i++) {
            sa.set(i, i, a[i]);
            sb.set(i, i, b[i]);
            expected += (m1[i] - m2[i]) * (m1[i] - m2[i]) + Math.pow(Math.sqrt(a[i]) - Math.sqrt(b[i]), 2);
        }
        double fd = FrechetDistance.between(new FrechetDistance.Gaussian(m1, sa, 100),
                new FrechetDistance.Gaussian(m2, sb, 100));
        assertEquals(expected, fd, 1e-9);
    }

    @Test
    void fewerSamplesThanFeaturesStaysFiniteAndSmallAgainstItself() {
        float[][] x = correlated(10, 40, 3); // rank-deficient covariances: clamped eigenvalues
        double fd = FrechetDistance.between(x, x);
        assertTrue(Double.isFinite(fd) && fd < 1e-6 * CommonOps_DDRM.trace(FrechetDistance.fit(x).covariance()),
                "FD = " + fd);
    }

    @Test
    void uniformNoiseIsFarFromStructuredData() {
        float[][] x = correlated(500, 16, 4);
        float[][] again = correlated(500, 16, 5); // a second sample of the same distribution
        Random r = new Random(6);
        float[][] noise = new float[500][16];
        for (float[] row : noise) {
            for (int j = 0; j < row.length; j++) {
                row[j] = 6 * r.nextFloat() - 3;
            }
        }
        double same = FrechetDistance.between(x, again);
        double far = FrechetDistance.between(x, noise);
        assertTrue(far > 10 * same, "noise " + far + " vs same distribution " + same);
        assertTrue(far > 5, "noise " + far);
    }
}
