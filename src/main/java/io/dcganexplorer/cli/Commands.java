package io.dcganexplorer.cli;

import io.dcganexplorer.data.DatasetSpec;
import io.dcganexplorer.data.ImageDataset;
import io.dcganexplorer.model.DcganConfig;
import io.dcganexplorer.model.Numerics;
import io.dcganexplorer.model.NumericsCheck;
import io.dcganexplorer.model.ZPrior;
import io.dcganexplorer.train.GanTrainer;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** Small pieces the commands share. */
final class Commands {
    private Commands() {}

    /**
     * Runs a command body, turning expected failures into "error: ..." and exit code 1 here rather
     * than in an exception handler, so the behaviour is the same however the CommandLine was made.
     */
    static int guard(CommandSpec spec, Callable<Integer> body) {
        try {
            return body.call();
        } catch (Exception e) {
            var cap = Numerics.safeIsaNeeded(e);
            if (cap.isPresent()) {
                throw cap.get(); // to Cli.run, which runs the command again capped
            }
            return Cli.report(e, spec.commandLine().getErr());
        }
    }

    /**
     * Makes sure {@code config}'s networks compute right here before anything is written
     * ({@link Numerics}): a cached verdict is silent; a new check prints its progress on {@code err}
     * and what it chose. Throws {@link Numerics.SafeIsaNeeded} when only the instruction-set cap
     * helps, which {@link Cli#run} turns into a restart.
     */
    static Numerics.Choice checkNumerics(DcganConfig config, PrintWriter err) {
        int[] shown = {-1};
        Numerics.Choice c = Numerics.choose(config, (what, fraction) -> {
            int pct = (int) Math.round(fraction * 100);
            if (pct / 25 != shown[0] / 25 || shown[0] < 0) {
                shown[0] = pct;
                err.println("checking this machine's convolutions for " + config.summary() + ": " + what + " (" + pct
                        + "%)");
                err.flush();
            }
        });
        if (shown[0] >= 0) {
            NumericsCheck.Verdict v = c.verdicts().get(c.verdicts().size() - 1);
            err.println("numerics: " + c.describe() + (v.millis() > 0 ? " (" + v.millis() + " ms)" : ""));
            err.flush();
        }
        return c;
    }

    /** A usage error (exit 2) for {@code option}, saying why the value is refused. */
    static ParameterException invalid(CommandSpec spec, String option, Object value, String why) {
        return new ParameterException(spec.commandLine(),
                "Invalid value for option '" + option + "': " + value + ": " + why);
    }

    /**
     * The dataset opener handed to {@link GanTrainer}: parses the spec, opens it, and reports on
     * {@code err} what it opened and any files it skipped as corrupt.
     */
    static GanTrainer.DatasetOpener opener(PrintWriter err) {
        return (spec, size, channels, seed) -> {
            ImageDataset data = DatasetSpec.parse(spec).open(size, channels, seed);
            synchronized (err) {
                err.println("dataset: " + data.description() + ", " + data.size() + " images");
                var report = data.report();
                if (report.skipped() > 0) {
                    err.println("warning: skipped " + report.skipped() + " unreadable file(s)");
                    for (String w : report.warnings()) {
                        err.println("warning: " + w);
                    }
                }
                err.flush();
            }
            return data;
        };
    }

    /** The checkpoint a command should read: {@code checkpoint} (a folder or a name under the run), or the newest. */
    static Path checkpointDir(io.dcganexplorer.train.RunDirectory run, Path runDir, Path checkpoint)
            throws IOException {
        if (checkpoint == null) {
            return run.latestCheckpoint().orElseThrow(() -> new Cli.Failure(runDir + " has no checkpoint yet ("
                    + run.checkpointsDir() + " holds no step-NNNNNN folder): train it first"));
        }
        if (Files.isDirectory(checkpoint)) {
            return checkpoint;
        }
        Path named = run.checkpointsDir().resolve(checkpoint.toString());
        if (Files.isDirectory(named)) {
            return named;
        }
        throw new Cli.Failure("no checkpoint folder " + checkpoint + " (nor " + named + ")");
    }

    /** Deletes a folder tree, quietly leaving what cannot be deleted. */
    static void deleteTree(Path dir) {
        try {
            io.dcganexplorer.files.AtomicFiles.deleteTree(dir);
        } catch (IOException e) {
            // a temporary folder left behind is not worth failing a finished command over
        }
    }

    /** Accepts "pytorch" or "paper" in any case. */
    static final class PresetConverter implements ITypeConverter<DcganConfig.Preset> {
        @Override
        public DcganConfig.Preset convert(String value) {
            try {
                return DcganConfig.Preset.parse(value);
            } catch (IllegalArgumentException e) {
                throw new picocli.CommandLine.TypeConversionException("expected pytorch or paper, got '" + value
                        + "'");
            }
        }
    }

    /** Accepts "uniform" or "normal" in any case. */
    static final class PriorConverter implements ITypeConverter<ZPrior> {
        @Override
        public ZPrior convert(String value) {
            try {
                return ZPrior.valueOf(value.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new picocli.CommandLine.TypeConversionException("expected uniform or normal, got '" + value
                        + "'");
            }
        }
    }

    static final class GroupMeanConverter implements ITypeConverter<io.dcganexplorer.latent.GroupMean> {
        @Override
        public io.dcganexplorer.latent.GroupMean convert(String value) {
            try {
                return io.dcganexplorer.latent.GroupMean.valueOf(value.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new picocli.CommandLine.TypeConversionException("expected plain or rescaled, got '" + value
                        + "'");
            }
        }
    }

    /** The latent point of each seed: {@code new Rng(seed)}'s first draw from the run's prior. */
    static java.util.List<float[]> seedsToZ(java.util.List<Long> seeds, DcganConfig cfg) {
        java.util.List<float[]> out = new java.util.ArrayList<>();
        for (long s : seeds) {
            out.add(new io.dcganexplorer.model.Rng(s).latent(1, cfg.latentDim(), cfg.prior()));
        }
        return out;
    }
}
