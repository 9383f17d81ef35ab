package io.dcganexplorer.eval;

import io.dcganexplorer.data.*;
import io.dcganexplorer.latent.*;
import io.dcganexplorer.model.*;
import io.dcganexplorer.train.Checkpoint;
import java.nio.file.*;
import java.util.*;

/**
 * Averaged against single exemplars at a matched norm of Y, on every checkpoint given (G's own
 * weights, not a moving average): the app's arithmetic --auto (CNN probes pick and score, K = 3
 * or -Dk=K exemplars from D's more-real half of a 2,000 pool, seeds 1..10 or -Dfirst=S.., +-0.25 grid).
 * A single Y = a_i - b_i + c_i has about sqrt(3) times the norm of an averaged Y, so the raw
 * comparison also compares two radii. Variants: single-r1..r3 (the i-th exemplars), avg3,
 * avg3 scaled to the norm of the rank-1 single Y of the same seed, single-r1 scaled to the
 * averaged Y's norm, both scaled to the prior's typical radius sqrt(d), and Y from group means that
 * were each first scaled to that radius (avg3-normed-means). One CSV row per
 * checkpoint and variant. Build: javac -cp 'target/dcgan-explorer.jar:target/lib/*' -d CLASSES this file;
 * run: java -cp 'target/dcgan-explorer.jar:target/lib/*:CLASSES' io.dcganexplorer.eval.Diag6 CKPT...
 * with -Ddataset=faces-v3.
 */
public class Diag6 {
    public static void main(String[] a) throws Exception {
        Engines.configure(0);
        int repeat = Integer.parseInt(System.getProperty("repeat", "10"));
        long first = Long.parseLong(System.getProperty("first", "1"));
        int k = Integer.parseInt(System.getProperty("k", "3"));
        String spec = System.getProperty("dataset", "faces");
        Path firstDir = Path.of(a[0]);
        DcganConfig cfg;
        try (GeneratorSession s = GeneratorSession.open(firstDir, Checkpoint.Weights.TRAINED)) { cfg = s.config(); }
        Scorer scorer = Scorer.open(DatasetSpec.parse(spec), cfg.imageSize(), cfg.channels(), 1, Scorer.defaultCacheRoot(),
                Scorer.Options.DEFAULT, Scorer.Progress.NONE, () -> false);
        System.err.println("cnn " + scorer.folder() + " acc " + scorer.testAccuracy());
        ImageDataset data = DatasetSpec.parse(spec).open(cfg.imageSize(), cfg.channels(), 1);
        var table = data.attributes().get();
        AttributeClassifier clf = AttributeClassifier.train(scorer.features(), data, List.of("Smiling", "Male"),
                AttributeClassifier.DEFAULT_TRAIN, AttributeClassifier.DEFAULT_TEST, 1);
        List<AttributeExpression> ex = List.of(AttributeExpression.parse("smiling&!male", table),
                AttributeExpression.parse("!smiling&!male", table), AttributeExpression.parse("!smiling&male", table));
        AttributeExpression goal = AttributeExpression.parse("smiling&male", table);
        double radius = Math.sqrt(cfg.latentDim());
        System.out.println("checkpoint,variant,share,hits_per_seed,mean_norm_y,smiling_share,male_share");
        for (String arg : a) {
            Path dir = Path.of(arg);
            long t0 = System.nanoTime();
            try (GeneratorSession session = GeneratorSession.open(dir, Checkpoint.Weights.TRAINED);
                    DiscriminatorFeatures features = DiscriminatorFeatures.open(dir)) {
                Map<String, double[]> acc = new LinkedHashMap<>(); // share, norm, smiling, male
                Map<String, StringBuilder> hits = new LinkedHashMap<>();
                for (int r = 0; r < repeat; r++) {
                    long seed = first + r;
                    AutoExemplars.Pool pool = AutoExemplars.score(session, features, clf, 2000, seed, AutoExemplars.Progress.NONE);
                    List<List<float[]>> g = AutoExemplars.choose(pool, ex, k);
                    Map<String, float[]> ys = new LinkedHashMap<>();
                    for (int i = 0; i < 3; i++) {
                        ys.put("single-r" + (i + 1), Latent.arithmetic(g.get(0).get(i), g.get(1).get(i), g.get(2).get(i)));
                    }
                    float[] avg = Latent.arithmetic(Latent.mean(g.get(0)), Latent.mean(g.get(1)), Latent.mean(g.get(2)));
                    float[] single = ys.get("single-r1");
                    ys.put("avg" + k, avg);
                    ys.put("avg" + k + "-at-single-norm", scaled(avg, Latent.norm(single)));
                    ys.put("single-r1-at-avg" + k + "-norm", scaled(single, Latent.norm(avg)));
                    ys.put("avg" + k + "-at-prior-radius", scaled(avg, radius));
                    ys.put("avg" + k + "-normed-means", Latent.arithmetic(scaled(Latent.mean(g.get(0)), radius),
                            scaled(Latent.mean(g.get(1)), radius), scaled(Latent.mean(g.get(2)), radius)));
                    ys.put("single-r1-at-prior-radius", scaled(single, radius));
                    for (Map.Entry<String, float[]> e : ys.entrySet()) {
                        List<float[]> grid = Latent.noiseGrid(e.getValue(), 0.25f, seed);
                        List<Map<String, Double>> sc = clf.scoreImages(session.renderRaw(grid).join(), 9);
                        long h = sc.stream().filter(goal::holds).count();
                        long sm = sc.stream().filter(m -> m.get("Smiling") >= 0.5).count();
                        long ma = sc.stream().filter(m -> m.get("Male") >= 0.5).count();
                        double[] v = acc.computeIfAbsent(e.getKey(), x -> new double[4]);
                        v[0] += h / 9.0 / repeat;
                        v[1] += Latent.norm(e.getValue()) / repeat;
                        v[2] += sm / 9.0 / repeat;
                        v[3] += ma / 9.0 / repeat;
                        hits.computeIfAbsent(e.getKey(), x -> new StringBuilder()).append(r == 0 ? "" : " ").append(h);
                    }
                }
                for (String n : acc.keySet()) {
                    double[] v = acc.get(n);
                    System.out.printf(Locale.ROOT, "%s,%s,%.3f,%s,%.2f,%.3f,%.3f%n", dir.getFileName(), n, v[0], hits.get(n), v[1],
                            v[2], v[3]);
                }
                System.out.flush();
            }
            System.err.printf("%s done in %.0f s%n", dir, (System.nanoTime() - t0) / 1e9);
        }
        scorer.close();
        System.exit(0);
    }

    private static float[] scaled(float[] y, double norm) {
        return Latent.add(new float[y.length], y, (float) (norm / Latent.norm(y)));
    }
}
