package io.dcganexplorer.eval;

import io.dcganexplorer.data.*;
import java.util.*;

/**
 * Whether the built-in faces themselves draw the smile the same way on women and men: over the
 * real training images, the pixel-space smile difference among women (mean smiling - mean neutral,
 * dF) and among men (dM), their norms and cosine, and the same for the Male difference among
 * smiling and among neutral faces as a reference. Args: image size (default 64).
 */
public class Diag5 {
    public static void main(String[] a) throws Exception {
        int size = a.length > 0 ? Integer.parseInt(a[0]) : 64;
        ImageDataset data = DatasetSpec.parse("faces").open(size, 3, 1);
        AttributeTable t = data.attributes().get();
        int n = data.size(), dim = 3 * size * size;
        int si = t.index("Smiling"), mi = t.index("Male");
        double[][] sum = new double[4][dim]; // index: 2 * male + smiling
        int[] count = new int[4];
        float[] img = new float[dim];
        for (int i = 0; i < n; i++) {
            data.read(i, img, 0);
            int g = 2 * (t.value(i, mi) > 0 ? 1 : 0) + (t.value(i, si) > 0 ? 1 : 0);
            count[g]++;
            for (int j = 0; j < dim; j++) sum[g][j] += img[j];
        }
        double[][] mean = new double[4][dim];
        for (int g = 0; g < 4; g++) for (int j = 0; j < dim; j++) mean[g][j] = sum[g][j] / count[g];
        double[] dF = diff(mean[1], mean[0]), dM = diff(mean[3], mean[2]);
        double[] mS = diff(mean[3], mean[1]), mN = diff(mean[2], mean[0]);
        System.out.println("images,neutral_women,smiling_women,neutral_men,smiling_men,norm_dF,norm_dM,cos_dF_dM,cos_male_among_smiling_vs_neutral");
        System.out.printf(Locale.ROOT, "%d,%d,%d,%d,%d,%.2f,%.2f,%.3f,%.3f%n", n, count[0], count[1], count[2], count[3],
                norm(dF), norm(dM), cos(dF, dM), cos(mS, mN));
    }

    static double[] diff(double[] x, double[] y) {
        double[] d = new double[x.length];
        for (int j = 0; j < d.length; j++) d[j] = x[j] - y[j];
        return d;
    }

    static double norm(double[] x) {
        double s = 0;
        for (double v : x) s += v * v;
        return Math.sqrt(s);
    }

    static double cos(double[] x, double[] y) {
        double s = 0;
        for (int j = 0; j < x.length; j++) s += x[j] * y[j];
        return s / (norm(x) * norm(y));
    }
}
