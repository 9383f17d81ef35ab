package io.dcganexplorer.latent;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.dcganexplorer.image.ImageGrids;
import io.dcganexplorer.image.Pixels;
import io.dcganexplorer.model.DcganConfig;
import io.dcganexplorer.model.Engines;
import io.dcganexplorer.model.Generator;
import io.dcganexplorer.train.Checkpoint;
import io.dcganexplorer.train.OrderlyShutdown;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Renders latent vectors with a checkpoint's generator, in inference mode, on its own thread
 * ({@code dcgan-render}) with its own NDManager: it never shares an array with a trainer, so it
 * can run (and {@link #reload}) while training goes on. Requests take and give plain Java values.
 * Until it is closed, the session is registered with {@link OrderlyShutdown}: the JVM does not exit
 * while a render runs on its thread.
 */
public final class GeneratorSession implements AutoCloseable {
    private final CoalescingExecutor executor;
    private final OrderlyShutdown.Registration exitStop;
    // Touched only on the render thread.
    private NDManager manager;
    private Generator generator;
    private volatile DcganConfig config;
    private volatile Path checkpoint;
    private volatile Checkpoint.Weights weights = Checkpoint.Weights.AUTO;

    private GeneratorSession() {
        executor = new CoalescingExecutor("dcgan-render", Engines::disableGradOnThisThread);
        exitStop = OrderlyShutdown.register("the render thread", () -> {
            close();
            return true;
        });
    }

    /** Opens {@code checkpointDir}'s generator; fails with the checkpoint's own error message. */
    public static GeneratorSession open(Path checkpointDir) throws IOException {
        return open(checkpointDir, Checkpoint.Weights.AUTO);
    }

    /**
     * Opens the generator of {@code checkpointDir} that {@code weights} names (its moving average or
     * G as trained); later {@link #reload}s take the same kind.
     */
    public static GeneratorSession open(Path checkpointDir, Checkpoint.Weights weights) throws IOException {
        GeneratorSession s = new GeneratorSession();
        s.weights = java.util.Objects.requireNonNull(weights);
        try {
            s.reload(checkpointDir).join();
            return s;
        } catch (java.util.concurrent.CompletionException e) {
            s.close();
            if (e.getCause() instanceof UncheckedIOException u) {
                throw u.getCause();
            }
            throw e;
        }
    }

    public DcganConfig config() {
        return config;
    }

    public Path checkpoint() {
        return checkpoint;
    }

    /** Which of a checkpoint's generators this session loads (its moving average or G as trained). */
    public Checkpoint.Weights weights() {
        return weights;
    }

    /** Loads another (e.g. newer) checkpoint; renders queued before it use the old one. */
    public CompletableFuture<DcganConfig> reload(Path checkpointDir) {
        return executor.submit(() -> {
            NDManager m = Engines.get().newBaseManager();
            try {
                Generator g = Checkpoint.loadGenerator(checkpointDir, m, weights);
                if (manager != null) {
                    manager.close();
                }
                manager = m;
                generator = g;
                config = g.config();
                checkpoint = checkpointDir;
                return config;
            } catch (IOException e) {
                m.close();
                throw new UncheckedIOException(e);
            }
        });
    }

    /** Renders every vector, in order. */
    public CompletableFuture<List<Pixels>> render(List<float[]> zs) {
        List<float[]> copy = List.copyOf(zs);
        return executor.submit(() -> renderNow(copy));
    }

    /** Renders every vector and returns the raw N x C x S x S floats in [-1, 1] (for scoring). */
    public CompletableFuture<float[]> renderRaw(List<float[]> zs) {
        List<float[]> copy = List.copyOf(zs);
        return executor.submit(() -> forward(copy));
    }

    /**
     * Renders one vector for an interactive control: if another request under the same
     * {@code key} arrives before this one starts, this one is dropped (its future cancelled).
     */
    public CompletableFuture<Pixels> renderLatest(String key, float[] z) {
        float[] copy = z.clone();
        return executor.submitLatest(key, () -> renderNow(List.of(copy)).get(0));
    }

    private List<Pixels> renderNow(List<float[]> zs) {
        DcganConfig cfg = config;
        float[] img = forward(zs);
        List<Pixels> out = new ArrayList<>(zs.size());
        for (int i = 0; i < zs.size(); i++) {
            out.add(ImageGrids.image(img, i, cfg.channels(), cfg.imageSize()));
        }
        return out;
    }

    private float[] forward(List<float[]> zs) {
        DcganConfig cfg = config;
        int n = zs.size();
        int dim = cfg.latentDim();
        float[] flat = new float[n * dim];
        for (int i = 0; i < n; i++) {
            float[] z = zs.get(i);
            if (z.length != dim) {
                throw new IllegalArgumentException("z has " + z.length + " dimensions, the generator takes " + dim);
            }
            System.arraycopy(z, 0, flat, i * dim, dim);
        }
        try (NDManager scope = manager.newSubManager()) {
            return generator.forward(scope.create(flat, new Shape(n, dim)), false, scope).toFloatArray();
        }
    }

    @Override
    public void close() {
        executor.submit(() -> {
            if (manager != null) {
                manager.close();
                manager = null;
            }
            return null;
        });
        executor.close();
        exitStop.close();
    }
}
