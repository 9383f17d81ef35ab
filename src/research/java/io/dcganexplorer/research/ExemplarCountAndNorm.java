package io.dcganexplorer.research;

import io.dcganexplorer.eval.AttributeClassifier;
import io.dcganexplorer.eval.AttributeExpression;
import io.dcganexplorer.eval.DiscriminatorFeatures;
import io.dcganexplorer.latent.ArithmeticEvaluation;
import io.dcganexplorer.latent.AutoExemplars;
import io.dcganexplorer.latent.GeneratorSession;
import io.dcganexplorer.latent.GroupMean;
import io.dcganexplorer.latent.Latent;
import io.dcganexplorer.model.DcganConfig;
import io.dcganexplorer.model.Engines;
import io.dcganexplorer.train.RunDirectory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Does the face arithmetic improve with more exemplars per group, or with Y at the prior's
 * radius? On every checkpoint given: {@code arithmetic --auto "smiling&!male" "!smiling&!male"
 * "!smiling&male" --repeat 10} as the app runs it (CNN probes pick and score, exemplars from the
 * discriminator's more-real half of a 2,000-sample pool, seeds 1 to 10, a +-0.25 grid), with K = 1
 * (single), 3, 10 and 30 exemplars per group, and each Y also rescaled to the normal prior's
 * typical radius sqrt(d). Its single and K = 3 rows equal the command's {@code mean_single_share}
 * and {@code mean_averaged_share}.
 *
 * <p>Run (see the package documentation for target/cp.txt):
 *
 * <pre>
 * java -cp target/test-classes:target/classes:$(cat target/cp.txt) [-Dks=3,10,30] [-Drepeat=10] [-Drun=RUN] \
 *     io.dcganexplorer.research.ExemplarCountAndNorm runs/faces64ls/checkpoints/step-002250 ...
 * </pre>
 *
 * Prints one CSV row per checkpoint and variant on stdout. The probes read the run's own dataset
 * (this was {@code -Ddataset=SPEC} when the program was {@code Diag3}).
 *
 * <p>Result: {@code docs/experiments/faces64-label-smoothing/rerun/exemplar-count-and-norm.csv}, in the README section
 * "Retrained 2026-12-04: a frozen discriminator, and a smile that only adds where G's smile is
 * shared" (the K = 10 and "K = 10, norm 10" columns) and
 * {@code docs/experiments/faces64-label-smoothing/diagnosis/README.md};
 * the faces-v2 run's CSVs under {@code docs/experiments/faces64-v2/}. Formerly
 * {@code assets/faces64ls/diagnosis/Diag3.java}.
 */
public final class ExemplarCountAndNorm {
    private ExemplarCountAndNorm() {}

    public static void main(String[] a) throws Exception {
        if (a.length == 0) {
            SmileArithmetic.usage("ExemplarCountAndNorm", "CHECKPOINT...",
                    "Shares of the smile arithmetic with K = 1, 3, 10, 30 exemplars per group, Y as is and at norm "
                            + "sqrt(d).");
        }
        Engines.configure(0);
        int repeat = Integer.parseInt(System.getProperty("repeat", "10"));
        int[] ks = Arrays.stream(System.getProperty("ks", "3,10,30").split(",")).mapToInt(Integer::parseInt).toArray();
        int kmax = Arrays.stream(ks).max().getAsInt();
        RunDirectory run = SmileArithmetic.runOf(Path.of(a[0]));
        DcganConfig cfg = run.config();
        double radius = Math.sqrt(cfg.latentDim());
        try (ArithmeticEvaluation ev = SmileArithmetic.open(run, true, kmax, repeat)) {
            List<AttributeExpression> ex = ev.expressions();
            AttributeExpression goal = ev.target();
            System.out.println("checkpoint,variant,share,hits_per_seed,mean_norm_y,centre_p_smiling_median");
            for (String arg : a) {
                Path dir = Path.of(arg);
                long t0 = System.nanoTime();
                try (GeneratorSession session = GeneratorSession.open(dir);
                        DiscriminatorFeatures features = DiscriminatorFeatures.open(dir)) {
                    AttributeClassifier clf = ev.probes(features);
                    Map<String, double[]> share = new LinkedHashMap<>();
                    Map<String, StringBuilder> hits = new LinkedHashMap<>();
                    Map<String, double[]> norm = new LinkedHashMap<>();
                    Map<String, double[]> centre = new LinkedHashMap<>();
                    for (int r = 0; r < repeat; r++) {
                        long seed = 1 + r;
                        AutoExemplars.Pool pool = AutoExemplars.score(session, features, clf, SmileArithmetic.POOL,
                                seed, AutoExemplars.Progress.NONE);
                        // One choice of kmax exemplars, its first K for each K: the app chooses K, which for these
                        // three disjoint expressions picks the same first K (the single and K = 3 rows matched the
                        // command's on steps 1,000, 2,000, 2,250 and 3,000).
                        List<List<float[]>> g = AutoExemplars.choose(pool, ex, kmax);
                        List<String> names = new ArrayList<>();
                        List<float[]> ys = new ArrayList<>();
                        names.add("single");
                        ys.add(Latent.arithmetic(g.get(0).get(0), g.get(1).get(0), g.get(2).get(0)));
                        for (int k : ks) {
                            names.add("avg" + k);
                            ys.add(GroupMean.PLAIN.arithmetic(g.get(0).subList(0, k), g.get(1).subList(0, k),
                                    g.get(2).subList(0, k)));
                        }
                        // A variant the app does not offer: the whole Y at the prior's radius (--means rescaled
                        // rescales each group's mean to its members' norm instead).
                        int base = ys.size();
                        for (int i = 0; i < base; i++) {
                            names.add(names.get(i) + "-rescaled");
                            ys.add(SmileArithmetic.scaled(ys.get(i), radius));
                        }
                        for (int i = 0; i < ys.size(); i++) {
                            List<float[]> grid = Latent.noiseGrid(ys.get(i), SmileArithmetic.SCALE, seed);
                            List<Map<String, Double>> sc = clf.scoreImages(session.renderRaw(grid).join(), grid.size());
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
                        System.out.printf(Locale.ROOT, "%s,%s,%.3f,%s,%.2f,%.3f%n", dir.getFileName(), n,
                                share.get(n)[0], hits.get(n), norm.get(n)[0],
                                (c[(repeat - 1) / 2] + c[repeat / 2]) / 2);
                    }
                    System.out.flush();
                }
                System.err.printf(Locale.ROOT, "%s done in %.0f s%n", dir, (System.nanoTime() - t0) / 1e9);
            }
        }
        System.exit(0);
    }
}
