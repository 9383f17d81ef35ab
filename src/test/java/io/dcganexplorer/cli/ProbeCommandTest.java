package io.dcganexplorer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.dcganexplorer.TinyRun;
import io.dcganexplorer.eval.ProbeFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProbeCommandTest {
    @TempDir
    Path tmp;

    @Test
    void printsTheTableAndWritesEveryDrawToJson() throws Exception {
        Path idx = ProbeFixture.write(tmp.resolve("idx"), 40, 20, 3);
        Path run = TinyRun.copyTo(tmp.resolve("run"));
        var r = CliTest.run("probe", "--run-dir", run.toString(), "--dataset", "fashion:" + idx, "--labels", "15,all",
                "--draws", "2", "--bn-images", "60", "--supervised-steps", "20", "--test-limit", "45");
        assertEquals(0, r.code(), r.err());
        String[] lines = r.out().split("\\R");
        assertTrue(lines[0].contains("45 official test images"), r.out());
        assertTrue(lines[1].matches("labels\\s+D features\\s+raw pixels\\s+supervised\\s*"), lines[1]);
        assertTrue(lines[2].matches("15\\s+\\d+\\.\\d\\d ± \\d+\\.\\d\\d % \\(2 draws\\).*"), lines[2]);
        assertTrue(lines[3].startsWith("all (120)"), lines[3]);
        JsonObject json = JsonParser.parseString(Files.readString(run.resolve("probe.json"))).getAsJsonObject();
        assertEquals(2 * 2 * 3, json.getAsJsonArray("per_draw").size());
        assertEquals(2 * 3, json.getAsJsonArray("table").size());
        assertEquals(45, json.get("test_images").getAsInt());
        assertEquals(192, json.get("d_features").getAsInt());
        var first = json.getAsJsonArray("per_draw").get(0).getAsJsonObject();
        assertEquals("D features", first.get("method").getAsString());
        assertTrue(first.get("test_error").getAsDouble() < 0.5, first.toString());
        assertTrue(first.has("c"));
    }

    @Test
    void aMissingDatasetFailsWithOneLineNamingThePath() throws Exception {
        Path run = TinyRun.copyTo(tmp.resolve("run"));
        Path missing = tmp.resolve("no-such-idx");
        var r = CliTest.run("probe", "--run-dir", run.toString(), "--dataset", "mnist:" + missing);
        assertEquals(1, r.code(), r.err());
        String error = r.err().lines().filter(l -> l.startsWith("error: ")).findFirst().orElse("");
        assertTrue(error.contains(missing.toString()), r.err());
        assertFalse(r.err().contains("Exception"), r.err());
        assertFalse(Files.exists(run.resolve("probe.json")));
    }

    @Test
    void missingLabelsRunDirAndWrongKindsAreClearErrors() throws Exception {
        Path idx = ProbeFixture.write(tmp.resolve("idx"), 10, 5, 3);
        Files.delete(idx.resolve("t10k-labels-idx1-ubyte.gz"));
        Path run = TinyRun.copyTo(tmp.resolve("run"));
        var noLabels = CliTest.run("probe", "--run-dir", run.toString(), "--dataset", "mnist:" + idx);
        assertEquals(1, noLabels.code());
        assertTrue(noLabels.err().contains("t10k-labels-idx1-ubyte"), noLabels.err());
        var noRun = CliTest.run("probe", "--run-dir", tmp.resolve("nothing").toString(), "--dataset", "mnist:" + idx);
        assertEquals(1, noRun.code());
        assertTrue(noRun.err().contains("nothing is not a run directory"), noRun.err());
        var folder = CliTest.run("probe", "--run-dir", run.toString(), "--dataset", "folder:" + idx);
        assertEquals(2, folder.code());
        assertTrue(folder.err().contains("fashion:PATH or mnist:PATH"), folder.err());
        var labels = CliTest.run("probe", "--run-dir", run.toString(), "--dataset", "mnist:" + idx, "--labels", "ten");
        assertEquals(2, labels.code());
    }

    @Test
    void theCGridIsTheUsersAndIsRecorded() throws Exception {
        Path idx = ProbeFixture.write(tmp.resolve("idx"), 20, 10, 3);
        Path run = TinyRun.copyTo(tmp.resolve("run"));
        var r = CliTest.run("probe", "--run-dir", run.toString(), "--dataset", "fashion:" + idx, "--labels", "30",
                "--draws", "2", "--bn-images", "30", "--methods", "d,raw", "--c-grid", "1e-2,1e-4,1e-2");
        assertEquals(0, r.code(), r.err());
        JsonObject json = JsonParser.parseString(Files.readString(run.resolve("probe.json"))).getAsJsonObject();
        var grid = json.getAsJsonObject("options").getAsJsonArray("c_grid");
        assertEquals(2, grid.size(), grid.toString());
        assertEquals(1e-4, grid.get(0).getAsDouble());
        assertEquals(1e-2, grid.get(1).getAsDouble());
        for (var d : json.getAsJsonArray("per_draw")) {
            double c = d.getAsJsonObject().get("c").getAsDouble();
            assertTrue(c == 1e-4 || c == 1e-2, d.toString());
        }
        var bad = CliTest.run("probe", "--run-dir", run.toString(), "--dataset", "fashion:" + idx, "--c-grid", "0");
        assertEquals(2, bad.code(), bad.err());
        assertTrue(bad.err().contains("--c-grid"), bad.err());
    }
}
