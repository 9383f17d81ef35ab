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
import io.dcganexplorer.train.RunDirectory;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Do the discriminator-feature probes' shares survive an independent classifier? Re-scores the
 * smile arithmetic with linear probes on the features of the {@code score} command's CNN, which is
 * trained on real pixels only ({@code --scorer cnn}, the app's default since). Prints the share of
 * 2,000 generated samples (seed 999) each probe calls Smiling and Male; then per seed 1 to 10 the
 * averaged (3 exemplars) and single shares, scored by the CNN probes, with the exemplars picked by
 * the D-feature probes (the app's choice when this was measured) and picked by the CNN probes.
 *
 * <p>Run (see the package documentation for target/cp.txt):
 *
 * <pre>
 * java -cp target/test-classes:target/classes:$(cat target/cp.txt) [-Drun=RUN] \
 *     io.dcganexplorer.research.ArithmeticScoredByCnnProbes runs/faces64full/checkpoints/step-004000
 * </pre>
 *
 * <p>Result: {@code docs/experiments/faces64-full-width/diagnosis/diag2-output.txt}, in
 * {@code docs/experiments/faces64-full-width/diagnosis/README.md} ("An independent classifier") and the README
 * section "Face arithmetic at full widths (ngf = ndf = 64), step 4,000: not the paper's effect".
 * Formerly {@code assets/faces64full/diagnosis/Diag2.java}, which fitted its own CNN probes (read
 * from the scorer by reflection, images drawn with seed 5); it now takes the app's
 * ({@link AttributeClassifier} on the scorer's features, the run's seed), so its probe accuracies
 * and shares may differ from that output in the last digits.
 */
public final class ArithmeticScoredByCnnProbes {
    private ArithmeticScoredByCnnProbes() {}

    public static void main(String[] a) throws Exception {
        if (a.length == 0) {
            SmileArithmetic.usage("ArithmeticScoredByCnnProbes", "CHECKPOINT",
                    "The smile arithmetic's shares scored by probes on the real-pixel CNN, exemplars picked by "
                            + "D-feature or CNN probes.");
        }
        Path dir = Path.of(a[0]);
        int repeat = 10;
        Engines.configure(0);
        RunDirectory run = SmileArithmetic.runOf(dir);
        try (ArithmeticEvaluation cnnEv = SmileArithmetic.open(run, true, 3, repeat);
                ArithmeticEvaluation dEv = SmileArithmetic.open(run, false, 3, repeat);
                GeneratorSession session = GeneratorSession.open(dir);
                DiscriminatorFeatures features = DiscriminatorFeatures.open(dir)) {
            AttributeClassifier cnn = cnnEv.probes(features);
            System.out.println("cnn probes held-out accuracy " + cnn.heldOutAccuracy());
            AttributeClassifier dclf = dEv.probes(features);
            List<AttributeExpression> ex = cnnEv.expressions();
            AttributeExpression goal = cnnEv.target();
            AutoExemplars.Pool generated = AutoExemplars.score(session, features, cnn, 2000, 999,
                    AutoExemplars.Progress.NONE);
            for (Map.Entry<String, Double> e : AutoExemplars.calledRates(generated).entrySet()) {
                System.out.printf(Locale.ROOT, "cnn rate on generated %s %.3f%n", e.getKey(), e.getValue());
            }
            double sa = 0;
            double ss = 0;
            double ca = 0;
            double cs = 0;
            for (int r = 0; r < repeat; r++) {
                long seed = 1 + r;
                // exemplars as the app picked them then (D probes), scored by the CNN probes
                AutoExemplars.Pool pool = AutoExemplars.score(session, features, dclf, SmileArithmetic.POOL, seed,
                        AutoExemplars.Progress.NONE);
                double[] d = shares(session, cnn, AutoExemplars.choose(pool, ex, 3), seed, goal);
                // exemplars picked by the CNN probes too (the same z, the more-real half by D's realness, as the app)
                AutoExemplars.Pool cpool = AutoExemplars.score(session, features, cnn, SmileArithmetic.POOL, seed,
                        AutoExemplars.Progress.NONE);
                double[] c = shares(session, cnn, AutoExemplars.choose(cpool, ex, 3), seed, goal);
                System.out.printf(Locale.ROOT, "seed %d  D-picked, CNN-scored: avg %.2f single %.2f | CNN-picked, "
                        + "CNN-scored: avg %.2f single %.2f%n", seed, d[0], d[1], c[0], c[1]);
                sa += d[0];
                ss += d[1];
                ca += c[0];
                cs += c[1];
            }
            System.out.printf(Locale.ROOT, "MEAN D-picked avg %.3f single %.3f | CNN-picked avg %.3f single %.3f%n",
                    sa / repeat, ss / repeat, ca / repeat, cs / repeat);
        }
        System.exit(0);
    }

    /** The averaged and the single-exemplar share of {@code goal} among the 3x3 results, scored by {@code clf}. */
    private static double[] shares(GeneratorSession session, AttributeClassifier clf, List<List<float[]>> g, long seed,
            AttributeExpression goal) {
        float[] avg = GroupMean.PLAIN.arithmetic(g.get(0), g.get(1), g.get(2));
        float[] single = Latent.arithmetic(g.get(0).get(0), g.get(1).get(0), g.get(2).get(0));
        double[] out = new double[2];
        int i = 0;
        for (float[] y : List.of(avg, single)) {
            List<float[]> grid = Latent.noiseGrid(y, SmileArithmetic.SCALE, seed);
            out[i++] = clf.scoreImages(session.renderRaw(grid).join(), grid.size()).stream().filter(goal::holds)
                    .count() / 9.0;
        }
        return out;
    }
}
