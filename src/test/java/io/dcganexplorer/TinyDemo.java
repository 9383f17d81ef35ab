package io.dcganexplorer;

import io.dcganexplorer.latent.LatentStore;
import io.dcganexplorer.model.Numerics;
import io.dcganexplorer.train.DemoPack;
import io.dcganexplorer.train.PackedTensors;
import io.dcganexplorer.train.ShippedDemo;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * A tiny shipped demo for tests: the {@link TinyRun} fixture with a saved direction and set, packed
 * in half precision into a folder, and the system properties that make {@link ShippedDemo} read it
 * and extract it into a test's own cache (restored on close).
 */
public final class TinyDemo implements AutoCloseable {
    private final String oldDemo;
    private final String oldCache;
    private final Path packed;
    private final Path cache;
    private final DemoPack.Report report;

    private TinyDemo(Path tmp) throws IOException {
        Path run = TinyRun.copyTo(tmp.resolve("demo-source"));
        LatentStore.update(run, 8, store -> {
            store.putDirection("smile", new float[] {1, 0, 0, 0, 0, 0, 0, 0});
            store.putSet("A", List.of(new float[8], new float[] {0.5f, 0, 0, 0, 0, 0, 0, 0}));
        });
        packed = tmp.resolve("packed-demo");
        report = DemoPack.pack(run, run.resolve("checkpoints/step-000002"), run.resolve("latents.json"), packed,
                PackedTensors.Precision.HALF, false);
        cache = tmp.resolve("cache");
        oldDemo = System.getProperty(ShippedDemo.PROPERTY);
        oldCache = System.getProperty(Numerics.CACHE_PROPERTY);
        System.setProperty(ShippedDemo.PROPERTY, packed.toString());
        System.setProperty(Numerics.CACHE_PROPERTY, cache.toString());
    }

    /** Packs the tiny demo under {@code tmp} and points {@link ShippedDemo} at it until {@link #close}. */
    public static TinyDemo install(Path tmp) throws IOException {
        return new TinyDemo(tmp);
    }

    public Path packed() {
        return packed;
    }

    public Path cache() {
        return cache;
    }

    public DemoPack.Report report() {
        return report;
    }

    @Override
    public void close() {
        restore(ShippedDemo.PROPERTY, oldDemo);
        restore(Numerics.CACHE_PROPERTY, oldCache);
    }

    private static void restore(String key, String value) {
        if (value == null) {
            System.clearProperty(key);
        } else {
            System.setProperty(key, value);
        }
    }
}
