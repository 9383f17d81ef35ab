package io.dcganexplorer.interop;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/** The files src/test/resources/pytorch/make_fixtures.py made with PyTorch 2.13 (see its README.md). */
final class PytorchFixtures {
    static final Path DIR = Path.of("src/test/resources/pytorch");

    private PytorchFixtures() {}

    static Path file(String name) {
        return DIR.resolve(name);
    }

    /** A raw little-endian float32 file. */
    static float[] floats(String name) throws IOException {
        byte[] b = Files.readAllBytes(file(name));
        float[] out = new float[b.length / 4];
        ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(out);
        return out;
    }

    static double maxAbsDifference(float[] a, float[] b) {
        if (a.length != b.length) {
            throw new AssertionError("lengths differ: " + a.length + " and " + b.length);
        }
        double m = 0;
        for (int i = 0; i < a.length; i++) {
            m = Math.max(m, Math.abs((double) a[i] - b[i]));
        }
        return m;
    }
}
