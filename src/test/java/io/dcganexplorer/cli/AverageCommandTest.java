package io.dcganexplorer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dcganexplorer.TinyRun;
import io.dcganexplorer.train.Checkpoint;
import io.dcganexplorer.train.CheckpointAverage;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AverageCommandTest {
    @TempDir
    Path tmp;

    /** The fixture run with a second checkpoint, step 4 (the same weights under another step). */
    private Path runWithTwoCheckpoints() throws Exception {
        Path run = TinyRun.copyTo(tmp.resolve("run"));
        Path two = run.resolve("checkpoints/step-000002");
        Path four = run.resolve("checkpoints/step-000004");
        TinyRun.copyTree(two, four);
        Path meta = four.resolve("checkpoint.json");
        Files.writeString(meta, Files.readString(meta).replaceFirst("\"step\"\\s*:\\s*2,", "\"step\": 4,"));
        assertEquals(4, Checkpoint.readMeta(four).step());
        return run;
    }

    @Test
    void averagesTheRunsCheckpointsInAStepRangeIntoANewFolderAndNeverOverwrites() throws Exception {
        Path run = runWithTwoCheckpoints();
        var r = CliTest.run("average", "--run-dir", run.toString(), "--from", "1", "--bn-samples", "32");
        assertEquals(0, r.code(), r.err());
        Path out = run.resolve("averaged/step-000002-to-000004");
        assertTrue(r.out().contains(out.toString()) && r.out().contains("2 checkpoints (steps 2..4)"), r.out());
        Checkpoint.Meta meta = Checkpoint.readMeta(out);
        assertTrue(CheckpointAverage.isAveraged(meta));
        assertEquals(4, meta.step());
        assertEquals(2, Files.list(run.resolve("checkpoints")).count(), "the run's checkpoints are left alone");

        var sample = CliTest.run("sample", "--run-dir", run.toString(), "--checkpoint", out.toString(), "--count", "4",
                "--out", tmp.resolve("avg.png").toString());
        assertEquals(0, sample.code(), sample.err());
        assertTrue(Files.size(tmp.resolve("avg.png")) > 0);

        var again = CliTest.run("average", "--run-dir", run.toString(), "--from", "1", "--bn-samples", "32");
        assertEquals(1, again.code());
        assertTrue(again.err().contains("already exists"), again.err());
    }

    @Test
    void refusesTooFewCheckpointsAndAmbiguousSelections() throws Exception {
        Path run = runWithTwoCheckpoints();
        var one = CliTest.run("average", "--run-dir", run.toString(), "--from", "3");
        assertEquals(1, one.code());
        assertTrue(one.err().contains("at least 2 checkpoints; found 1"), one.err());
        assertEquals(2, CliTest.run("average", "--run-dir", run.toString()).code());
        assertEquals(2, CliTest.run("average", "--run-dir", run.toString(), "--from", "1", "--checkpoints",
                "step-000002,step-000004").code());
        assertEquals(2, CliTest.run("average", "--run-dir", run.toString(), "--from", "5", "--to", "3").code());
        var missing = CliTest.run("average", "--run-dir", run.toString(), "--checkpoints", "step-000002,step-000009");
        assertEquals(1, missing.code());
        assertTrue(missing.err().contains("step-000009"), missing.err());
        assertFalse(Files.exists(run.resolve("averaged")), "nothing written");
    }
}
