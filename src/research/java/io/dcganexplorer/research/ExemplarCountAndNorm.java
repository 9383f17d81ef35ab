package io.dcganexplorer.eval;

import io.dcganexplorer.data.*;
import io.dcganexplorer.latent.*;
import io.dcganexplorer.model.*;
import java.nio.file.*;
import java.util.*;

/**
 * Exemplar count and the norm of Y, on every checkpoint given: the app's arithmetic --auto
 * (CNN probes pick and score, exemplars from D's more-real half of a 2,000 pool, seeds 1..10,
 * +-0.25 grid) with K = 1, 3, 10, 30 exemplars per group, Y as is or rescaled to the prior's
 * typical radius sqrt(d). Prints one CSV row per checkpoint and variant.
 */
public class Diag3 {
    public static void main(String[] a) throws Exception {
        Engines.configure(0);
        int repeat = Integer.parseInt(System.getProperty("repeat", "10"));
        int[] ks = Arrays.stream(System.getProperty("ks", "3,10,30").split(",")).mapToInt(Integer::parseInt).toArray();
        Path first = Path.of(a[0]);
        DcganConfig cfg;
        try (GeneratorSession s = GeneratorSession.open(first)) { cfg = s.config(); }
        Scorer scorer = Scorer.open(DatasetSpec.parse(System.getProperty("dataset", "faces")), cfg.imageSize(), cfg.channels(), 1, Scorer.defaultCacheRoot(),
                Scorer.Options.DEFAULT, Scorer.Progress.NONE, () -> false);
        System.err.println("cnn " + scorer.folder() + " trained now " + scorer.trainedNow() + " acc " + scorer.testAccuracy());
        ImageDataset data = DatasetSpec.parse(System.getProperty("dataset", "faces")).open(cfg.imageSize(), cfg.channels(), 1);
        var table = data.attributes().get();
        AttributeClassifier clf = AttributeClassifier.train(scorer.features(), data, List.of("Smiling", "Male"),
                AttributeClassifier.DEFAULT_TRAIN, AttributeClassifier.DEFAULT_TEST, 1);
        System.err.println("probes held out " + clf.heldOutAccuracy());
        List<AttributeExpression> ex = List.of(AttributeExpression.parse("smiling&!male", table),
                AttributeExpression.parse("!smiling&!male", table), AttributeExpression.parse("!smiling&male", table));
        AttributeExpression goal = AttributeExpression.parse("smiling&male", table);
        double radius = Math.sqrt(cfg.latentDim());
        System.out.println("checkpoint,variant,share,hits_per_seed,mean_norm_y,centre_p_smiling_median");
        for (String arg : a) {
            Path dir = Path.of(arg);
            long t0 = System.nanoTime();
            try (GeneratorSession session = GeneratorSession.open(dir); DiscriminatorFeatures features = DiscriminatorFeatures.open(dir)) {
                Map<String, double[]> share = new LinkedHashMap<>();
                Map<String, StringBuilder> hits = new LinkedHashMap<>();
                Map<String, double[]> norm = new LinkedHashMap<>();
                Map<String, double[]> centre = new LinkedHashMap<>();
                for (int r = 0; r < repeat; r++) {
                    long seed = 1 + r;
                    AutoExemplars.Pool pool = AutoExemplars.score(session, features, clf, 2000, seed, AutoExemplars.Progress.NONE);
                    int kmax = Arrays.stream(ks).max().getAsInt();
                    List<List<float[]>> g = AutoExemplars.choose(pool, ex, kmax);
                    List<String> names = new ArrayList<>();
                    List<float[]> ys = new ArrayList<>();
                    names.add("single");
                    ys.add(Latent.arithmetic(g.get(0).get(0), g.get(1).get(0), g.get(2).get(0)));
                    for (int k : ks) {
                        float[] y = Latent.arithmetic(Latent.mean(g.get(0).subList(0, k)), Latent.mean(g.get(1).subList(0, k)),
                                Latent.mean(g.get(2).subList(0, k)));
                        names.add("avg" + k);
                        ys.add(y);
                    }
                    int base = ys.size();
                    for (int i = 0; i < base; i++) {
                        float[] y = ys.get(i);
                        names.add(names.get(i) + "-rescaled");
                        ys.add(Latent.add(new float[y.length], y, (float) (radius / Latent.norm(y))));
                    }
                    for (int i = 0; i < ys.size(); i++) {
                        List<float[]> grid = Latent.noiseGrid(ys.get(i), 0.25f, seed);
                        List<Map<String, Double>> sc = clf.scoreImages(session.renderRaw(grid).join(), 9);
                        long h = sc.stream().filter(goal::holds).count();
                        String n = names.get(i);
                        share.computeIfAbsent(n, x -> new double[1])[0] += h / 9.0 / repeat;
                        hits.computeIfAbsent(n, x -> new StringBuilder()).append(r == 0 ? "" : " ").append(h);
                        norm.computeIfAbsent(n, x -> new double[1])[0] += Latent.norm(ys.get(i)) / repeat;
                        centre.computeIfAbsent(n, x -> new double[repeat])[r] = sc.get(4).get("Smiling");
                    }
                }
                for (String n : share.keySet()) {
                    double[] c = centre.get(n).clone();
                    Arrays.sort(c);
                    System.out.printf(Locale.ROOT, "%s,%s,%.3f,%s,%.2f,%.3f%n", dir.getFileName(), n, share.get(n)[0], hits.get(n),
                            norm.get(n)[0], (c[(repeat - 1) / 2] + c[repeat / 2]) / 2);
                }
                System.out.flush();
            }
            System.err.printf("%s done in %.0f s%n", dir, (System.nanoTime() - t0) / 1e9);
        }
        scorer.close();
        System.exit(0);
    }
}
