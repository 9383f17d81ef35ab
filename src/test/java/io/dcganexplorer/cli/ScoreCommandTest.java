package io.dcganexplorer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dcganexplorer.TinyRun;
import io.dcganexplorer.eval.ScoreLog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScoreCommandTest {
    @TempDir
    Path tmp;

    private static double number(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        assertTrue(m.find(), regex + " in\n" + text);
        return Double.parseDouble(m.group(1));
    }

    @Test
    void scoresTheNewestCheckpointWithFloorAndCeilingAndAppendsToScoresCsv() throws Exception {
        Path run = TinyRun.copyTo(tmp.resolve("run"));
        String cache = tmp.resolve("cache").toString();
        var r = CliTest.run("score", "--run-dir", run.toString(), "--dataset", "faces:300", "--count", "60", "--cache",
                cache, "--classifier-epochs", "1");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("training the feature classifier"), r.err());
        assertTrue(r.err().contains("classifier: ") && r.err().contains("ETA"), r.err());
        double acc = number(r.out(), "test accuracy ([0-9.]+)");
        assertTrue(acc > 0 && acc <= 1, r.out());
        double floor = number(r.out(), "floor .*FD\\s+([0-9.]+)");
        double ceiling = number(r.out(), "ceiling .*FD\\s+([0-9.]+)");
        double fd = number(r.out(), "step 2 \\(step-000002\\): FD ([0-9.]+)");
        assertTrue(ceiling > floor, r.out());
        assertTrue(fd > floor, "a 2-step generator is worse than real images: " + r.out());

        List<ScoreLog.Row> rows = ScoreLog.read(run);
        assertEquals(1, rows.size());
        assertEquals(2, rows.get(0).step());
        assertEquals(60, rows.get(0).count());
        assertEquals(fd, rows.get(0).fd(), 1e-3 * fd);

        // the classifier is cached now; scoring again appends a row and says it was cached
        var again = CliTest.run("score", "--run-dir", run.toString(), "--checkpoint", "step-000002", "--dataset",
                "faces:300", "--count", "60", "--cache", cache);
        assertEquals(0, again.code(), again.err());
        assertTrue(again.out().contains("cached"), again.out());
        assertFalse(again.err().contains("training the feature classifier"), again.err());
        assertEquals(3, Files.readAllLines(ScoreLog.file(run)).size(), "header and two rows");
    }

    @Test
    void aFolderThatIsNoRunAndAMissingCheckpointAreNamed() {
        var r = CliTest.run("score", "--run-dir", tmp.toString(), "--cache", tmp.resolve("c").toString());
        assertEquals(1, r.code());
        assertTrue(r.err().startsWith("error: ") && r.err().contains(tmp.toString())
                && r.err().contains("not a run directory"), r.err());

        var cp = CliTest.run("score", "--run-dir", TinyRun.PATH.toString(), "--checkpoint", "step-000099", "--cache",
                tmp.resolve("c").toString());
        assertEquals(1, cp.code());
        assertTrue(cp.err().contains("no checkpoint folder step-000099"), cp.err());
        assertFalse(cp.err().contains("\tat "), cp.err());
    }

    @Test
    void badCountsAndUnlabelledDataAreRefused() throws Exception {
        assertEquals(2, CliTest.run("score", "--run-dir", TinyRun.PATH.toString(), "--count", "1").code());
        Path pics = Files.createDirectories(tmp.resolve("pics"));
        var r = CliTest.run("score", "--run-dir", TinyRun.PATH.toString(), "--dataset", "folder:" + pics, "--cache",
                tmp.resolve("c").toString());
        assertEquals(1, r.code());
        assertTrue(r.err().startsWith("error: ") && r.err().contains(pics.toString()), r.err());
    }
}
