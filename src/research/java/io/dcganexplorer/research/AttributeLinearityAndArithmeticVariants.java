package io.dcganexplorer.research;

import io.dcganexplorer.eval.AttributeClassifier;
import io.dcganexplorer.eval.AttributeExpression;
import io.dcganexplorer.eval.DiscriminatorFeatures;
import io.dcganexplorer.latent.ArithmeticEvaluation;
import io.dcganexplorer.latent.AutoExemplars;
import io.dcganexplorer.latent.GeneratorSession;
import io.dcganexplorer.latent.GroupMean;
import io.dcganexplorer.latent.Latent;
import io.dcganexplorer.model.Engines;
import io.dcganexplorer.model.Rng;
import io.dcganexplorer.train.RunDirectory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Why do averaged exemplars lose to single ones on the full-width 64x64 faces run? With the
 * probes on the discriminator's features ({@code arithmetic --auto --scorer d}, the app's scorer
 * when this was measured): how linearly Smiling and Male separate in z (the accuracy of one
 * direction, mean z of the probe's positives minus negatives, at its best threshold, on a pool of
 * 4,000), then per seed (1 to ROUNDS) the share of smiling men among the 3x3 results of the app's
 * averaged Y (3 exemplars), a single exemplar, both rescaled to norm sqrt(d), 3 random confident
 * exemplars (P(expression) > 0.9) instead of the top 3, 10 exemplars (also rescaled), the centre
 * image only, and whether G(mean of a group) and G(first exemplar) still hold the group's
 * expression.
 *
 * <p>Run (see the package documentation for target/cp.txt):
 *
 * <pre>
 * java -cp target/test-classes:target/classes:$(cat target/cp.txt) [-Drun=RUN] \
 *     io.dcganexplorer.research.AttributeLinearityAndArithmeticVariants \
 *     runs/faces64full/checkpoints/step-004000 [ROUNDS=10]
 * </pre>
 *
 * <p>Result: {@code docs/experiments/faces64-full-width/diagnosis/README.md} (its output of 2026-12-02), in the
 * README section "Face arithmetic at full widths (ngf = ndf = 64), step 4,000: not the paper's
 * effect". Formerly {@code assets/faces64full/diagnosis/Diag.java}.
 */
public final class AttributeLinearityAndArithmeticVariants {
    private AttributeLinearityAndArithmeticVariants() {}

    public static void main(String[] a) throws Exception {
        if (a.length == 0) {
            SmileArithmetic.usage("AttributeLinearityAndArithmeticVariants", "CHECKPOINT [ROUNDS]",
                    "How linear Smiling and Male are in z, and the smile arithmetic's share for eleven variants "
                            + "(D-feature probes).");
        }
        Path dir = Path.of(a[0]);
        int rounds = a.length > 1 ? Integer.parseInt(a[1]) : 10;
        Engines.configure(0);
        RunDirectory run = SmileArithmetic.runOf(dir);
        try (ArithmeticEvaluation ev = SmileArithmetic.open(run, false, 10, rounds);
                GeneratorSession session = GeneratorSession.open(dir);
                DiscriminatorFeatures features = DiscriminatorFeatures.open(dir)) {
            AttributeClassifier clf = ev.probes(features);
            System.out.println("clf " + clf.heldOutAccuracy());
            List<AttributeExpression> ex = ev.expressions();
            AttributeExpression goal = ev.target();
            int dim = session.config().latentDim();
            // linearity of the attributes in z, on a big pool
            AutoExemplars.Pool big = AutoExemplars.score(session, features, clf, 4000, 999,
                    AutoExemplars.Progress.NONE);
            for (String at : List.of("Smiling", "Male")) {
                List<float[]> pos = new ArrayList<>();
                List<float[]> neg = new ArrayList<>();
                for (int i = 0; i < big.size(); i++) {
                    (big.scores().get(i).get(at) > 0.5 ? pos : neg).add(big.zs().get(i));
                }
                float[] d = Latent.direction(pos, neg);
                double dn = Latent.norm(d);
                // accuracy of thresholding the projection on d at the best threshold
                double[] p = new double[big.size()];
                boolean[] y = new boolean[big.size()];
                for (int i = 0; i < big.size(); i++) {
                    float[] z = big.zs().get(i);
                    double s = 0;
                    for (int j = 0; j < dim; j++) {
                        s += z[j] * d[j] / dn;
                    }
                    p[i] = s;
                    y[i] = big.scores().get(i).get(at) > 0.5;
                }
                double best = 0;
                double bestT = 0;
                for (double t = -3; t <= 3; t += 0.05) {
                    int c = 0;
                    for (int i = 0; i < p.length; i++) {
                        c += (p[i] > t) == y[i] ? 1 : 0;
                    }
                    if (c > best) {
                        best = c;
                        bestT = t;
                    }
                }
                System.out.printf(Locale.ROOT, "%s: rate %.3f |mean diff| %.2f linear acc %.3f at t=%.2f%n", at,
                        pos.size() / (double) big.size(), dn, best / p.length, bestT);
            }
            String[] names = {"avg3", "single", "avg3-rescaled", "single-rescaled", "avg3-confident-random", "avg10",
                "meanA-holdsA", "meanB-holdsB", "meanC-holdsC", "singleA-holdsA", "avg3-centre", "avg10-rescaled"};
            double[] sums = new double[names.length];
            double radius = Math.sqrt(dim);
            for (int r = 0; r < rounds; r++) {
                long seed = 1 + r;
                AutoExemplars.Pool pool = AutoExemplars.score(session, features, clf, SmileArithmetic.POOL, seed,
                        AutoExemplars.Progress.NONE);
                List<List<float[]>> g3 = AutoExemplars.choose(pool, ex, 3);
                List<List<float[]>> g10 = AutoExemplars.choose(pool, ex, 10);
                float[] y3 = GroupMean.PLAIN.arithmetic(g3.get(0), g3.get(1), g3.get(2));
                float[] y1 = Latent.arithmetic(g3.get(0).get(0), g3.get(1).get(0), g3.get(2).get(0));
                float[] y10 = GroupMean.PLAIN.arithmetic(g10.get(0), g10.get(1), g10.get(2));
                List<float[]> conf = confidentRandomMeans(pool, ex, new Rng(seed * 31));
                float[] yc = Latent.arithmetic(conf.get(0), conf.get(1), conf.get(2));
                double[] v = {
                    share(session, clf, grid(y3, seed), goal), share(session, clf, grid(y1, seed), goal),
                    share(session, clf, grid(SmileArithmetic.scaled(y3, radius), seed), goal),
                    share(session, clf, grid(SmileArithmetic.scaled(y1, radius), seed), goal),
                    share(session, clf, grid(yc, seed), goal), share(session, clf, grid(y10, seed), goal),
                    share(session, clf, grid(Latent.mean(g3.get(0)), seed), ex.get(0)),
                    share(session, clf, grid(Latent.mean(g3.get(1)), seed), ex.get(1)),
                    share(session, clf, grid(Latent.mean(g3.get(2)), seed), ex.get(2)),
                    share(session, clf, grid(g3.get(0).get(0), seed), ex.get(0)),
                    share(session, clf, List.of(y3), goal),
                    share(session, clf, grid(SmileArithmetic.scaled(y10, radius), seed), goal)};
                StringBuilder sb = new StringBuilder("seed " + seed + String.format(Locale.ROOT,
                        " |y3| %.1f |y1| %.1f |y10| %.1f |mA| %.1f", Latent.norm(y3), Latent.norm(y1), Latent.norm(y10),
                        Latent.norm(Latent.mean(g3.get(0)))));
                for (int i = 0; i < v.length; i++) {
                    sums[i] += v[i];
                    sb.append(String.format(Locale.ROOT, " %s=%.2f", names[i], v[i]));
                }
                System.out.println(sb);
            }
            for (int i = 0; i < names.length; i++) {
                System.out.printf(Locale.ROOT, "MEAN %s %.3f%n", names[i], sums[i] / rounds);
            }
        }
        System.exit(0);
    }

    /**
     * For each expression, the mean of 3 random pool members that hold it with P > 0.9, none used
     * twice. A variant the app does not offer ({@link AutoExemplars#choose} takes the likeliest of
     * the more-real half): it tells whether the top exemplars, not averaging as such, lose.
     */
    private static List<float[]> confidentRandomMeans(AutoExemplars.Pool pool, List<AttributeExpression> exprs,
            Rng rng) {
        List<float[]> means = new ArrayList<>();
        Set<Integer> used = new HashSet<>();
        for (AttributeExpression e : exprs) {
            List<Integer> ok = new ArrayList<>();
            for (int i = 0; i < pool.size(); i++) {
                if (e.logScore(pool.scores().get(i)) > Math.log(0.9) && !used.contains(i)) {
                    ok.add(i);
                }
            }
            List<float[]> members = new ArrayList<>();
            for (int k = 0; k < 3 && !ok.isEmpty(); k++) {
                int i = ok.remove((int) (rng.nextDouble() * ok.size()));
                used.add(i);
                members.add(pool.zs().get(i));
            }
            means.add(Latent.mean(members));
        }
        return means;
    }

    private static List<float[]> grid(float[] y, long seed) {
        return Latent.noiseGrid(y, SmileArithmetic.SCALE, seed);
    }

    /** The share of {@code zs}' images the probes say hold {@code goal}. */
    private static double share(GeneratorSession session, AttributeClassifier clf, List<float[]> zs,
            AttributeExpression goal) {
        return clf.scoreImages(session.renderRaw(zs).join(), zs.size()).stream().filter(goal::holds).count()
                / (double) zs.size();
    }
}
