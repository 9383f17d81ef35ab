package io.dcganexplorer.cli;

import io.dcganexplorer.eval.Scorer;
import io.dcganexplorer.model.DcganConfig;
import io.dcganexplorer.train.RunDirectory;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/**
 * Whose features the attribute probes read, for every command that fits them ({@code arithmetic
 * --auto}, {@code direction --attribute}): the real-pixel CNN that {@code score} trains (the
 * default, as the window's auto-fill uses), or the run's discriminator. One picocli mixin, so the
 * commands offer the same options and open the CNN the same way.
 */
final class ScorerOptions {
    /** Whose features the attribute probes read. */
    enum Kind {
        cnn, d
    }

    @Option(names = "--scorer", defaultValue = "cnn", paramLabel = "cnn|d",
            description = "Features the attribute probes read: cnn, the classifier `score` trains on real pixels "
                    + "(trained once per dataset and size, then cached), or d, the run's discriminator (default: cnn).")
    Kind kind;

    @Option(names = "--cache", paramLabel = "DIR",
            description = "Where the cnn scorer's classifiers are cached (default: ~/.cache/dcgan-explorer, or "
                    + "-Ddcgan.cache.dir).")
    Path cache;

    @Option(names = "--classifier-epochs", defaultValue = "2",
            description = "Epochs to train the cnn classifier when it is not cached yet (default: 2).")
    int classifierEpochs;

    boolean cnn() {
        return kind == Kind.cnn;
    }

    /** Refuses what cannot be right, as a usage error naming the option. */
    void validate(CommandSpec spec) {
        if (classifierEpochs < 1 || classifierEpochs > 100) {
            throw Commands.invalid(spec, "--classifier-epochs", classifierEpochs, "must be 1 to 100");
        }
    }

    /** The run's dataset's real-pixel classifier ({@link Scorer#forRun}), trained now if not cached. */
    Scorer openCnn(RunDirectory run, DcganConfig cfg, PrintWriter err) throws IOException {
        ScoreCommand.TrainingProgress progress = new ScoreCommand.TrainingProgress(err);
        Scorer s = Scorer.forRun(run, cfg, cache != null ? cache : Scorer.defaultCacheRoot(),
                new Scorer.Options(classifierEpochs, Scorer.Options.DEFAULT.maxTrainImages()), progress, () -> false);
        progress.finish();
        err.println(String.format(Locale.ROOT, "scorer: the CNN in %s, test accuracy %.4f (%s)", s.folder(),
                s.testAccuracy(), s.trainedNow() ? "trained now" : "cached"));
        err.flush();
        return s;
    }
}
