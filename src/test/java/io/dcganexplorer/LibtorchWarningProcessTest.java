package io.dcganexplorer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.dcganexplorer.model.Numerics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * libtorch's "AutoNonVariableTypeMode is deprecated" warning (printed once per process by DJL's
 * {@code NDArray.set(Buffer)}, i.e. its native {@code torchSet}) must not reach the console.
 * Each case is a fresh process, since the warning is printed only the first time.
 */
class LibtorchWarningProcessTest {
    private static final String WARNING = "AutoNonVariableTypeMode";

    @TempDir
    Path tmp;

    private String stderrOf(String... args) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(java, "-Xmx1g", "-Dai.djl.offline=true",
                "-D" + Numerics.CACHE_PROPERTY + "=" + tmp.resolve("cache"), "-cp",
                System.getProperty("java.class.path"), Main.class.getName()));
        cmd.addAll(List.of(args));
        Path err = tmp.resolve("stderr.txt");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(err.toFile());
        pb.environment().put("OPT_OUT_TRACKING", "true");
        Process p = pb.start();
        try {
            if (!p.waitFor(3, TimeUnit.MINUTES)) {
                throw new AssertionError("no exit within 3 minutes");
            }
        } finally {
            p.destroyForcibly();
        }
        String s = Files.readString(err, StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), s);
        return s;
    }

    @Test
    void loadingACheckpointPrintsNoLibtorchWarning() throws Exception {
        Path run = TinyRun.copyTo(tmp.resolve("run"));
        String err = stderrOf("sample", "--run-dir", run.toString(), "--count", "4", "--out",
                tmp.resolve("grid.png").toString());
        assertFalse(err.contains(WARNING), err);
    }

    @Test
    void trainingPrintsNoLibtorchWarning() throws Exception {
        String err = stderrOf("train", "--run-dir", tmp.resolve("new").toString(), "--dataset", "faces:32",
                "--image-size", "16", "--channels", "1", "--latent", "8", "--ngf", "4", "--ndf", "4", "--batch-size",
                "4", "--steps", "1", "--sample-every", "0", "--threads", "1");
        assertFalse(err.contains(WARNING), err);
    }
}
