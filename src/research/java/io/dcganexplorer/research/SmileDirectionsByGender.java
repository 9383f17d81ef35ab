package io.dcganexplorer.research;

import io.dcganexplorer.eval.AttributeClassifier;
import io.dcganexplorer.eval.AttributeExpression;
import io.dcganexplorer.eval.DiscriminatorFeatures;
import io.dcganexplorer.latent.ArithmeticEvaluation;
import io.dcganexplorer.latent.AutoExemplars;
import io.dcganexplorer.latent.GeneratorSession;
import io.dcganexplorer.latent.Latent;
import io.dcganexplorer.model.DcganConfig;
import io.dcganexplorer.model.Engines;
import io.dcganexplorer.model.Rng;
import io.dcganexplorer.train.RunDirectory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Is there a smile that adds in z, and is it the same for women and men? On each checkpoint: a
 * pool of 4,000 samples (seed 99) scored by the CNN probes of {@code arithmetic --auto}; the smile
 * direction among the samples called women (mean z of those called smiling minus those called
 * neutral, dF), among the men (dM) and over all (dAll); P(smiling | woman) and P(smiling | man);
 * the cosine of dF and dM; and the share of up to 200 other neutral men (a second pool, seed 7)
 * called smiling and male after z + s d for s = 1, 2, 3, for d = dF, dM, dAll and, as a control, a
 * random direction as long as dF.
 *
 * <p>Run (see the package documentation for target/cp.txt):
 *
 * <pre>
 * java -cp target/test-classes:target/classes:$(cat target/cp.txt) [-Drun=RUN] \
 *     io.dcganexplorer.research.SmileDirectionsByGender runs/faces64ls/checkpoints/step-002250 ...
 * </pre>
 *
 * Prints one CSV row per checkpoint on stdout. The probes read the run's own dataset (this was
 * {@code -Ddataset=SPEC} when the program was {@code Diag4}).
 *
 * <p>Result: {@code docs/experiments/faces64-label-smoothing/rerun/smile-directions.csv}, in the README section
 * "Retrained 2026-12-04: a frozen discriminator, and a smile that only adds where G's smile is
 * shared" (the cos(dF, dM), "dF moves a man" and "random" columns) and
 * {@code docs/experiments/faces64-label-smoothing/diagnosis/README.md}; the faces-v2 run's in
 * {@code docs/experiments/faces64-v2/}.
 * Formerly {@code assets/faces64ls/diagnosis/Diag4.java}.
 */
public final class SmileDirectionsByGender {
    private SmileDirectionsByGender() {}

    /** The pool members called smiling ({@code smile}) or neutral, among {@code male} (null: all). */
    static List<float[]> called(AutoExemplars.Pool pool, boolean smile, Boolean male) {
        List<float[]> sel = new ArrayList<>();
        for (int i = 0; i < pool.size(); i++) {
            Map<String, Double> p = pool.scores().get(i);
            boolean s = p.get("Smiling") >= 0.5;
            boolean m = p.get("Male") >= 0.5;
            if (s == smile && (male == null || m == male)) {
                sel.add(pool.zs().get(i));
            }
        }
        return sel;
    }

    /**
     * Mean z of the samples called smiling minus that of those called neutral, among {@code male}
     * (null: all). Not {@link AutoExemplars#directions}, which takes the most and least likely
     * quarter of the whole pool: here the split is by the probes' call, within one gender.
     */
    static float[] smile(AutoExemplars.Pool pool, Boolean male) {
        return Latent.direction(called(pool, true, male), called(pool, false, male));
    }

    public static void main(String[] a) throws Exception {
        if (a.length == 0) {
            SmileArithmetic.usage("SmileDirectionsByGender", "CHECKPOINT...",
                    "The smile direction in z among women and among men, their cosine, and how often each makes a "
                            + "neutral man smile.");
        }
        Engines.configure(0);
        RunDirectory run = SmileArithmetic.runOf(Path.of(a[0]));
        DcganConfig cfg = run.config();
        try (ArithmeticEvaluation ev = SmileArithmetic.open(run, true, 3, 1)) {
            AttributeExpression neutralMan = ev.expressions().get(2);
            AttributeExpression goal = ev.target();
            System.out.println("checkpoint,smiling_given_female,smiling_given_male,norm_dF,norm_dM,cos_dF_dM,"
                    + "men_made_smiling_by_dF_s1_s2_s3,by_dM_s1_s2_s3,by_dAll_s1_s2_s3,by_random_of_norm_dF_s1_s2_s3,"
                    + "neutral_men_tested");
            for (String arg : a) {
                Path dir = Path.of(arg);
                try (GeneratorSession session = GeneratorSession.open(dir);
                        DiscriminatorFeatures features = DiscriminatorFeatures.open(dir)) {
                    AttributeClassifier clf = ev.probes(features);
                    AutoExemplars.Pool pool = AutoExemplars.score(session, features, clf, 4000, 99,
                            AutoExemplars.Progress.NONE);
                    int f = 0;
                    int fs = 0;
                    int m = 0;
                    int ms = 0;
                    for (Map<String, Double> p : pool.scores()) {
                        boolean s = p.get("Smiling") >= 0.5;
                        if (p.get("Male") >= 0.5) {
                            m++;
                            ms += s ? 1 : 0;
                        } else {
                            f++;
                            fs += s ? 1 : 0;
                        }
                    }
                    float[] dF = smile(pool, false);
                    float[] dM = smile(pool, true);
                    float[] dA = smile(pool, null);
                    double cos = Latent.dot(dF, dM) / (Latent.norm(dF) * Latent.norm(dM));
                    // up to 200 neutral men, in the order drawn: the typical members of C's expression
                    AutoExemplars.Pool candidates = AutoExemplars.score(session, features, clf, 1200, 7,
                            AutoExemplars.Progress.NONE);
                    List<float[]> men = AutoExemplars.typical(candidates, neutralMan, List.of(), 200);
                    // control: a random direction as long as dF, to tell a smile direction from any push off a
                    // neutral man
                    float[] r = new Rng(5).latent(1, cfg.latentDim(), cfg.prior());
                    float[] rand = SmileArithmetic.scaled(r, Latent.norm(dF));
                    StringBuilder row = new StringBuilder();
                    for (float[] d : List.of(dF, dM, dA, rand)) {
                        StringBuilder cell = new StringBuilder();
                        for (int s = 1; s <= 3; s++) {
                            Double share = AutoExemplars.transfer(session, clf, men,
                                    Latent.add(new float[d.length], d, s), goal);
                            cell.append(s == 1 ? "" : " ").append(String.format(Locale.ROOT, "%.2f", share));
                        }
                        row.append(',').append(cell);
                    }
                    System.out.printf(Locale.ROOT, "%s,%.3f,%.3f,%.2f,%.2f,%.3f%s,%d%n", dir.getFileName(),
                            fs / (double) f, ms / (double) m, Latent.norm(dF), Latent.norm(dM), cos, row, men.size());
                    System.out.flush();
                }
            }
        }
        System.exit(0);
    }
}
