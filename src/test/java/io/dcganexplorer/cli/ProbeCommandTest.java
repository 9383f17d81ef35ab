package io.dcganexplorer.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.dcganexplorer.TinyRun;
import io.dcganexplorer.eval.ProbeFixture;
import io.dcganexplorer.eval.RepresentationProbe;
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
        JsonObject json = report(run);
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
        JsonObject json = report(run);
        var grid = json.getAsJsonObject("options").getAsJsonArray("c_grid");
        assertEquals(2, grid.size(), grid.toString());
        assertEquals(1e-4, grid.get(0).getAsDouble());
        assertEquals(1e-2, grid.get(1).getAsDouble());
        for (var d : json.getAsJsonArray("per_draw")) {
            JsonObject o = d.getAsJsonObject();
            double c = o.get("c").getAsDouble();
            assertTrue(c == 1e-4 || c == 1e-2, o.toString());
            var byC = o.getAsJsonObject("validation_error_by_c");
            assertEquals(java.util.Set.of("1e-04", "1e-02"), byC.keySet(), o.toString());
            // the chosen C has the lowest validation error, and it is the one reported
            double chosen = byC.get(String.format(java.util.Locale.ROOT, "%.0e", c)).getAsDouble();
            assertEquals(o.get("validation_error").getAsDouble(), chosen, 1e-12);
            for (var e : byC.entrySet()) {
                assertTrue(chosen <= e.getValue().getAsDouble(), o.toString());
            }
            boolean top = c == 1e-2 && byC.get("1e-02").getAsDouble() < byC.get("1e-04").getAsDouble();
            assertEquals(top, o.get("c_at_top_of_grid").getAsBoolean(), o.toString());
        }
        var bad = CliTest.run("probe", "--run-dir", run.toString(), "--dataset", "fashion:" + idx, "--c-grid", "0");
        assertEquals(2, bad.code(), bad.err());
        assertTrue(bad.err().contains("--c-grid"), bad.err());
    }

    @Test
    void aCAtTheTopOfTheGridWithTheErrorStillFallingIsNamed() {
        double[] grid = {1e-4, 1e-3};
        var falling = draw(0, RepresentationProbe.Method.D_FEATURES, 1e-3, grid, new double[] {0.20, 0.10});
        var tied = draw(1, RepresentationProbe.Method.D_FEATURES, 1e-4, grid, new double[] {0.10, 0.10});
        var raw = draw(0, RepresentationProbe.Method.RAW_PIXELS, 1e-4, grid, new double[] {0.10, 0.30});
        assertTrue(falling.cAtTopOfGrid());
        assertFalse(tied.cAtTopOfGrid());
        assertFalse(raw.cAtTopOfGrid());
        var o = RepresentationProbe.Options.defaults().withLabelCounts(java.util.List.of(100))
                .withCGrid(new double[] {1e-3, 1e-4, 1e-3});
        assertArrayEquals(grid, o.cGrid(), "the options keep the grid ascending, without repeats");
        var result = new RepresentationProbe.Result(tmp, io.dcganexplorer.model.DcganConfig.preset(
                io.dcganexplorer.model.DcganConfig.Preset.PYTORCH, 32, 1), o, 10, 100, 10, 7168, 1024,
                java.util.List.of(falling, tied, raw), java.util.Map.of());
        var warnings = ProbeCommand.edgeWarnings(result);
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).startsWith("D features, 100 labels: C was the largest of the grid (1e-03) in 1 "
                + "of 2 draws"), warnings.get(0));
    }

    private static JsonObject report(Path run) throws java.io.IOException {
        return JsonParser.parseString(Files.readString(run.resolve("probe.json"))).getAsJsonObject();
    }

    private static RepresentationProbe.DrawResult draw(int index, RepresentationProbe.Method m, double c,
            double[] grid, double[] errors) {
        double chosen = errors[c == grid[0] ? 0 : 1];
        return new RepresentationProbe.DrawResult(100, index, m, 100, 80, 20, 0.2, chosen, c, 0, 0, 1.0, grid,
                errors);
    }
}
