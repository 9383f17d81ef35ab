package io.dcganexplorer.cli;

import io.dcganexplorer.train.RunDirectory;
import java.io.IOException;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --run-dir} and {@code --checkpoint}: the generator a rendering command uses (a picocli mixin). */
final class GeneratorSource {
    @Option(names = "--run-dir", paramLabel = "DIR", required = true, description = "The run to render with.")
    Path runDir;

    @Option(names = "--checkpoint", paramLabel = "PATH",
            description = "A checkpoint folder, or its name under DIR/checkpoints (default: the newest).")
    Path checkpoint;

    @Option(names = "--weights", paramLabel = "auto|trained|ema", defaultValue = "auto",
            description = "Which generator renders: ema, the moving average of G's weights that a run trained "
                    + "with --ema saves; trained, G itself; auto (default): ema where the checkpoint has it.")
    String weights;

    /** The generator {@code --weights} names; a usage error for another word. */
    io.dcganexplorer.train.Checkpoint.Weights weights(picocli.CommandLine.Model.CommandSpec spec) {
        try {
            return io.dcganexplorer.train.Checkpoint.Weights.parse(weights);
        } catch (IllegalArgumentException e) {
            throw Commands.invalid(spec, "--weights", weights, "must be auto, trained or ema");
        }
    }

    /** The run of {@code --run-dir}. */
    RunDirectory run() throws IOException {
        return RunDirectory.open(runDir);
    }

    /** The checkpoint folder to load: {@code --checkpoint} resolved in {@code run}, or its newest. */
    Path checkpointDir(RunDirectory run) throws IOException {
        return Commands.checkpointDir(run, runDir, checkpoint);
    }
}
