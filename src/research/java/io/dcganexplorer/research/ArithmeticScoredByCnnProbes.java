package io.dcganexplorer.eval;

import io.dcganexplorer.data.*;
import io.dcganexplorer.latent.*;
import io.dcganexplorer.model.*;
import java.nio.file.*;
import java.util.*;

/** Re-scores the face arithmetic with an independent classifier: logistic probes on the score command's CNN features (trained on real pixels). */
public class Diag2 {
    static GeneratorSession session; static FeatureClassifier cnn; static Map<String, LogisticProbe> probes = new LinkedHashMap<>();
    static List<Map<String, Double>> cnnScores(List<float[]> zs) {
        float[] img = session.renderRaw(zs).join();
        List<Map<String, Double>> out = new ArrayList<>();
        for (float[] f : cnn.features(img, zs.size())) { Map<String, Double> m = new LinkedHashMap<>(); probes.forEach((k, p) -> m.put(k, p.probability(f))); out.add(m); }
        return out;
    }
    static double share(List<float[]> zs, AttributeExpression goal) { return cnnScores(zs).stream().filter(goal::holds).count() / (double) zs.size(); }
    public static void main(String[] a) throws Exception {
        Path dir = Path.of(a[0]);
        Engines.configure(0);
        session = GeneratorSession.open(dir);
        DcganConfig cfg = session.config();
        Scorer scorer = Scorer.open(DatasetSpec.parse("faces"), cfg.imageSize(), cfg.channels(), 1, Scorer.defaultCacheRoot(), Scorer.Options.DEFAULT, Scorer.Progress.NONE, () -> false);
        System.out.println("cnn trained now " + scorer.trainedNow() + " acc " + scorer.testAccuracy());
        var fld = Scorer.class.getDeclaredField("classifier"); fld.setAccessible(true); cnn = (FeatureClassifier) fld.get(scorer);
        ImageDataset data = DatasetSpec.parse("faces").open(cfg.imageSize(), cfg.channels(), 1);
        var table = data.attributes().get();
        int n = 10000, plane = 3 * 64 * 64; float[] buf = new float[n * plane];
        int[] order = io.dcganexplorer.data.BatchStream.permutation(data.size(), 5, 0);
        for (int i = 0; i < n; i++) data.read(order[i], buf, i * plane);
        float[][] f = cnn.features(buf, n);
        for (String at : List.of("Smiling", "Male")) {
            boolean[] y = new boolean[n]; for (int i = 0; i < n; i++) y[i] = table.value(order[i], table.index(at)) > 0;
            LogisticProbe p = LogisticProbe.fit(Arrays.copyOf(f, 8000), Arrays.copyOf(y, 8000), 1e-3, 150);
            System.out.println(at + " cnn-probe held-out acc " + p.accuracy(Arrays.copyOfRange(f, 8000, n), Arrays.copyOfRange(y, 8000, n)));
            probes.put(at, p);
        }
        DiscriminatorFeatures features = DiscriminatorFeatures.open(dir);
        AttributeClassifier dclf = AttributeClassifier.train(features, data, List.of("Smiling", "Male"), 8000, 2000, 1);
        List<AttributeExpression> ex = List.of(AttributeExpression.parse("smiling&!male", table),
            AttributeExpression.parse("!smiling&!male", table), AttributeExpression.parse("!smiling&male", table));
        AttributeExpression goal = AttributeExpression.parse("smiling&male", table);
        Rng rng = new Rng(999); List<float[]> gen = new ArrayList<>(); for (int i = 0; i < 2000; i++) gen.add(rng.latent(1, cfg.latentDim(), cfg.prior()));
        List<Map<String, Double>> gs = cnnScores(gen);
        for (String at : List.of("Smiling", "Male")) System.out.printf("cnn rate on generated %s %.3f%n", at, gs.stream().filter(m -> m.get(at) >= 0.5).count() / 2000.0);
        double sa = 0, ss = 0, ca = 0, cs = 0; int R = 10;
        for (int r = 0; r < R; r++) {
            long seed = 1 + r;
            // exemplars as the app picks them (D probe), scored by the CNN probe
            AutoExemplars.Pool pool = AutoExemplars.score(session, features, dclf, 2000, seed, AutoExemplars.Progress.NONE);
            List<List<float[]>> g = AutoExemplars.choose(pool, ex, 3);
            float[] y3 = Latent.arithmetic(Latent.mean(g.get(0)), Latent.mean(g.get(1)), Latent.mean(g.get(2)));
            float[] y1 = Latent.arithmetic(g.get(0).get(0), g.get(1).get(0), g.get(2).get(0));
            double a3 = share(Latent.noiseGrid(y3, 0.25f, seed), goal), a1 = share(Latent.noiseGrid(y1, 0.25f, seed), goal);
            // exemplars picked by the CNN probe too (more-real half by D's realness, as the app)
            List<Map<String, Double>> cs2 = cnnScores(pool.zs());
            AutoExemplars.Pool cpool = new AutoExemplars.Pool(pool.zs(), cs2, pool.realness());
            List<List<float[]>> gc = AutoExemplars.choose(cpool, ex, 3);
            float[] c3 = Latent.arithmetic(Latent.mean(gc.get(0)), Latent.mean(gc.get(1)), Latent.mean(gc.get(2)));
            float[] c1 = Latent.arithmetic(gc.get(0).get(0), gc.get(1).get(0), gc.get(2).get(0));
            double b3 = share(Latent.noiseGrid(c3, 0.25f, seed), goal), b1 = share(Latent.noiseGrid(c1, 0.25f, seed), goal);
            System.out.printf("seed %d  D-picked, CNN-scored: avg %.2f single %.2f | CNN-picked, CNN-scored: avg %.2f single %.2f%n", seed, a3, a1, b3, b1);
            sa += a3; ss += a1; ca += b3; cs += b1;
        }
        System.out.printf("MEAN D-picked avg %.3f single %.3f | CNN-picked avg %.3f single %.3f%n", sa / R, ss / R, ca / R, cs / R);
        System.exit(0);
    }
}
