package io.dcganexplorer.research;

import io.dcganexplorer.data.DatasetSpec;
import io.dcganexplorer.eval.Scorer;
import io.dcganexplorer.latent.ArithmeticEvaluation;
import io.dcganexplorer.latent.GroupMean;
import io.dcganexplorer.latent.Latent;
import io.dcganexplorer.model.DcganConfig;
import io.dcganexplorer.train.RunDirectory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * What the research programs share: the face experiments' smile arithmetic, smiling woman -
 * neutral woman + neutral man (target: smiling man), opened exactly as
 * {@code arithmetic --auto "smiling&!male" "!smiling&!male" "!smiling&male"} opens it. The
 * {@link ArithmeticEvaluation} reads the run's data and attributes, parses the expressions and
 * fits the probes; the programs take them from it rather than repeating that setup.
 */
final class SmileArithmetic {
    /** A, B and C of the paper's Fig. 7. */
    static final List<String> GROUPS = List.of("smiling&!male", "!smiling&!male", "!smiling&male");

    /** Samples scored per round, as the command's default {@code --pool}. */
    static final int POOL = 2000;

    /** The noise around Y, as the command's default {@code --scale}. */
    static final float SCALE = 0.25f;

    private SmileArithmetic() {}

    /**
     * The run a checkpoint belongs to: {@code -Drun=DIR}, else the folder above its
     * {@code checkpoints} folder. The run names its dataset (format-1 runs read their "faces" as
     * {@code faces-v1}) and its seed, which the data, the CNN and the probes use.
     */
    static RunDirectory runOf(Path checkpoint) throws IOException {
        String run = System.getProperty("run");
        return RunDirectory.open(run != null ? Path.of(run)
                : checkpoint.toAbsolutePath().normalize().getParent().getParent());
    }

    /**
     * The evaluation of {@code arithmetic --auto} with {@link #GROUPS}, plain means and
     * {@code perGroup} exemplars over {@code repeat} seeds; {@code cnn}: probes on the real-pixel
     * CNN's features ({@code --scorer cnn}, the default), else on each checkpoint's discriminator.
     * Its lines go to stderr.
     */
    static ArithmeticEvaluation open(RunDirectory run, boolean cnn, int perGroup, int repeat) throws IOException {
        DcganConfig cfg = run.config();
        ArithmeticEvaluation.Settings settings = new ArithmeticEvaluation.Settings(GROUPS, null, GroupMean.PLAIN,
                perGroup, POOL, repeat, SCALE, 1);
        return ArithmeticEvaluation.open(run, cfg, settings, cnn ? () -> openCnn(run, cfg) : null, System.err::println);
    }

    /** The run's scoring CNN, as {@code arithmetic} and {@code score} open it (trained now if not cached). */
    static Scorer openCnn(RunDirectory run, DcganConfig cfg) throws IOException {
        Scorer s = Scorer.open(DatasetSpec.parse(run.options().dataset()), cfg.imageSize(), cfg.channels(),
                run.options().seed(), Scorer.defaultCacheRoot(), Scorer.Options.DEFAULT, Scorer.Progress.NONE,
                () -> false);
        System.err.printf(Locale.ROOT, "scorer: the CNN in %s, test accuracy %.4f (%s)%n", s.folder(), s.testAccuracy(),
                s.trainedNow() ? "trained now" : "cached");
        return s;
    }

    /** {@code y} scaled to length {@code norm}. */
    static float[] scaled(float[] y, double norm) {
        return Latent.add(new float[y.length], y, (float) (norm / Latent.norm(y)));
    }

    /** The usage line for no arguments: prints it and the class's question, and exits 2. */
    static void usage(String program, String args, String question) {
        System.err.println("usage: java -cp target/test-classes:target/classes:$(cat target/cp.txt) "
                + "io.dcganexplorer.research." + program + " " + args);
        System.err.println(question);
        System.exit(2);
    }
}
