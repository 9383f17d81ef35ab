package io.dcganexplorer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.dcganexplorer.model.Numerics;
import io.dcganexplorer.model.SimulatedFault;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The program the user starts, as a separate process, with a broken convolution simulated
 * ({@link SimulatedFault}): where a formulation avoids it, the run trains in this one process with
 * that formulation; where none does, the program restarts itself at the safe instruction set, says
 * so once, records it in the run's provenance, and its child never outlives it.
 */
class IsaFallbackProcessTest {
    @TempDir
    Path tmp;

    @BeforeEach
    void onlyAtTheDefaultCap() {
        assumeTrue(System.getenv(Numerics.ISA_VARIABLE) == null, "the fallback only happens at the default cap");
    }

    private ProcessBuilder program(String... args) {
        return program("convolutions", args);
    }

    private ProcessBuilder program(String fault, String... args) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(java, "-Xmx1g", "-Dai.djl.offline=true",
                "-D" + SimulatedFault.PROPERTY + "=" + fault,
                "-D" + Numerics.CACHE_PROPERTY + "=" + tmp.resolve("cache"),
                "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().remove(Numerics.ISA_VARIABLE);
        pb.environment().put("OPT_OUT_TRACKING", "true");
        return pb;
    }

    private static List<String> tinyTrain(Path run, int steps) {
        return List.of("train", "--run-dir", run.toString(), "--dataset", "faces:32", "--image-size", "16",
                "--channels", "1", "--latent", "8", "--ngf", "4", "--ndf", "4", "--batch-size", "8", "--steps",
                Integer.toString(steps), "--sample-every", "0", "--checkpoint-every", "0", "--threads", "1");
    }

    @Test
    void aFailedCheckRestartsAtTheSafeIsaSaysSoOnceAndRecordsIt() throws Exception {
        Path run = tmp.resolve("run");
        Path err = tmp.resolve("stderr.txt");
        Process p = program(tinyTrain(run, 2).toArray(String[]::new)).redirectErrorStream(false)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(err.toFile()).start();
        assertTrue(p.waitFor(5, TimeUnit.MINUTES), "the run did not end");
        String stderr = Files.readString(err, StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), stderr);
        assertEquals(1, count(stderr, "running again with ONEDNN_MAX_CPU_ISA=SSE41"), stderr);
        String config = Files.readString(run.resolve("config.json"), StandardCharsets.UTF_8);
        assertTrue(config.contains("\"onednn_isa\": \"SSE41 (fallback: the 16x16x1, z=8, ngf=4, ndf=4"), config);
        assertTrue(config.contains("\"numerics\": \"convolutions at isa SSE41"), config);
        // Both formulations' failures at the default cap are cached: the next start restarts at once.
        assertEquals(2, NumericsCheckCache.read(tmp.resolve("cache")).size());
    }

    @Test
    void aFaultThatAFormulationAvoidsTrainsInOneProcessWithIt() throws Exception {
        Path run = tmp.resolve("run");
        Path err = tmp.resolve("stderr.txt");
        Process p = program("logit", tinyTrain(run, 2).toArray(String[]::new)).redirectErrorStream(false)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(err.toFile()).start();
        assertTrue(p.waitFor(5, TimeUnit.MINUTES), "the run did not end");
        String stderr = Files.readString(err, StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), stderr);
        assertEquals(0, count(stderr, "running again"), stderr);
        String config = Files.readString(run.resolve("config.json"), StandardCharsets.UTF_8);
        assertTrue(config.contains("\"onednn_isa\": \"default\""), config);
        assertTrue(config.contains("\"numerics\": \"logit-matmul at isa default; convolutions: WRONG"), config);
        assertTrue(stderr.contains("numerics: logit-matmul at isa default"), stderr);
    }

    @Test
    void killingTheStartedProcessEndsItsChildAndTheChildSavesItsWork() throws Exception {
        Path run = tmp.resolve("run");
        Process p = program(tinyTrain(run, 1_000_000).toArray(String[]::new))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(tmp.resolve("stderr.txt").toFile())
                .start();
        Path metrics = run.resolve("metrics.csv");
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (lines(metrics) < 3) { // a header and two steps: the child is training
            assertFalse(p.waitFor(50, TimeUnit.MILLISECONDS),
                    "the program ended early: " + Files.readString(tmp.resolve("stderr.txt")));
            assertTrue(System.nanoTime() < deadline, "no training step within 3 minutes");
        }
        ProcessHandle child = waitForChild(p);
        p.destroyForcibly(); // kill -9 of the process the user started
        assertTrue(p.waitFor(1, TimeUnit.MINUTES));
        try {
            child.onExit().get(2, TimeUnit.MINUTES);
        } catch (java.util.concurrent.TimeoutException e) {
            child.destroyForcibly();
            throw new AssertionError("the restarted child outlived its parent by 2 minutes (pid " + child.pid() + ")");
        }
        try (var s = Files.list(run.resolve("checkpoints"))) {
            assertTrue(s.findAny().isPresent(), "the child wrote no checkpoint when it stopped");
        }
    }

    private static ProcessHandle waitForChild(Process p) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
        while (System.nanoTime() < deadline) {
            Optional<ProcessHandle> c = p.toHandle().children().findFirst();
            if (c.isPresent()) {
                return c.get();
            }
            p.waitFor(20, TimeUnit.MILLISECONDS); // polling the process table: there is no event for a new child
        }
        throw new AssertionError("no restarted child appeared");
    }

    private static long lines(Path f) throws IOException {
        if (!Files.isRegularFile(f)) {
            return 0;
        }
        try (var s = Files.lines(f)) {
            return s.count();
        }
    }

    private static int count(String s, String what) {
        int n = 0;
        for (int i = s.indexOf(what); i >= 0; i = s.indexOf(what, i + 1)) {
            n++;
        }
        return n;
    }

    /** Reads the verdict cache file the child processes wrote. */
    static final class NumericsCheckCache {
        static List<String> read(Path dir) throws IOException {
            File f = dir.resolve("numerics.properties").toFile();
            return f.isFile() ? Files.readAllLines(f.toPath()).stream().filter(l -> l.contains("fail|")).toList()
                    : List.of();
        }
    }
}
