package io.dcganexplorer.eval;

import io.dcganexplorer.model.Rng;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/**
 * A tiny labelled IDX dataset written by the tests: three classes of 16x16 gray patterns
 * (horizontal bars, vertical bars, a centred square), each shifted by 0 or 1 pixel, with noise.
 * Training files raw, test files gzipped, so both forms are read.
 */
public final class ProbeFixture {
    public static final int SIZE = 16;
    public static final int CLASSES = 3;

    private ProbeFixture() {}

    /** Writes train-/t10k- images and labels into {@code dir}, classes interleaved; returns {@code dir}. */
    public static Path write(Path dir, int trainPerClass, int testPerClass, long seed) throws IOException {
        Files.createDirectories(dir);
        Rng rng = new Rng(seed);
        write(dir, "train", trainPerClass, rng, false);
        write(dir, "t10k", testPerClass, rng, true);
        return dir;
    }

    private static void write(Path dir, String prefix, int perClass, Rng rng, boolean gzip) throws IOException {
        int n = perClass * CLASSES;
        ByteArrayOutputStream img = new ByteArrayOutputStream();
        ByteArrayOutputStream lab = new ByteArrayOutputStream();
        header(img, 0x803, n, SIZE, SIZE);
        header(lab, 0x801, n);
        for (int i = 0; i < n; i++) {
            int c = i % CLASSES;
            img.writeBytes(pattern(c, rng));
            lab.write(c);
        }
        String ext = gzip ? ".gz" : "";
        put(dir.resolve(prefix + "-images-idx3-ubyte" + ext), img.toByteArray(), gzip);
        put(dir.resolve(prefix + "-labels-idx1-ubyte" + ext), lab.toByteArray(), gzip);
    }

    /** One image of class {@code c}. */
    static byte[] pattern(int c, Rng rng) {
        byte[] p = new byte[SIZE * SIZE];
        int shift = (int) (rng.nextDouble() * 2);
        for (int y = 0; y < SIZE; y++) {
            for (int x = 0; x < SIZE; x++) {
                boolean on = switch (c) {
                    case 0 -> (y + shift) % 6 < 3;
                    case 1 -> (x + shift) % 6 < 3;
                    default -> Math.abs(x - 7.5 - shift) < 4 && Math.abs(y - 7.5 - shift) < 4;
                };
                double v = (on ? 200 : 40) + 40 * rng.gaussian();
                p[y * SIZE + x] = (byte) Math.max(0, Math.min(255, (int) v));
            }
        }
        return p;
    }

    private static void header(ByteArrayOutputStream out, int... ints) {
        for (int v : ints) {
            out.write(v >>> 24);
            out.write(v >>> 16);
            out.write(v >>> 8);
            out.write(v);
        }
    }

    private static void put(Path file, byte[] data, boolean gzip) throws IOException {
        try (OutputStream out = gzip ? new GZIPOutputStream(Files.newOutputStream(file))
                : Files.newOutputStream(file)) {
            out.write(data);
        }
    }
}
