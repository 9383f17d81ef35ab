package io.dcganexplorer.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dcganexplorer.TinyRun;
import io.dcganexplorer.cli.Cli;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** A run directory has one writer: a second trainer, here or in another process, is refused. */
class RunLockTest {
    private static final long ME = ProcessHandle.current().pid();

    @TempDir
    Path tmp;

    @Test
    void aSecondTrainerInThisProcessIsRefusedNamingThisProcessUntilTheFirstEnds() throws Exception {
        Path dir = TinyRun.copyTo(tmp.resolve("run"));
        GanTrainer first = GanTrainer.resume(dir, o -> o.withMaxSteps(0), TrainerHarness.OPENER);
        CountDownLatch stepped = new CountDownLatch(1);
        first.addListener(new TrainingListener() {
            @Override
            public void onStep(StepMetrics m) {
                stepped.countDown();
            }
        });
        first.start();
        assertTrue(stepped.await(120, TimeUnit.SECONDS), "the first trainer did not step");

        var e = assertThrows(RunLock.RunInUseException.class,
                () -> GanTrainer.resume(dir, o -> o.withMaxSteps(100), TrainerHarness.OPENER));
        assertTrue(e.getMessage().contains("PID " + ME + " "), e.getMessage());
        assertTrue(e.getMessage().contains("this process already trains it"), e.getMessage());
        assertEquals(0, first.run().options().maxSteps(), "the refused resume must not change config.json");
        assertEquals(0, RunDirectory.open(dir).options().maxSteps());

        first.stop();
        assertTrue(first.await(120, TimeUnit.SECONDS));
        assertEquals(TrainerState.FINISHED, first.state(), first.message());
        long done = first.step();
        // Released before FINISHED was announced: the run can be continued at once.
        GanTrainer second = GanTrainer.resume(dir, o -> o.withMaxSteps(done + 1), TrainerHarness.OPENER);
        var rec = TrainerHarness.runToEnd(second, 120);
        assertEquals(TrainerState.FINISHED, second.state(), second.message());
        assertEquals(List.of(done + 1), rec.steps.stream().map(StepMetrics::step).toList());
    }

    @Test
    void aTrainerThatNeverStartedReleasesTheRunWhenClosed() throws Exception {
        Path dir = TinyRun.copyTo(tmp.resolve("run"));
        GanTrainer idle = GanTrainer.resume(dir, o -> o, TrainerHarness.OPENER);
        assertThrows(RunLock.RunInUseException.class, () -> GanTrainer.resume(dir, o -> o, TrainerHarness.OPENER));
        idle.close();
        assertThrows(IllegalStateException.class, idle::start);
        GanTrainer.resume(dir, o -> o, TrainerHarness.OPENER).close();
    }

    @Test
    void aLockHeldByAnotherProcessRefusesTrainingNamingItsPidAndKillMinus9FreesIt() throws Exception {
        Path dir = TinyRun.copyTo(tmp.resolve("run"));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process holder = new ProcessBuilder(java, "-Xmx64m", "-cp", System.getProperty("java.class.path"),
                LockHolder.class.getName(), dir.toString()).redirectErrorStream(true).start();
        try {
            BufferedReader out = new BufferedReader(
                    new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
            assertEquals("locked", out.readLine(), "the holder did not take the lock");

            var e = assertThrows(RunLock.RunInUseException.class,
                    () -> GanTrainer.resume(dir, o -> o.withMaxSteps(3), TrainerHarness.OPENER));
            assertTrue(e.getMessage().contains("it is being trained by PID " + holder.pid() + " "), e.getMessage());
            assertTrue(e.getMessage().contains(LockHolder.class.getName()), "the command: " + e.getMessage());
            assertEquals(2, RunDirectory.open(dir).options().maxSteps(), "a refused resume changes nothing");

            // The command line says the same, as an error, without a stack trace.
            StringWriter err = new StringWriter();
            CommandLine cli = Cli.commandLine();
            cli.setOut(new PrintWriter(new StringWriter(), true));
            cli.setErr(new PrintWriter(err, true));
            int code = cli.execute("train", "--resume", dir.toString(), "--steps", "3");
            assertEquals(1, code, err.toString());
            assertTrue(err.toString().startsWith("error: ") && err.toString().contains("PID " + holder.pid()),
                    err.toString());
            assertFalse(err.toString().contains("Exception"), err.toString());

            holder.destroyForcibly(); // kill -9: the lock file stays, the kernel's lock goes
            assertTrue(holder.waitFor(60, TimeUnit.SECONDS));
        } finally {
            holder.destroyForcibly();
        }
        assertTrue(Files.isRegularFile(dir.resolve(RunLock.FILE)), "the stale lock file is still there");
        GanTrainer t = GanTrainer.resume(dir, o -> o.withMaxSteps(3), TrainerHarness.OPENER);
        var rec = TrainerHarness.runToEnd(t, 120);
        assertEquals(TrainerState.FINISHED, t.state(), t.message());
        assertEquals(List.of(3L), rec.steps.stream().map(StepMetrics::step).toList());
        assertTrue(Files.isDirectory(dir.resolve("checkpoints/step-000003")));
    }

    @Test
    void aNewRunInADirectoryThatHoldsOneIsStillRefusedAsSuch() throws Exception {
        Path dir = TinyRun.copyTo(tmp.resolve("run"));
        var e = assertThrows(java.io.IOException.class, () -> GanTrainer.create(dir,
                RunDirectory.open(dir).config(), RunDirectory.open(dir).options(), TrainerHarness.OPENER));
        assertTrue(e.getMessage().contains("already holds a run"), e.getMessage());
        GanTrainer.resume(dir, o -> o, TrainerHarness.OPENER).close(); // and left no lock behind
    }
}
