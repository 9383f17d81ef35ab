package io.dcganexplorer.cli;

import io.dcganexplorer.image.Pixels;
import io.dcganexplorer.image.WalkFiles;
import io.dcganexplorer.latent.GeneratorSession;
import io.dcganexplorer.latent.Latent;
import io.dcganexplorer.model.DcganConfig;
import io.dcganexplorer.model.Engines;
import io.dcganexplorer.train.RunDirectory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code interpolate}: a walk through the latent points of several seeds (paper Fig. 4), written
 * as a PNG strip or an animated GIF. Each seed's point is {@code new Rng(seed)}'s first draw from
 * the run's prior, the same z that {@code sample --seed S --count 1} renders.
 */
@Command(name = "interpolate", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Walk between the latent points of 2 to 9 seeds; write a PNG strip or an animated GIF.")
final class InterpolateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    GeneratorSource source;

    @Option(names = "--seeds", paramLabel = "S,S,...", split = ",", required = true,
            description = "2 to 9 seeds, one latent point each, visited in order.")
    List<Long> seeds;

    @Option(names = "--frames", paramLabel = "N", defaultValue = "16", description = "Frames in all (default: 16).")
    int frames;

    @Option(names = "--mode", paramLabel = "slerp|lerp", defaultValue = "slerp",
            description = "Spherical (default) or linear interpolation.")
    String mode;

    @Option(names = "--out", paramLabel = "FILE", required = true, description = "walk.png (strip) or walk.gif.")
    Path out;

    @Option(names = "--zoom", paramLabel = "N", defaultValue = "0",
            description = "Integer upscale; 0 (the default): a GIF's frames at least 64 pixels wide, a PNG "
                    + "strip's as rendered, as the window exports them.")
    int zoom;

    @Option(names = "--frame-ms", paramLabel = "MS", defaultValue = "" + WalkFiles.FRAME_MS,
            description = "GIF frame time (default: ${DEFAULT-VALUE}, as the window plays a walk).")
    int frameMs;


    @Override
    public Integer call() {
        return Commands.guard(spec, this::run);
    }

    private int run() throws IOException {
        if (seeds.size() < 2 || seeds.size() > 9) {
            throw Commands.invalid(spec, "--seeds", seeds, "give 2 to 9 seeds");
        }
        if (frames < seeds.size() || frames > 1000) {
            throw Commands.invalid(spec, "--frames", frames, "must be at least the number of seeds and at most 1000");
        }
        Latent.Mode m = switch (mode.toLowerCase(Locale.ROOT)) {
            case "slerp", "spherical" -> Latent.Mode.SPHERICAL;
            case "lerp", "linear" -> Latent.Mode.LINEAR;
            default -> throw Commands.invalid(spec, "--mode", mode, "expected slerp or lerp");
        };
        String name = out.getFileName().toString().toLowerCase(Locale.ROOT);
        if (!name.endsWith(".png") && !name.endsWith(".gif")) {
            throw Commands.invalid(spec, "--out", out, "must end in .png or .gif");
        }
        if (zoom < 0 || zoom > 16) {
            throw Commands.invalid(spec, "--zoom", zoom, "must be 0 (automatic) to 16");
        }
        RunDirectory run = source.run();
        Path dir = source.checkpointDir(run);
        DcganConfig cfg = run.config();
        List<float[]> points = Commands.seedsToZ(seeds, cfg);
        List<float[]> walk = Latent.walk(points, frames, m);
        Engines.configure(0);
        List<Pixels> images;
        try (GeneratorSession session = GeneratorSession.open(dir, source.weights(spec))) {
            images = session.render(walk).join();
        }
        WalkFiles.write(images, out, zoom > 0 ? zoom : WalkFiles.defaultZoom(out, cfg.imageSize()), frameMs);
        spec.commandLine().getOut().println("wrote " + out + " (" + frames + " frames, "
                + m.name().toLowerCase(Locale.ROOT) + " through seeds " + seeds + ") from " + dir);
        spec.commandLine().getOut().flush();
        return 0;
    }
}
