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
import io.dcganexplorer.train.Checkpoint;
import io.dcganexplorer.train.RunDirectory;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Do averaged exemplars beat single ones, or only a shorter Y? A single Y = a_i - b_i + c_i has
 * about sqrt(3) times the norm of an averaged Y, so the raw comparison also compares two radii.
 * On every checkpoint given (G's own weights, not a moving average), for the same exemplars as
 * {@code arithmetic --auto "smiling&!male" "!smiling&!male" "!smiling&male"} (CNN probes pick and
 * score, K = 3 exemplars from the discriminator's more-real half of a 2,000-sample pool, seeds 1 to
 * 10, a +-0.25 grid): single-r1..r3 (the i-th exemplars), avgK, avgK at the norm of the rank-1
 * single Y of the same seed, single-r1 at the averaged Y's norm, both at the prior's typical
 * radius sqrt(d), and Y from group means each first scaled to that radius (avgK-normed-means).
 *
 * <p>Run (see the package documentation for target/cp.txt):
 *
 * <pre>
 * java -cp target/test-classes:target/classes:$(cat target/cp.txt) [-Dk=3] [-Dfirst=1] [-Drepeat=10] [-Drun=RUN] \
 *     io.dcganexplorer.research.AveragedVsSingleAtMatchedNorm runs/faces64v3/checkpoints/step-000250 ...
 * </pre>
 *
 * Prints one CSV row per checkpoint and variant on stdout. The probes read the run's own dataset
 * (this was {@code -Ddataset=faces-v3} when the program was {@code Diag6}).
 *
 * <p>Result: {@code docs/experiments/faces64-v3/arithmetic-norm-and-rank.csv} and
 * {@code docs/experiments/faces64-v2-ema/arithmetic-norm-and-rank.csv}, in the README section "The norm of Y:
 * what the averaged and single results really differ in". Formerly
 * {@code assets/faces64v3/diagnosis/Diag6.java}.
 */
public final class AveragedVsSingleAtMatchedNorm {
    private AveragedVsSingleAtMatchedNorm() {}

    public static void main(String[] a) throws Exception {
        if (a.length == 0) {
            SmileArithmetic.usage("AveragedVsSingleAtMatchedNorm", "CHECKPOINT...",
                    "Shares of averaged and single-exemplar smile arithmetic, each also at the other's norm and "
                            + "at sqrt(d).");
        }
        Engines.configure(0);
        int repeat = Integer.parseInt(System.getProperty("repeat", "10"));
        long first = Long.parseLong(System.getProperty("first", "1"));
        int k = Integer.parseInt(System.getProperty("k", "3"));
        RunDirectory run = SmileArithmetic.runOf(Path.of(a[0]));
        double radius = Math.sqrt(run.config().latentDim());
        try (ArithmeticEvaluation ev = SmileArithmetic.open(run, true, k, repeat)) {
            List<AttributeExpression> ex = ev.expressions();
            AttributeExpression goal = ev.target();
            System.out.println("checkpoint,variant,share,hits_per_seed,mean_norm_y,smiling_share,male_share");
            for (String arg : a) {
                Path dir = Path.of(arg);
                long t0 = System.nanoTime();
                try (GeneratorSession session = GeneratorSession.open(dir, Checkpoint.Weights.TRAINED);
                        DiscriminatorFeatures features = DiscriminatorFeatures.open(dir)) {
                    AttributeClassifier clf = ev.probes(features);
                    Map<String, double[]> acc = new LinkedHashMap<>(); // share, norm, smiling, male
                    Map<String, StringBuilder> hits = new LinkedHashMap<>();
                    for (int r = 0; r < repeat; r++) {
                        long seed = first + r;
                        AutoExemplars.Pool pool = AutoExemplars.score(session, features, clf, SmileArithmetic.POOL,
                                seed, AutoExemplars.Progress.NONE);
                        List<List<float[]>> g = AutoExemplars.choose(pool, ex, k);
                        Map<String, float[]> ys = new LinkedHashMap<>();
                        for (int i = 0; i < 3; i++) {
                            ys.put("single-r" + (i + 1),
                                    Latent.arithmetic(g.get(0).get(i), g.get(1).get(i), g.get(2).get(i)));
                        }
                        float[] avg = GroupMean.PLAIN.arithmetic(g.get(0), g.get(1), g.get(2));
                        float[] single = ys.get("single-r1");
                        ys.put("avg" + k, avg);
                        // The variants below are what this program measures; the app's --means rescaled scales each
                        // group's mean to its members' average norm, close to but not the same as normed-means here.
                        ys.put("avg" + k + "-at-single-norm", SmileArithmetic.scaled(avg, Latent.norm(single)));
                        ys.put("single-r1-at-avg" + k + "-norm", SmileArithmetic.scaled(single, Latent.norm(avg)));
                        ys.put("avg" + k + "-at-prior-radius", SmileArithmetic.scaled(avg, radius));
                        ys.put("avg" + k + "-normed-means", Latent.arithmetic(
                                SmileArithmetic.scaled(GroupMean.PLAIN.of(g.get(0)), radius),
                                SmileArithmetic.scaled(GroupMean.PLAIN.of(g.get(1)), radius),
                                SmileArithmetic.scaled(GroupMean.PLAIN.of(g.get(2)), radius)));
                        ys.put("single-r1-at-prior-radius", SmileArithmetic.scaled(single, radius));
                        for (Map.Entry<String, float[]> e : ys.entrySet()) {
                            List<float[]> grid = Latent.noiseGrid(e.getValue(), SmileArithmetic.SCALE, seed);
                            List<Map<String, Double>> sc = clf.scoreImages(session.renderRaw(grid).join(), grid.size());
                            long h = sc.stream().filter(goal::holds).count();
                            long sm = sc.stream().filter(m -> m.get("Smiling") >= 0.5).count();
                            long ma = sc.stream().filter(m -> m.get("Male") >= 0.5).count();
                            double[] v = acc.computeIfAbsent(e.getKey(), x -> new double[4]);
                            v[0] += h / 9.0 / repeat;
                            v[1] += Latent.norm(e.getValue()) / repeat;
                            v[2] += sm / 9.0 / repeat;
                            v[3] += ma / 9.0 / repeat;
                            hits.computeIfAbsent(e.getKey(), x -> new StringBuilder()).append(r == 0 ? "" : " ")
                                    .append(h);
                        }
                    }
                    for (String n : acc.keySet()) {
                        double[] v = acc.get(n);
                        System.out.printf(Locale.ROOT, "%s,%s,%.3f,%s,%.2f,%.3f,%.3f%n", dir.getFileName(), n, v[0],
                                hits.get(n), v[1], v[2], v[3]);
                    }
                    System.out.flush();
                }
                System.err.printf(Locale.ROOT, "%s done in %.0f s%n", dir, (System.nanoTime() - t0) / 1e9);
            }
        }
        System.exit(0);
    }
}
