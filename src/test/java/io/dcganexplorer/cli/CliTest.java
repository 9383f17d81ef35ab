package io.dcganexplorer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dcganexplorer.image.Pixels;
import io.dcganexplorer.image.PngFiles;
import io.dcganexplorer.train.RunDirectory;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The command line run in-process, as Main runs it once the environment is right. */
class CliTest {

    /** Exit code and what the command printed. */
    record Result(int code, String out, String err) {}

    static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cmd = new CommandLine(new Cli());
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        int code = cmd.execute(args);
        return new Result(code, out.toString(), err.toString());
    }

    @Test
    void helpListsEveryCommand() {
        Result r = run("--help");
        assertEquals(0, r.code());
        for (String c : List.of("train", "sample", "bench", "datasets")) {
            assertTrue(r.out().contains(c), "help should list " + c + ":\n" + r.out());
        }
    }

    @Test
    void unknownOptionIsAUsageError() {
        Result r = run("train", "--run-dir", "x", "--no-such-option");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("Unknown option: '--no-such-option'"), r.err());
        assertTrue(r.err().contains("Usage: dcgan-explorer train"), r.err());
    }

    @Test
    void trainNeedsARunDirOrResume() {
        Result r = run("train", "--steps", "3");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--run-dir") && r.err().contains("--resume"), r.err());
    }

    @Test
    void imageSize48IsRefusedWithAReason(@TempDir Path tmp) {
        Result r = run("train", "--image-size", "48", "--run-dir", tmp.resolve("run").toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("'--image-size': 48"), r.err());
        assertTrue(r.err().contains("power of two"), r.err());
        assertTrue(r.err().contains("Usage:"), r.err());
        assertFalse(r.err().contains("Exception"), "no stack trace expected:\n" + r.err());
        assertFalse(Files.exists(tmp.resolve("run")), "a refused run must leave nothing on disk");
    }

    @Test
    void badValuesAreUsageErrors(@TempDir Path tmp) {
        String dir = tmp.resolve("run").toString();
        assertEquals(2, run("train", "--run-dir", dir, "--batch-size", "0").code());
        assertEquals(2, run("train", "--run-dir", dir, "--dataset", "nosuch:thing").code());
        assertEquals(2, run("train", "--run-dir", dir, "--preset", "huge").code());
        assertEquals(2, run("train", "--run-dir", dir, "--lr", "abc").code());
        Result ls = run("train", "--run-dir", dir, "--label-smoothing", "0.7");
        assertEquals(2, ls.code());
        assertTrue(ls.err().contains("label smoothing must be in [0, 0.5]") && ls.err().contains("0.7"), ls.err());
        assertEquals(2, run("sample", "--run-dir", dir, "--out", "x.png", "--count", "0").code());
        assertEquals(2, run("bench", "--sizes", "48").code());
    }

    @Test
    void architectureCannotChangeOnResume(@TempDir Path tmp) {
        Result r = run("train", "--resume", tmp.toString(), "--image-size", "32");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--image-size cannot be changed when resuming"), r.err());
    }

    @Test
    void sampleWithoutCheckpointNamesTheDirectory(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("fresh");
        RunDirectory.create(dir, io.dcganexplorer.model.DcganConfig.preset(
                io.dcganexplorer.model.DcganConfig.Preset.PYTORCH, 16, 3), io.dcganexplorer.train.TrainingOptions
                        .defaults());
        Result r = run("sample", "--run-dir", dir.toString(), "--out", tmp.resolve("g.png").toString());
        assertEquals(1, r.code());
        assertTrue(r.err().startsWith("error: "), r.err());
        assertTrue(r.err().contains(dir.toString()) && r.err().contains("no checkpoint"), r.err());
        assertFalse(Files.exists(tmp.resolve("g.png")));
    }

    @Test
    void sampleOnAFolderThatIsNoRunFails(@TempDir Path tmp) {
        Result r = run("sample", "--run-dir", tmp.toString(), "--out", tmp.resolve("g.png").toString());
        assertEquals(1, r.code());
        assertTrue(r.err().contains(tmp.toString()) && r.err().contains("not a run directory"), r.err());
    }

    @Test
    void trainResumeAndSampleEndToEnd(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("run");
        Result first = run("train", "--dataset", "faces:64", "--image-size", "16", "--batch-size", "8", "--ngf",
                "8", "--ndf", "8", "--steps", "4", "--sample-every", "2", "--checkpoint-every", "2", "--run-dir",
                dir.toString());
        assertEquals(0, first.code(), first.err());
        assertTrue(Files.isRegularFile(dir.resolve("config.json")));
        assertTrue(Files.isRegularFile(dir.resolve("samples/step-000002.png")));
        assertTrue(Files.isRegularFile(dir.resolve("checkpoints/step-000004/checkpoint.json")), first.err());
        assertEquals(4, RunDirectory.open(dir).readMetrics().size());
        assertTrue(first.err().contains("step 4/4 100%") && first.err().contains("Loss_D"), first.err());
        assertTrue(first.out().contains("finished 4 steps"), first.out());

        assertEquals(0.0, RunDirectory.open(dir).options().labelSmoothing());
        Result again = run("train", "--resume", dir.toString(), "--steps", "6", "--label-smoothing", "0.1");
        assertEquals(0, again.code(), again.err());
        assertEquals(0.1, RunDirectory.open(dir).options().labelSmoothing(), "a resume may turn smoothing on");
        List<io.dcganexplorer.train.StepMetrics> rows = RunDirectory.open(dir).readMetrics();
        assertEquals(6, rows.size());
        assertEquals(6, rows.get(5).step());
        assertTrue(Files.isDirectory(dir.resolve("checkpoints/step-000006")));

        Path png = tmp.resolve("grid.png");
        Result sample = run("sample", "--run-dir", dir.toString(), "--count", "4", "--seed", "7", "--out",
                png.toString());
        assertEquals(0, sample.code(), sample.err());
        Pixels grid = PngFiles.read(png);
        int side = 2 * 16 + 3 * SampleCommand.PADDING; // 2x2 images of 16 px with padding around and between
        assertEquals(side, grid.width());
        assertEquals(side, grid.height());

        // Same seed and checkpoint, same picture.
        Path png2 = tmp.resolve("grid2.png");
        assertEquals(0, run("sample", "--run-dir", dir.toString(), "--count", "4", "--seed", "7", "--out",
                png2.toString(), "--checkpoint", "step-000006").code());
        assertTrue(java.util.Arrays.equals(grid.argb(), PngFiles.read(png2).argb()));
    }

    @Test
    void emaRunsRenderTheirAverageUnlessTheTrainedGeneratorIsAskedFor(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("run");
        Path plain = tmp.resolve("plain");
        for (Path d : List.of(dir, plain)) {
            List<String> args = new java.util.ArrayList<>(List.of("train", "--dataset", "faces:64", "--image-size",
                    "16", "--batch-size", "8", "--ngf", "8", "--ndf", "8", "--steps", "3", "--run-dir", d.toString()));
            if (d == dir) {
                args.addAll(List.of("--ema", "0.99"));
            }
            Result r = run(args.toArray(String[]::new));
            assertEquals(0, r.code(), r.err());
        }
        assertEquals(0.99, RunDirectory.open(dir).options().generatorEma());
        java.util.Map<String, int[]> grids = new java.util.LinkedHashMap<>();
        for (String[] w : new String[][] {{"ema", dir.toString()}, {"auto", dir.toString()},
                {"trained", dir.toString()}, {"plain", plain.toString()}}) {
            Path png = tmp.resolve(w[0] + ".png");
            List<String> args = new java.util.ArrayList<>(List.of("sample", "--run-dir", w[1], "--count", "4", "--seed",
                    "3", "--out", png.toString()));
            if (!w[0].equals("plain")) {
                args.addAll(List.of("--weights", w[0]));
            }
            Result r = run(args.toArray(String[]::new));
            assertEquals(0, r.code(), r.err());
            grids.put(w[0], PngFiles.read(png).argb());
        }
        assertTrue(java.util.Arrays.equals(grids.get("ema"), grids.get("auto")), "auto renders the average");
        assertFalse(java.util.Arrays.equals(grids.get("ema"), grids.get("trained")));
        assertTrue(java.util.Arrays.equals(grids.get("trained"), grids.get("plain")),
                "the moving average takes no part in training: G is the same as without it");

        Result none = run("sample", "--run-dir", plain.toString(), "--weights", "ema", "--out",
                tmp.resolve("x.png").toString());
        assertEquals(1, none.code());
        assertTrue(none.err().contains("no moving average"), none.err());
        Result bad = run("sample", "--run-dir", dir.toString(), "--weights", "best", "--out",
                tmp.resolve("y.png").toString());
        assertEquals(2, bad.code());
        assertTrue(bad.err().contains("--weights") && bad.err().contains("auto, trained or ema"), bad.err());
        Result low = run("train", "--dataset", "faces:64", "--image-size", "16", "--steps", "1", "--ema", "0.5",
                "--run-dir", tmp.resolve("low").toString());
        assertEquals(2, low.code());
        assertTrue(low.err().contains("moving-average"), low.err());
    }

    @Test
    void keepCheckpointsKeepsEveryOneOrTheNewestN(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("run");
        Result all = run("train", "--dataset", "faces:64", "--image-size", "16", "--batch-size", "8", "--ngf", "8",
                "--ndf", "8", "--steps", "5", "--sample-every", "0", "--checkpoint-every", "1", "--keep-checkpoints",
                "0", "--run-dir", dir.toString());
        assertEquals(0, all.code(), all.err());
        assertEquals(List.of("step-000001", "step-000002", "step-000003", "step-000004", "step-000005"),
                checkpointNames(dir));
        Result two = run("train", "--resume", dir.toString(), "--steps", "7", "--keep-checkpoints", "2");
        assertEquals(0, two.code(), two.err());
        assertEquals(List.of("step-000006", "step-000007"), checkpointNames(dir));
        Result byDefault = run("train", "--resume", dir.toString(), "--steps", "9");
        assertEquals(0, byDefault.code(), byDefault.err());
        assertEquals(List.of("step-000007", "step-000008", "step-000009"), checkpointNames(dir),
                "without the option a run keeps its newest "
                        + io.dcganexplorer.train.GanTrainer.DEFAULT_KEEP_CHECKPOINTS);
        Result bad = run("train", "--resume", dir.toString(), "--steps", "10", "--keep-checkpoints", "-1");
        assertEquals(2, bad.code());
        assertTrue(bad.err().contains("--keep-checkpoints"), bad.err());
        assertEquals(List.of("step-000007", "step-000008", "step-000009"), checkpointNames(dir));
    }

    private static List<String> checkpointNames(Path run) throws IOException {
        try (java.util.stream.Stream<Path> s = Files.list(run.resolve("checkpoints"))) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("step-")).sorted().toList();
        }
    }

    @Test
    void damagedCheckpointIsAClearError(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("run");
        assertEquals(0, run("train", "--dataset", "faces:16", "--image-size", "16", "--batch-size", "8", "--ngf",
                "8", "--ndf", "8", "--steps", "1", "--run-dir", dir.toString()).code());
        Path tensors = dir.resolve("checkpoints/step-000001/tensors.bin");
        byte[] bytes = Files.readAllBytes(tensors);
        Files.write(tensors, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        Result r = run("sample", "--run-dir", dir.toString(), "--out", tmp.resolve("g.png").toString());
        assertEquals(1, r.code());
        assertTrue(r.err().startsWith("error: ") && r.err().contains("tensors.bin"), r.err());
        assertFalse(r.err().contains("\tat "), "no stack trace expected:\n" + r.err());
    }
}
