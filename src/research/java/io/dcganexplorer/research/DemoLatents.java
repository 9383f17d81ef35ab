package io.dcganexplorer.research;

import io.dcganexplorer.eval.AttributeClassifier;
import io.dcganexplorer.eval.AttributeExpression;
import io.dcganexplorer.eval.DiscriminatorFeatures;
import io.dcganexplorer.latent.ArithmeticEvaluation;
import io.dcganexplorer.latent.AutoExemplars;
import io.dcganexplorer.latent.GeneratorSession;
import io.dcganexplorer.latent.GroupMean;
import io.dcganexplorer.latent.Latent;
import io.dcganexplorer.latent.LatentStore;
import io.dcganexplorer.model.DcganConfig;
import io.dcganexplorer.train.Checkpoint;
import io.dcganexplorer.train.RunDirectory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The saved latents the shipped demo opens with, made the way the window's auto-fill makes them:
 * groups A, B and C of the smile arithmetic ({@link SmileArithmetic#GROUPS}) with the 10 likeliest
 * of 2,000 samples each (the count that made averaging win, face-arithmetic-11), the attribute
 * directions of that pool ({@code direction:Smiling} also saved as {@code direction:smile}), a
 * {@code direction:turn} (the mean z of the 100 samples likeliest to face left minus that of the
 * 100 likeliest to face right) and a walk (the sets {@code walk}: the first exemplar of each group
 * and their arithmetic result). Written into the run's latents.json, which the demo's pack tool
 * copies.
 *
 * <p>Usage: {@code DemoLatents CHECKPOINT_DIR} ({@code -Drun=DIR} when the checkpoint is not under
 * a run's checkpoints folder).
 */
public final class DemoLatents {
    private static final int PER_GROUP = 10;
    private static final int TURN_SAMPLES = 100;
    private static final long SEED = 1;

    private DemoLatents() {}

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            SmileArithmetic.usage("DemoLatents", "CHECKPOINT_DIR", "Which latents does the shipped demo open with?");
        }
        Path cp = Path.of(args[0]);
        RunDirectory run = SmileArithmetic.runOf(cp);
        DcganConfig cfg = run.config();
        List<List<float[]>> groups;
        Map<String, float[]> directions;
        float[] turn;
        try (GeneratorSession session = GeneratorSession.open(cp, Checkpoint.Weights.TRAINED);
                DiscriminatorFeatures features = DiscriminatorFeatures.open(cp)) {
            Scored smiles = score(run, cfg, SmileArithmetic.GROUPS, session, features);
            groups = AutoExemplars.choose(smiles.pool(), smiles.exprs(), PER_GROUP);
            directions = AutoExemplars.directions(smiles.pool(), 0.25);
            Scored poses = score(run, cfg, List.of("facing_left", "facing_right", "facing_front"), session, features);
            List<List<float[]>> sides = AutoExemplars.choose(poses.pool(), poses.exprs(), TURN_SAMPLES);
            turn = Latent.direction(sides.get(0), sides.get(1));
        }
        float[] y = GroupMean.RESCALED.arithmetic(groups.get(0), groups.get(1), groups.get(2));
        List<float[]> walk = List.of(groups.get(0).get(0), groups.get(1).get(0), groups.get(2).get(0), y);
        LatentStore.update(run.root(), cfg.latentDim(), store -> {
            for (int g = 0; g < 3; g++) {
                store.putSet(List.of("A", "B", "C").get(g), groups.get(g));
            }
            for (var e : directions.entrySet()) {
                store.putDirection(e.getKey(), e.getValue());
            }
            store.putDirection("smile", directions.get("Smiling"));
            store.putDirection("turn", turn);
            store.putSet("walk", walk);
        });
        System.err.printf(Locale.ROOT, "wrote %s: sets A, B, C (%d each), walk (4), directions %s, smile, turn "
                + "(|turn| %.2f, |smile| %.2f)%n", run.root().resolve(LatentStore.FILE), PER_GROUP, directions.keySet(),
                Latent.norm(turn), Latent.norm(directions.get("Smiling")));
    }

    /** A scored pool and the expressions it was scored for. */
    private record Scored(AutoExemplars.Pool pool, List<AttributeExpression> exprs) {}

    private static Scored score(RunDirectory run, DcganConfig cfg, List<String> groups, GeneratorSession session,
            DiscriminatorFeatures features) throws IOException {
        try (ArithmeticEvaluation eval = evaluation(run, cfg, groups)) {
            AttributeClassifier clf = eval.probes(features);
            return new Scored(AutoExemplars.score(session, features, clf, SmileArithmetic.POOL, SEED,
                    AutoExemplars.Progress.NONE), new ArrayList<>(eval.expressions()));
        }
    }

    private static ArithmeticEvaluation evaluation(RunDirectory run, DcganConfig cfg, List<String> groups)
            throws IOException {
        var settings = new ArithmeticEvaluation.Settings(groups, groups.get(0), GroupMean.RESCALED, PER_GROUP,
                SmileArithmetic.POOL, 1, SmileArithmetic.SCALE, 1);
        return ArithmeticEvaluation.open(run, cfg, settings, () -> SmileArithmetic.openCnn(run, cfg),
                System.err::println);
    }
}
