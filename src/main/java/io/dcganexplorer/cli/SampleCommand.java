package io.dcganexplorer.cli;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.dcganexplorer.image.ImageGrids;
import io.dcganexplorer.image.Pixels;
import io.dcganexplorer.image.PngFiles;
import io.dcganexplorer.model.DcganConfig;
import io.dcganexplorer.model.Engines;
import io.dcganexplorer.model.Generator;
import io.dcganexplorer.model.Rng;
import io.dcganexplorer.train.Checkpoint;
import io.dcganexplorer.train.RunDirectory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code sample}: renders a grid of new images from a run's generator. Only the generator is
 * loaded; z comes from {@link Rng} with the given seed and the run's prior, so the same seed and
 * checkpoint give the same picture.
 */
@Command(name = "sample", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Render a square grid of images from a run's generator.")
final class SampleCommand implements Callable<Integer> {
    static final int MAX_COUNT = 1024;
    static final int PADDING = 2;

    @Spec
    CommandSpec spec;

    @Mixin
    GeneratorSource source;

    @Option(names = "--count", paramLabel = "N", defaultValue = "64", description = "Images (default: 64).")
    int count;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "1", description = "Seed of z (default: 1).")
    long seed;

    @Option(names = "--out", paramLabel = "FILE", required = true, description = "PNG file to write.")
    Path out;


    @Option(names = "--threads", paramLabel = "N", description = "CPU threads, 0 = libtorch's default.")
    int threads;

    @Override
    public Integer call() {
        return Commands.guard(spec, this::sample);
    }

    private int sample() throws IOException {
        if (count < 1 || count > MAX_COUNT) {
            throw Commands.invalid(spec, "--count", count, "must be 1 to " + MAX_COUNT);
        }
        if (threads < 0) {
            throw Commands.invalid(spec, "--threads", threads, "must be 0 (default) or more");
        }
        RunDirectory run = source.run();
        Path dir = source.checkpointDir(run);
        Checkpoint.Meta meta = Checkpoint.readMeta(dir);
        DcganConfig cfg = run.config();
        Checkpoint.checkArchitecture(dir, meta, cfg);
        float[] z = new Rng(seed).latent(count, cfg.latentDim(), cfg.prior());

        Engines.configure(threads);
        Engines.disableGradOnThisThread();
        Pixels grid;
        try (NDManager root = Engines.get().newBaseManager();
                Generator g = Checkpoint.loadGenerator(dir, root, source.weights(spec));
                NDManager scope = root.newSubManager()) {
            NDArray zs = scope.create(z, new Shape(count, cfg.latentDim()));
            // Inference mode: BatchNorm uses the running statistics learned in training.
            float[] images = g.forward(zs, false, scope).toFloatArray();
            grid = ImageGrids.grid(images, count, cfg.channels(), cfg.imageSize(), ImageGrids.squareColumns(count),
                    PADDING);
        }
        PngFiles.write(grid, out);
        spec.commandLine().getOut().println("wrote " + out + " (" + count + " images, " + grid.width() + "x"
                + grid.height() + ") from " + dir + " at step " + meta.step());
        spec.commandLine().getOut().flush();
        return 0;
    }
}
