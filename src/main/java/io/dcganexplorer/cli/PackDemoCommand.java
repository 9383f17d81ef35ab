package io.dcganexplorer.cli;

import io.dcganexplorer.model.Engines;
import io.dcganexplorer.train.DemoPack;
import io.dcganexplorer.train.PackedTensors.Precision;
import io.dcganexplorer.train.RunDirectory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code pack-demo} (hidden): packs a checkpoint of a run as the demo the app ships
 * ({@link DemoPack}), for the maintainers who refresh it. A hidden command rather than a research
 * program because it runs from the built jar with nothing else on the class path, and the same
 * jar's {@code --demo} opens what it wrote.
 */
@Command(name = "pack-demo", hidden = true, mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Pack a run's checkpoint as the shipped demo (for maintainers): G's and D's weights and "
                + "BatchNorm statistics, no optimiser state, in half precision by default, with the saved latents.",
            "Reports the size and the largest pixel difference from full precision over 64 fixed z's."})
final class PackDemoCommand implements Callable<Integer> {
    /** Half precision is used only if the images stay this close to full precision, in 1/255. */
    static final double HALF_LIMIT = 2.0;

    @Spec
    CommandSpec spec;

    @Option(names = "--run-dir", paramLabel = "DIR", required = true, description = "The run to pack.")
    Path runDir;

    @Option(names = "--checkpoint", paramLabel = "PATH",
            description = "A checkpoint folder, or its name under DIR/checkpoints (default: the newest).")
    Path checkpoint;

    @Option(names = "--latents", paramLabel = "FILE",
            description = "The latents.json to ship (default: DIR/latents.json if there is one).")
    Path latents;

    @Option(names = "--out", paramLabel = "DIR", required = true,
            description = "Folder to write, replaced whole, e.g. src/main/resources/io/dcganexplorer/demo.")
    Path out;

    @Option(names = "--precision", paramLabel = "half|full", defaultValue = "half",
            description = "half (default; refused, with nothing written, if an image moves more than 2/255) or "
                    + "full.")
    String precision;

    @Option(names = "--keep-ema", description = "Also ship the moving average of G's weights, which then renders.")
    boolean keepEma;

    @Override
    public Integer call() {
        return Commands.guard(spec, this::pack);
    }

    private int pack() throws IOException {
        Precision p = switch (precision.toLowerCase(Locale.ROOT)) {
            case "half" -> Precision.HALF;
            case "full" -> Precision.FULL;
            default -> throw Commands.invalid(spec, "--precision", precision, "must be half or full");
        };
        RunDirectory run = RunDirectory.open(runDir);
        Path dir = Commands.checkpointDir(run, runDir, checkpoint);
        Path lat = latents;
        if (lat == null && Files.isRegularFile(runDir.resolve("latents.json"))) {
            lat = runDir.resolve("latents.json");
        }
        Engines.configure(0);
        DemoPack.Report r = DemoPack.pack(runDir, dir, lat, out, p, keepEma,
                p == Precision.HALF ? HALF_LIMIT : Double.POSITIVE_INFINITY);
        var o = spec.commandLine().getOut();
        o.printf(Locale.ROOT, "packed %s (step %d, %d tensors, %s precision%s) into %s%n", dir, r.step(), r.tensors(),
                p.name().toLowerCase(Locale.ROOT), lat == null ? ", no latents" : ", latents " + lat, r.out());
        o.printf(Locale.ROOT, "size on disk: %.2f MB (weights %.2f MB)%n", r.bytes() / 1e6, r.weightsBytes() / 1e6);
        o.printf(Locale.ROOT, "max pixel difference from full precision over %d fixed z's: %.3f/255%n",
                DemoPack.COMPARED, r.maxPixelDifference());
        o.flush();
        return 0;
    }
}
