package io.dcganexplorer.eval;

import io.dcganexplorer.data.*;
import io.dcganexplorer.latent.*;
import io.dcganexplorer.model.*;
import java.nio.file.*;
import java.util.*;

/**
 * Is there a smile that adds in z, and is it the same for women and men? On each checkpoint: a
 * pool of 4,000 samples scored by the CNN probes (as arithmetic --auto), the smile direction among
 * the women (mean z of called smiling minus neutral), among the men, and over all; their cosines;
 * and how many of 200 other neutral men (a second pool, called !smiling&male) are called smiling
 * and male after z + s * d for each direction and strength s.
 */
public class Diag4 {
    static List<Map<String, Double>> score(GeneratorSession session, AttributeClassifier clf, List<float[]> zs) {
        List<Map<String, Double>> out = new ArrayList<>();
        for (int i = 0; i < zs.size(); i += 256) {
            List<float[]> c = zs.subList(i, Math.min(zs.size(), i + 256));
            out.addAll(clf.scoreImages(session.renderRaw(c).join(), c.size()));
        }
        return out;
    }

    static List<float[]> called(List<float[]> zs, List<Map<String, Double>> sc, boolean smile, Boolean male) {
        List<float[]> sel = new ArrayList<>();
        for (int i = 0; i < zs.size(); i++) {
            boolean s = sc.get(i).get("Smiling") >= 0.5, m = sc.get(i).get("Male") >= 0.5;
            if (s == smile && (male == null || m == male)) sel.add(zs.get(i));
        }
        return sel;
    }

    /** mean z of the samples called smiling minus that of those called neutral, among {@code male} (null: all). */
    static float[] smile(List<float[]> zs, List<Map<String, Double>> sc, Boolean male) {
        return Latent.direction(called(zs, sc, true, male), called(zs, sc, false, male));
    }

    public static void main(String[] a) throws Exception {
        Engines.configure(0);
        DcganConfig cfg;
        try (GeneratorSession s = GeneratorSession.open(Path.of(a[0]))) { cfg = s.config(); }
        Scorer scorer = Scorer.open(DatasetSpec.parse(System.getProperty("dataset", "faces")), cfg.imageSize(), cfg.channels(), 1, Scorer.defaultCacheRoot(),
                Scorer.Options.DEFAULT, Scorer.Progress.NONE, () -> false);
        ImageDataset data = DatasetSpec.parse(System.getProperty("dataset", "faces")).open(cfg.imageSize(), cfg.channels(), 1);
        AttributeClassifier clf = AttributeClassifier.train(scorer.features(), data, List.of("Smiling", "Male"),
                AttributeClassifier.DEFAULT_TRAIN, AttributeClassifier.DEFAULT_TEST, 1);
        AttributeExpression goal = AttributeExpression.parse("smiling&male", data.attributes().get());
        System.out.println("checkpoint,smiling_given_female,smiling_given_male,norm_dF,norm_dM,cos_dF_dM,"
                + "men_made_smiling_by_dF_s1_s2_s3,by_dM_s1_s2_s3,by_dAll_s1_s2_s3,by_random_of_norm_dF_s1_s2_s3,neutral_men_tested");
        for (String arg : a) {
            Path dir = Path.of(arg);
            try (GeneratorSession session = GeneratorSession.open(dir)) {
                Rng rng = new Rng(99);
                List<float[]> zs = new ArrayList<>();
                for (int i = 0; i < 4000; i++) zs.add(rng.latent(1, cfg.latentDim(), cfg.prior()));
                List<Map<String, Double>> sc = score(session, clf, zs);
                int f = 0, fs = 0, m = 0, ms = 0;
                for (Map<String, Double> p : sc) {
                    boolean s = p.get("Smiling") >= 0.5;
                    if (p.get("Male") >= 0.5) { m++; ms += s ? 1 : 0; } else { f++; fs += s ? 1 : 0; }
                }
                float[] dF = smile(zs, sc, false);
                float[] dM = smile(zs, sc, true);
                float[] dA = smile(zs, sc, null);
                double cos = Latent.dot(dF, dM) / (Latent.norm(dF) * Latent.norm(dM));
                Rng rng2 = new Rng(7);
                List<float[]> cand = new ArrayList<>();
                for (int i = 0; i < 1200; i++) cand.add(rng2.latent(1, cfg.latentDim(), cfg.prior()));
                List<Map<String, Double>> cs = score(session, clf, cand);
                List<float[]> men = new ArrayList<>();
                for (int i = 0; i < cand.size() && men.size() < 200; i++) {
                    if (cs.get(i).get("Smiling") < 0.5 && cs.get(i).get("Male") >= 0.5) men.add(cand.get(i));
                }
                // control: a random direction as long as dF, to tell a smile direction from any push off a neutral man
                float[] r = new Rng(5).latent(1, cfg.latentDim(), cfg.prior());
                float[] rand = Latent.add(new float[r.length], r, (float) (Latent.norm(dF) / Latent.norm(r)));
                StringBuilder row = new StringBuilder();
                for (float[] d : List.of(dF, dM, dA, rand)) {
                    StringBuilder cell = new StringBuilder();
                    for (int s = 1; s <= 3; s++) {
                        double share = AutoExemplars.transfer(session, clf, men, Latent.add(new float[d.length], d, s), goal);
                        cell.append(s == 1 ? "" : " ").append(String.format(Locale.ROOT, "%.2f", share));
                    }
                    row.append(',').append(cell);
                }
                System.out.printf(Locale.ROOT, "%s,%.3f,%.3f,%.2f,%.2f,%.3f%s,%d%n", dir.getFileName(), fs / (double) f, ms / (double) m,
                        Latent.norm(dF), Latent.norm(dM), cos, row, men.size());
                System.out.flush();
            }
        }
        scorer.close();
        System.exit(0);
    }
}
