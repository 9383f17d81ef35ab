import io.dcganexplorer.data.*;
import io.dcganexplorer.eval.*;
import io.dcganexplorer.latent.*;
import io.dcganexplorer.model.*;
import java.nio.file.*;
import java.util.*;

public class Diag {
    static GeneratorSession session; static DiscriminatorFeatures features; static AttributeClassifier clf;
    static List<Map<String, Double>> score(List<float[]> zs) {
        float[] img = session.renderRaw(zs).join();
        List<Map<String, Double>> out = new ArrayList<>();
        for (float[] f : features.extract(img, zs.size())) out.add(clf.score(f));
        return out;
    }
    static double share(List<float[]> zs, AttributeExpression goal) {
        return score(zs).stream().filter(goal::holds).count() / (double) zs.size();
    }
    static double norm(float[] v) { double s = 0; for (float x : v) s += x * x; return Math.sqrt(s); }
    static float[] scaled(float[] v, double n) { float[] o = v.clone(); double k = n / norm(v); for (int i = 0; i < o.length; i++) o[i] *= k; return o; }
    public static void main(String[] a) throws Exception {
        Path dir = Path.of(a[0]);
        Engines.configure(0);
        session = GeneratorSession.open(dir);
        features = DiscriminatorFeatures.open(dir);
        DcganConfig cfg = session.config();
        ImageDataset data = DatasetSpec.parse("faces").open(cfg.imageSize(), cfg.channels(), 1);
        clf = AttributeClassifier.train(features, data, List.of("Smiling", "Male"), 8000, 2000, 1);
        System.out.println("clf " + clf.heldOutAccuracy());
        var table = data.attributes().get();
        List<AttributeExpression> ex = List.of(AttributeExpression.parse("smiling&!male", table),
            AttributeExpression.parse("!smiling&!male", table), AttributeExpression.parse("!smiling&male", table));
        AttributeExpression goal = AttributeExpression.parse("smiling&male", table);
        int D = cfg.latentDim();
        // linearity of the attributes in z, on a big pool
        AutoExemplars.Pool big = AutoExemplars.score(session, features, clf, 4000, 999, AutoExemplars.Progress.NONE);
        for (String at : List.of("Smiling", "Male")) {
            List<float[]> pos = new ArrayList<>(), neg = new ArrayList<>();
            for (int i = 0; i < big.size(); i++) (big.scores().get(i).get(at) > 0.5 ? pos : neg).add(big.zs().get(i));
            float[] d = Latent.direction(pos, neg);
            double dn = norm(d);
            // accuracy of thresholding projection on d at the best threshold
            double[] p = new double[big.size()]; boolean[] y = new boolean[big.size()];
            for (int i = 0; i < big.size(); i++) { double s = 0; for (int j = 0; j < D; j++) s += big.zs().get(i)[j] * d[j] / dn; p[i] = s; y[i] = big.scores().get(i).get(at) > 0.5; }
            double best = 0, bt = 0;
            for (double t = -3; t <= 3; t += 0.05) { int c = 0; for (int i = 0; i < p.length; i++) if ((p[i] > t) == y[i]) c++; if (c > best) { best = c; bt = t; } }
            System.out.printf("%s: rate %.3f |mean diff| %.2f linear acc %.3f at t=%.2f%n", at, pos.size() / (double) big.size(), dn, best / p.length, bt);
        }
        double[] sums = new double[12]; String[] names = {"avg3", "single", "avg3-rescaled", "single-rescaled", "avg3-confident-random", "avg10", "meanA-holdsA", "meanB-holdsB", "meanC-holdsC", "singleA-holdsA", "avg3-centre", "avg10-rescaled"};
        int R = a.length > 1 ? Integer.parseInt(a[1]) : 10;
        for (int r = 0; r < R; r++) {
            long seed = 1 + r;
            AutoExemplars.Pool pool = AutoExemplars.score(session, features, clf, 2000, seed, AutoExemplars.Progress.NONE);
            List<List<float[]>> g3 = AutoExemplars.choose(pool, ex, 3);
            List<List<float[]>> g10 = AutoExemplars.choose(pool, ex, 10);
            float[] y3 = Latent.arithmetic(Latent.mean(g3.get(0)), Latent.mean(g3.get(1)), Latent.mean(g3.get(2)));
            float[] y1 = Latent.arithmetic(g3.get(0).get(0), g3.get(1).get(0), g3.get(2).get(0));
            float[] y10 = Latent.arithmetic(Latent.mean(g10.get(0)), Latent.mean(g10.get(1)), Latent.mean(g10.get(2)));
            // confident random: among more-real half, holds with P>0.9 for each literal, random 3
            Rng rng = new Rng(seed * 31);
            List<float[]> conf = new ArrayList<>();
            Set<Integer> used = new HashSet<>();
            for (AttributeExpression e : ex) {
                List<Integer> ok = new ArrayList<>();
                for (int i = 0; i < pool.size(); i++) if (e.logScore(pool.scores().get(i)) > Math.log(0.9) && !used.contains(i)) ok.add(i);
                List<float[]> m = new ArrayList<>();
                for (int k = 0; k < 3 && !ok.isEmpty(); k++) { int i = ok.remove((int) (rng.nextDouble() * ok.size())); used.add(i); m.add(pool.zs().get(i)); }
                conf.add(Latent.mean(m));
            }
            float[] yc = Latent.arithmetic(conf.get(0), conf.get(1), conf.get(2));
            double sq = Math.sqrt(D);
            double[] v = {
                share(Latent.noiseGrid(y3, 0.25f, seed), goal), share(Latent.noiseGrid(y1, 0.25f, seed), goal),
                share(Latent.noiseGrid(scaled(y3, sq), 0.25f, seed), goal), share(Latent.noiseGrid(scaled(y1, sq), 0.25f, seed), goal),
                share(Latent.noiseGrid(yc, 0.25f, seed), goal), share(Latent.noiseGrid(y10, 0.25f, seed), goal),
                share(Latent.noiseGrid(Latent.mean(g3.get(0)), 0.25f, seed), ex.get(0)),
                share(Latent.noiseGrid(Latent.mean(g3.get(1)), 0.25f, seed), ex.get(1)),
                share(Latent.noiseGrid(Latent.mean(g3.get(2)), 0.25f, seed), ex.get(2)),
                share(Latent.noiseGrid(g3.get(0).get(0), 0.25f, seed), ex.get(0)),
                share(List.of(y3), goal), share(Latent.noiseGrid(scaled(y10, sq), 0.25f, seed), goal)};
            StringBuilder sb = new StringBuilder("seed " + seed + String.format(" |y3| %.1f |y1| %.1f |y10| %.1f |mA| %.1f", norm(y3), norm(y1), norm(y10), norm(Latent.mean(g3.get(0)))));
            for (int i = 0; i < v.length; i++) { sums[i] += v[i]; sb.append(String.format(" %s=%.2f", names[i], v[i])); }
            System.out.println(sb);
        }
        for (int i = 0; i < names.length; i++) System.out.printf("MEAN %s %.3f%n", names[i], sums[i] / R);
        session.close(); features.close(); data.close();
        System.exit(0);
    }
}
