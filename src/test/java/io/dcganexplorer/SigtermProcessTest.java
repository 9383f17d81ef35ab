package io.dcganexplorer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dcganexplorer.model.Numerics;
import io.dcganexplorer.train.Checkpoint;
import io.dcganexplorer.train.GanTrainer;
import io.dcganexplorer.train.RunDirectory;
import io.dcganexplorer.train.StepMetrics;
import io.dcganexplorer.train.TrainerState;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGTERM (logout, {@code kill PID}) while training, as a separate process: the desktop window,
 * headless, and the command line's {@code train} both finish the step, write the checkpoint of
 * the last step, release the run and exit with 0.
 */
class SigtermProcessTest {
    @TempDir
    Path tmp;

    private ProcessBuilder program(List<String> jvm, List<String> args) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(java, "-Xmx1g", "-Dai.djl.offline=true",
                "-D" + Numerics.CACHE_PROPERTY + "=" + tmp.resolve("cache")));
        cmd.addAll(jvm);
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName()));
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().put("OPT_OUT_TRACKING", "true");
        return pb.redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(tmp.resolve("stderr.txt").toFile());
    }

    @Test
    void theWindowOnSigtermWritesTheCheckpointOfTheLastStepAndExitsWithZero() throws Exception {
        Path run = tmp.resolve("window-run");
        List<String> headless = List.of("-Dtestfx.headless=true", "-Dprism.order=sw", "-Dglass.platform=Monocle",
                "-Dmonocle.platform=Headless", "-Djava.awt.headless=true");
        Process p = program(headless, List.of("--train", "--run-dir", run.toString(), "--dataset", "faces:64",
                "--image-size", "16", "--batch-size", "8", "--ngf", "4", "--ndf", "4", "--sample-every", "5",
                "--threads", "1")).start();
        sigtermAfterSteps(p, run, 2);
    }

    @Test
    void theCommandLineOnSigtermDoesTheSame() throws Exception {
        Path run = tmp.resolve("cli-run");
        Process p = program(List.of(), List.of("train", "--run-dir", run.toString(), "--dataset", "faces:64",
                "--image-size", "16", "--channels", "1", "--latent", "8", "--batch-size", "8", "--ngf", "4", "--ndf",
                "4", "--sample-every", "0", "--threads", "1")).start();
        sigtermAfterSteps(p, run, 2);
    }

    /** Waits until {@code steps} steps are in metrics.csv, sends SIGTERM and checks the way out. */
    private void sigtermAfterSteps(Process p, Path run, int steps) throws Exception {
        Path metrics = run.resolve("metrics.csv");
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        try {
            while (lines(metrics) < 1 + steps) { // the header, then one row a step
                assertFalse(p.waitFor(50, TimeUnit.MILLISECONDS), "the program ended early: " + stderr());
                assertTrue(System.nanoTime() < deadline, "no training step within 3 minutes: " + stderr());
            }
            p.destroy(); // SIGTERM
            assertTrue(p.waitFor(3, TimeUnit.MINUTES), "no exit within 3 minutes of SIGTERM: " + stderr());
        } finally {
            p.destroyForcibly();
        }
        String err = stderr();
        assertEquals(0, p.exitValue(), err);
        assertFalse(err.contains("SIGSEGV") || err.contains("hs_err") || err.contains("Exception"), err);

        List<StepMetrics> rows = RunDirectory.open(run).readMetrics();
        long last = rows.get(rows.size() - 1).step();
        assertTrue(last >= steps, "rows: " + rows.size());
        Path ckpt = RunDirectory.open(run).latestCheckpoint().orElseThrow(() -> new AssertionError("no checkpoint: "
                + err));
        assertEquals(String.format("step-%06d", last), ckpt.getFileName().toString(), "the last step's checkpoint");
        assertEquals(last, Checkpoint.readMeta(ckpt).step());

        // The run is free again: it can be continued here.
        GanTrainer again = GanTrainer.resume(run, o -> o.withMaxSteps(last + 1),
                (spec, size, ch, seed) -> io.dcganexplorer.data.DatasetSpec.parse(spec).open(size, ch, seed));
        again.start();
        assertTrue(again.await(2, TimeUnit.MINUTES));
        assertEquals(TrainerState.FINISHED, again.state(), again.message());
    }

    private String stderr() throws IOException {
        Path f = tmp.resolve("stderr.txt");
        return Files.isRegularFile(f) ? Files.readString(f, StandardCharsets.UTF_8) : "";
    }

    private static long lines(Path f) throws IOException {
        if (!Files.isRegularFile(f)) {
            return 0;
        }
        try (var s = Files.lines(f)) {
            return s.count();
        }
    }
}
