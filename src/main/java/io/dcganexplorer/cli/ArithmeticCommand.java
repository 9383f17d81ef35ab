package io.dcganexplorer.cli;

import io.dcganexplorer.image.GifWriter;
import io.dcganexplorer.image.PngFiles;
import io.dcganexplorer.latent.ArithmeticEvaluation;
import io.dcganexplorer.latent.AutoExemplars;
import io.dcganexplorer.latent.GeneratorSession;
import io.dcganexplorer.latent.GroupMean;
import io.dcganexplorer.model.DcganConfig;
import io.dcganexplorer.model.Engines;
import io.dcganexplorer.train.Json;
import io.dcganexplorer.train.RunDirectory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code arithmetic}: the paper's Fig. 7, Y = mean(A) - mean(B) + mean(C), shown as a 3x3 grid
 * (G(Y) in the centre, G(Y + u) around it, u uniform in +-scale), beside the naive result from
 * the first exemplar of each group alone. Groups come from seeds, or with {@code --auto} from the
 * generated samples that a linear attribute classifier scores highest for each expression (among
 * the half the discriminator finds most real); then a JSON report of the classifier's scores is
 * printed. The classifier reads the features of the CNN that {@code score} trains on real pixels
 * ({@code --scorer cnn}, the default) or the discriminator's own ({@code --scorer d}): on the
 * full-width 64x64 faces run the D-feature probe called 77% of generated samples smiling where the
 * CNN probe called 37% (real faces: 50%), and most of its "smiles" showed none. The report also
 * gives the transfer of mean(A) - mean(B): the share of other samples of C's expression that show
 * the target once it is added: whether this generator's change adds in z at all.
 */
@Command(name = "arithmetic", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Vector arithmetic on averaged exemplars (paper Fig. 7): A - B + C.")
final class ArithmeticCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    GeneratorSource source;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Groups groups;

    static final class Groups {
        @ArgGroup(exclusive = false)
        Explicit explicit;

        @Option(names = "--auto", arity = "3", paramLabel = "EXPR",
                description = "Three attribute expressions for A, B, C, e.g. \"smiling&!male\" \"!smiling&!male\" "
                        + "\"!smiling&male\".")
        List<String> auto;
    }

    static final class Explicit {
        @Option(names = "--a", split = ",", required = true, paramLabel = "SEED", description = "Seeds of group A.")
        List<Long> a;

        @Option(names = "--b", split = ",", required = true, paramLabel = "SEED", description = "Seeds of group B.")
        List<Long> b;

        @Option(names = "--c", split = ",", required = true, paramLabel = "SEED", description = "Seeds of group C.")
        List<Long> c;
    }

    @Option(names = "--out", paramLabel = "FILE", required = true, description = "PNG to write.")
    Path out;

    @Option(names = "--scale", defaultValue = "0.25", description = "Noise around Y, per dimension (default: 0.25).")
    float scale;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the noise and the sample pool (default: 1).")
    long seed;

    @Option(names = "--per-group", defaultValue = "3", description = "Exemplars per group with --auto (default: 3).")
    int perGroup;

    @Option(names = "--pool", defaultValue = "2000", description = "Samples scored with --auto (default: 2000).")
    int pool;

    @Option(names = "--target", paramLabel = "EXPR",
            description = "What the result should show, for the report (default: derived, e.g. smiling&male).")
    String target;

    @Option(names = "--repeat", defaultValue = "1",
            description = "With --auto: repeat over this many seeds (seed, seed+1, ...) and report the mean shares.")
    int repeat;

    @Mixin
    ScorerOptions scorer = new ScorerOptions();

    @Option(names = "--means", defaultValue = "plain", paramLabel = "plain|rescaled",
            converter = Commands.GroupMeanConverter.class,
            description = "How each group becomes one vector: plain, the element-wise mean (the paper), or rescaled, "
                    + "the mean's direction at its members' average norm, so the averaged Y is as long as a single "
                    + "exemplar's a - b + c (default: plain).")
    GroupMean means;

    @Option(names = "--zoom", defaultValue = "1", description = "Integer upscale of the image (default: 1).")
    int zoom;

    @Option(names = "--sweep", arity = "0..1", paramLabel = "FOLDER", fallbackValue = "",
            description = "With --auto: the same arithmetic on every checkpoint in FOLDER (default: the run's "
                    + "checkpoints) over seeds seed..seed+repeat-1; the checkpoint with the highest averaged share "
                    + "(then the widest lead over single exemplars, then the newest) is run again on the next "
                    + "repeat seeds, which chose nothing: that held-out report is the one to quote. Keep every "
                    + "checkpoint with train --keep-checkpoints 0.")
    String sweep;


    @Override
    public Integer call() {
        return Commands.guard(spec, this::run);
    }

    private int run() throws IOException {
        if (scale < 0 || scale > 10) {
            throw Commands.invalid(spec, "--scale", scale, "must be 0 to 10");
        }
        if (perGroup < 1 || perGroup > ArithmeticEvaluation.MAX_PER_GROUP || repeat < 1 || repeat > 100) {
            throw Commands.invalid(spec, "--per-group/--repeat", perGroup + "/" + repeat,
                    "need 1 to " + ArithmeticEvaluation.MAX_PER_GROUP + " per group and 1 to 100 repeats");
        }
        try {
            AutoExemplars.checkPool(pool, 3, perGroup);
        } catch (IllegalArgumentException e) {
            throw Commands.invalid(spec, "--pool", pool, e.getMessage());
        }
        if (sweep != null) {
            String swept = sweep.isEmpty() ? "(the run's checkpoints)" : sweep;
            if (groups.auto == null) {
                throw Commands.invalid(spec, "--sweep", swept,
                        "needs --auto: a sweep scores each checkpoint's results");
            }
            if (source.checkpoint != null) {
                throw Commands.invalid(spec, "--sweep", swept,
                        "sweeps several checkpoints; leave out --checkpoint " + source.checkpoint);
            }
        }
        if (groups.auto != null) {
            scorer.validate(spec);
        }
        RunDirectory run = source.run();
        DcganConfig cfg = run.config();
        Engines.configure(0);
        if (sweep != null) {
            return sweep(run, cfg);
        }
        Path dir = source.checkpointDir(run);
        try (GeneratorSession session = GeneratorSession.open(dir, source.weights(spec))) {
            if (groups.auto == null) {
                List<List<float[]>> g = List.of(Commands.seedsToZ(groups.explicit.a, cfg),
                        Commands.seedsToZ(groups.explicit.b, cfg), Commands.seedsToZ(groups.explicit.c, cfg));
                ArithmeticEvaluation.Result r = ArithmeticEvaluation.compute(means, scale, g, session, seed);
                PngFiles.write(GifWriter.zoom(r.picture(), zoom), out);
                say("wrote " + out + " from " + dir);
                return 0;
            }
            try (ArithmeticEvaluation ev = openEvaluation(run, cfg)) {
                print(ev.evaluate(dir, session, seed, out));
                return 0;
            }
        }
    }

    /**
     * {@code --sweep}: {@link ArithmeticEvaluation#sweep} over every checkpoint of the folder
     * (default the run's), its report printed and the held-out picture written to {@code --out}.
     */
    private int sweep(RunDirectory run, DcganConfig cfg) throws IOException {
        Path folder = sweep.isEmpty() ? run.checkpointsDir() : Path.of(sweep);
        if (!java.nio.file.Files.isDirectory(folder)) {
            throw new Cli.Failure("no folder " + folder + " to sweep");
        }
        List<Path> dirs = RunDirectory.checkpointsIn(folder);
        try (ArithmeticEvaluation ev = openEvaluation(run, cfg)) {
            print(ev.sweep(folder, dirs, source.weights(spec), seed, out));
            return 0;
        }
    }

    /** The evaluation of {@code --auto}: the scorer chosen, the data's attributes read, the expressions checked. */
    private ArithmeticEvaluation openEvaluation(RunDirectory run, DcganConfig cfg) throws IOException {
        ArithmeticEvaluation.Settings settings = new ArithmeticEvaluation.Settings(groups.auto, target, means, perGroup,
                pool, repeat, scale, zoom);
        try {
            return ArithmeticEvaluation.open(run, cfg, settings,
                    scorer.cnn() ? () -> scorer.openCnn(run, cfg, spec.commandLine().getErr()) : null,
                    new RoundProgress(spec.commandLine().getErr()));
        } catch (ArithmeticEvaluation.BadExpression e) {
            throw Commands.invalid(spec, groups.auto.contains(e.expression()) ? "--auto" : "--target", e.expression(),
                    e.getMessage());
        }
    }

    /** The report or sweep result as JSON on stdout (records: their snake_case names). */
    private void print(Object report) {
        spec.commandLine().getOut().println(Json.GSON.toJson(report));
        spec.commandLine().getOut().flush();
    }

    private void say(String line) {
        spec.commandLine().getErr().println(line);
        spec.commandLine().getErr().flush();
    }
}
