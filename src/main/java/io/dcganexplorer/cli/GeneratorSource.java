package io.dcganexplorer.cli;

import io.dcganexplorer.train.RunDirectory;
import io.dcganexplorer.train.ShippedDemo;
import java.io.IOException;
import java.nio.file.Path;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code --run-dir DIR | --demo}, {@code --checkpoint} and {@code --weights}: the generator a
 * rendering command uses (a picocli mixin). {@code --demo} opens the demo model the app ships
 * ({@link ShippedDemo}), extracted once into the user's cache; it is read-only, so a command that
 * would write into the run writes to its {@code --out} instead or refuses.
 */
final class GeneratorSource {
    @ArgGroup(exclusive = true, multiplicity = "1")
    Which which;

    static final class Which {
        @Option(names = "--run-dir", paramLabel = "DIR", required = true, description = "The run to render with.")
        Path runDir;

        @Option(names = "--demo", required = true,
                description = "The demo model shipped with the app (64x64 faces, read-only) instead of a run.")
        boolean demo;
    }

    @Option(names = "--checkpoint", paramLabel = "PATH",
            description = "A checkpoint folder, or its name under DIR/checkpoints (default: the newest).")
    Path checkpoint;

    @Option(names = "--weights", paramLabel = "auto|trained|ema", defaultValue = "auto",
            description = "Which generator renders: ema, the moving average of G's weights that a run trained "
                    + "with --ema saves; trained, G itself; auto (default): ema where the checkpoint has it.")
    String weights;

    /** The command this mixin is part of, for its error stream. */
    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    /** The run folder, once resolved ({@code --demo}: its extracted copy). */
    Path runDir;

    /** The generator {@code --weights} names; a usage error for another word. */
    io.dcganexplorer.train.Checkpoint.Weights weights(CommandSpec spec) {
        try {
            return io.dcganexplorer.train.Checkpoint.Weights.parse(weights);
        } catch (IllegalArgumentException e) {
            throw Commands.invalid(spec, "--weights", weights, "must be auto, trained or ema");
        }
    }

    /** True for {@code --demo}. */
    boolean demo() {
        return which != null && which.demo;
    }

    /** The run of {@code --run-dir}, or the shipped demo (extracted first if needed) for {@code --demo}. */
    RunDirectory run() throws IOException {
        if (runDir == null && demo()) {
            ShippedDemo.Opened d = ShippedDemo.open();
            if (d.extracted() && mixee != null) {
                mixee.commandLine().getErr().println("extracted the shipped demo into " + d.runDir() + " ("
                        + d.millis() + " ms; later uses reuse it)");
                mixee.commandLine().getErr().flush();
            }
            runDir = d.runDir();
        } else if (runDir == null) {
            runDir = which.runDir;
        }
        return RunDirectory.open(runDir);
    }

    /** The checkpoint folder to load: {@code --checkpoint} resolved in {@code run}, or its newest. */
    Path checkpointDir(RunDirectory run) throws IOException {
        return Commands.checkpointDir(run, run.root(), checkpoint);
    }
}
