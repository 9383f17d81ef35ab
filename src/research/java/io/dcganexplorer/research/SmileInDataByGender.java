package io.dcganexplorer.research;

import io.dcganexplorer.data.AttributeTable;
import io.dcganexplorer.data.DatasetSpec;
import io.dcganexplorer.data.FaceDataset;
import io.dcganexplorer.data.FaceRenderer;
import java.util.Locale;

/**
 * Do the built-in faces themselves draw the smile the same way on women and men?
 *
 * <p>Unpaired, over the real training images: the pixel-space smile difference among women (mean
 * smiling - mean neutral, dF) and among men (dM), their norms and cosine, and the same for the Male
 * difference among smiling and among neutral faces as a reference. These means carry the sampling
 * noise of every other attribute (hair, skin, background, position), so the row also gives a
 * noise-only reference: the cosine of dF measured on the even-numbered women against dF on the
 * odd-numbered ones.
 *
 * <p>Paired, noise-free: every face drawn twice with everything equal but the smile, and the
 * differences averaged among women and among men. Its cosine says how differently the renderer
 * itself draws the smile by gender.
 *
 * <p>Run (see the package documentation for target/cp.txt; about a minute):
 *
 * <pre>
 * java -cp target/test-classes:target/classes:$(cat target/cp.txt) \
 *     io.dcganexplorer.research.SmileInDataByGender [SIZE=64] [SPEC=faces]
 * </pre>
 *
 * SIZE is the image size, SPEC a dataset of the faces kind ({@code faces-v1} is the set the
 * 2026-12-04 diagnosis measured). Prints one CSV row.
 *
 * <p>Result: the table in {@code docs/experiments/faces64-label-smoothing/diagnosis/README.md} (cos, paired, 0.985 on
 * faces-v1 and 0.998 on style V2), in the README sections "Retrained 2026-12-04: a frozen
 * discriminator, and a smile that only adds where G's smile is shared" and "The faces redrawn, so
 * a smile is the same pixels on everyone". Formerly {@code assets/faces64ls/diagnosis/Diag5.java}.
 */
public final class SmileInDataByGender {
    private SmileInDataByGender() {}

    public static void main(String[] a) throws Exception {
        int size = a.length > 0 ? Integer.parseInt(a[0]) : 64;
        String spec = a.length > 1 ? a[1] : "faces";
        if (!(DatasetSpec.parse(spec).open(size, 3, 1) instanceof FaceDataset data)) {
            System.err.println(spec + " is not a dataset of the faces kind");
            System.exit(2);
            return;
        }
        AttributeTable t = data.attributes().get();
        int n = data.size(), dim = 3 * size * size;
        int si = t.index("Smiling"), mi = t.index("Male");
        double[][] sum = new double[4][dim]; // index: 2 * male + smiling
        double[][] half = new double[4][dim]; // women only: 2 * (i odd) + smiling
        int[] count = new int[4];
        int[] halfCount = new int[4];
        double[][] paired = new double[2][dim]; // index: male
        int[] pairedCount = new int[2];
        float[] img = new float[dim];
        float[] on = new float[dim];
        float[] off = new float[dim];
        for (int i = 0; i < n; i++) {
            data.read(i, img, 0);
            boolean male = t.value(i, mi) > 0, smiling = t.value(i, si) > 0;
            int g = 2 * (male ? 1 : 0) + (smiling ? 1 : 0);
            count[g]++;
            for (int j = 0; j < dim; j++) {
                sum[g][j] += img[j];
            }
            if (!male) {
                int h = 2 * (i % 2) + (smiling ? 1 : 0);
                halfCount[h]++;
                for (int j = 0; j < dim; j++) {
                    half[h][j] += img[j];
                }
            }
            FaceRenderer.Face f = data.face(i);
            FaceRenderer.render(f.withSmiling(true), data.style(), size, 3, on, 0);
            FaceRenderer.render(f.withSmiling(false), data.style(), size, 3, off, 0);
            pairedCount[male ? 1 : 0]++;
            for (int j = 0; j < dim; j++) {
                paired[male ? 1 : 0][j] += on[j] - off[j];
            }
        }
        double[][] mean = new double[4][dim];
        double[][] halfMean = new double[4][dim];
        for (int g = 0; g < 4; g++) {
            for (int j = 0; j < dim; j++) {
                mean[g][j] = sum[g][j] / count[g];
                halfMean[g][j] = half[g][j] / halfCount[g];
            }
        }
        for (int m = 0; m < 2; m++) {
            for (int j = 0; j < dim; j++) {
                paired[m][j] /= pairedCount[m];
            }
        }
        double[] dF = diff(mean[1], mean[0]), dM = diff(mean[3], mean[2]);
        double[] mS = diff(mean[3], mean[1]), mN = diff(mean[2], mean[0]);
        double[] dFeven = diff(halfMean[1], halfMean[0]), dFodd = diff(halfMean[3], halfMean[2]);
        System.out.println("dataset,images,neutral_women,smiling_women,neutral_men,smiling_men,norm_dF,norm_dM,"
                + "cos_dF_dM,cos_dF_even_vs_odd_women,cos_male_among_smiling_vs_neutral,paired_norm_dF,"
                + "paired_norm_dM,paired_cos_dF_dM");
        System.out.printf(Locale.ROOT, "%s,%d,%d,%d,%d,%d,%.2f,%.2f,%.3f,%.3f,%.3f,%.2f,%.2f,%.3f%n", spec, n,
                count[0], count[1], count[2], count[3], norm(dF), norm(dM), cos(dF, dM), cos(dFeven, dFodd),
                cos(mS, mN), norm(paired[0]), norm(paired[1]), cos(paired[0], paired[1]));
    }

    static double[] diff(double[] x, double[] y) {
        double[] d = new double[x.length];
        for (int j = 0; j < d.length; j++) {
            d[j] = x[j] - y[j];
        }
        return d;
    }

    static double norm(double[] x) {
        double s = 0;
        for (double v : x) {
            s += v * v;
        }
        return Math.sqrt(s);
    }

    static double cos(double[] x, double[] y) {
        double s = 0;
        for (int j = 0; j < x.length; j++) {
            s += x[j] * y[j];
        }
        return s / (norm(x) * norm(y));
    }
}
