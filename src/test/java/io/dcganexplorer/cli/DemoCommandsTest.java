package io.dcganexplorer.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dcganexplorer.TinyDemo;
import io.dcganexplorer.eval.ScoreLog;
import io.dcganexplorer.train.Checkpoint;
import io.dcganexplorer.train.RunDirectory;
import io.dcganexplorer.train.ShippedDemo;
import io.dcganexplorer.train.TensorFile.Tensor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --demo} in every command that reads a run, on a tiny packed demo; nothing is written into it. */
class DemoCommandsTest {
    @TempDir
    Path tmp;

    private static List<String> files(Path dir) throws Exception {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.map(p -> dir.relativize(p).toString()).sorted().toList();
        }
    }

    @Test
    void renderingCommandsReadTheDemoAndWriteOnlyTheirOut() throws Exception {
        try (TinyDemo demo = TinyDemo.install(tmp)) {
            Path out = Files.createDirectories(tmp.resolve("out"));
            var sample = CliTest.run("sample", "--demo", "--count", "4", "--out", out.resolve("s.png").toString());
            assertEquals(0, sample.code(), sample.err());
            Path dir = ShippedDemo.open().runDir();
            List<String> before = files(dir);

            var walk = CliTest.run("interpolate", "--demo", "--seeds", "1,2", "--frames", "4", "--out",
                    out.resolve("w.png").toString());
            assertEquals(0, walk.code(), walk.err());
            var arith = CliTest.run("arithmetic", "--demo", "--a", "1", "--b", "2", "--c", "3", "--out",
                    out.resolve("a.png").toString());
            assertEquals(0, arith.code(), arith.err());
            var dirn = CliTest.run("direction", "--demo", "--saved", "smile", "--seeds", "1", "--frames", "3", "--out",
                    out.resolve("d.png").toString());
            assertEquals(0, dirn.code(), dirn.err());
            var proj = CliTest.run("project", "--demo", "--image", out.resolve("s.png").toString(), "--steps", "3",
                    "--starts", "2", "--out", out.resolve("p").toString());
            assertEquals(0, proj.code(), proj.err());
            var export = CliTest.run("export-pytorch", "--demo", "--out", out.resolve("pt").toString());
            assertEquals(0, export.code(), export.err());
            for (String f : List.of("s.png", "w.png", "a.png", "d.png", "p/" + ProjectCommand.Z_FILE, "pt/netG.pth",
                    "pt/netD.pth")) {
                assertTrue(Files.size(out.resolve(f)) > 50, f);
            }
            assertEquals(before, files(dir), "nothing was written into the demo");
        }
    }

    @Test
    void writesIntoTheDemoAreRefusedBeforeAnyWork() throws Exception {
        try (TinyDemo demo = TinyDemo.install(tmp)) {
            Path dir = ShippedDemo.open().runDir();
            List<String> before = files(dir);
            var save = CliTest.run("direction", "--demo", "--p", "1", "--q", "2", "--seeds", "1", "--save", "mine",
                    "--out", tmp.resolve("d.png").toString());
            assertEquals(1, save.code());
            assertTrue(save.err().contains("the shipped demo is read-only") && save.err().contains("--save"),
                    save.err());
            assertFalse(Files.exists(tmp.resolve("d.png")), "refused before rendering");
            var score = CliTest.run("score", "--demo", "--count", "10");
            assertEquals(1, score.code());
            assertTrue(score.err().contains("read-only") && score.err().contains("--out FILE"), score.err());
            var probe = CliTest.run("probe", "--demo", "--dataset", "fashion:" + tmp.resolve("no-such-data"));
            assertEquals(1, probe.code());
            assertTrue(probe.err().contains("read-only") && probe.err().contains("--out FILE"), probe.err());
            var resume = CliTest.run("train", "--resume", dir.toString(), "--steps", "3");
            assertEquals(1, resume.code());
            assertTrue(resume.err().contains("--init-from demo"), resume.err());
            assertEquals(before, files(dir));
        }
    }

    @Test
    void scoreWithDemoAppendsToItsOut() throws Exception {
        try (TinyDemo demo = TinyDemo.install(tmp)) {
            Path scores = tmp.resolve("scores.csv");
            var r = CliTest.run("score", "--demo", "--dataset", "faces:300", "--count", "40", "--classifier-epochs",
                    "1", "--out", scores.toString());
            assertEquals(0, r.code(), r.err());
            List<ScoreLog.Row> rows = ScoreLog.read(tmp);
            assertEquals(1, rows.size());
            assertEquals(2, rows.get(0).step());
            assertFalse(Files.exists(ShippedDemo.open().runDir().resolve(ScoreLog.FILE)));
        }
    }

    @Test
    void trainInitFromDemoStartsANewRunWithItsWeightsAndAFreshOptimiser() throws Exception {
        try (TinyDemo demo = TinyDemo.install(tmp)) {
            Path run = tmp.resolve("mine");
            // a learning rate so small that one step leaves the weights where the demo has them
            var r = CliTest.run("train", "--run-dir", run.toString(), "--init-from", "demo", "--steps", "1",
                    "--lr", "1e-12", "--dataset", "faces:32");
            assertEquals(0, r.code(), r.err());
            RunDirectory mine = RunDirectory.open(run);
            Path demoDir = ShippedDemo.open().runDir();
            RunDirectory shipped = RunDirectory.open(demoDir);
            assertEquals(shipped.config(), mine.config());
            assertEquals(shipped.options().batchSize(), mine.options().batchSize());
            assertTrue(mine.provenance().get("init_from").startsWith(ShippedDemo.NAME), mine.provenance().toString());
            assertFalse(mine.readOnly());
            Checkpoint.Meta meta = Checkpoint.readMeta(run.resolve("checkpoints/step-000001"));
            assertEquals(1, meta.step());
            assertEquals(1, meta.adamStepsG(), "a fresh Adam: one update");
            Map<String, Tensor> got = Checkpoint.readTensors(run.resolve("checkpoints/step-000001"));
            Map<String, Tensor> from = Checkpoint.readTensors(shipped.latestCheckpoint().orElseThrow());
            float[] w = from.get("G/" + firstWeight(from)).data();
            assertArrayEquals(w, got.get("G/" + firstWeight(from)).data(), 1e-6f);

            var twice = CliTest.run("train", "--resume", run.toString(), "--init-from", "demo");
            assertEquals(2, twice.code(), twice.err());
            var arch = CliTest.run("train", "--run-dir", tmp.resolve("x").toString(), "--init-from", "demo", "--ngf",
                    "8");
            assertEquals(2, arch.code());
            assertTrue(arch.err().contains("--ngf") && arch.err().contains("--init-from"), arch.err());
        }
    }

    @Test
    void trainInitFromARunOrACheckpointFolderToo() throws Exception {
        Path fixture = io.dcganexplorer.TinyRun.PATH;
        for (Path from : List.of(fixture, fixture.resolve("checkpoints/step-000002"))) {
            Path run = tmp.resolve("from-" + from.getFileName());
            var r = CliTest.run("train", "--run-dir", run.toString(), "--init-from", from.toString(), "--steps", "1",
                    "--dataset", "faces:32");
            assertEquals(0, r.code(), r.err());
            RunDirectory mine = RunDirectory.open(run);
            assertEquals(RunDirectory.open(fixture).config(), mine.config());
            assertEquals(4, mine.options().batchSize(), "the source run's options");
            assertEquals(from + " at step 2", mine.provenance().get("init_from"));
        }
        var none = CliTest.run("train", "--run-dir", tmp.resolve("n").toString(), "--init-from",
                tmp.resolve("nothing").toString());
        assertEquals(1, none.code());
        assertTrue(none.err().contains("not a run directory"), none.err());
    }

    private static String firstWeight(Map<String, Tensor> t) {
        return t.keySet().stream().filter(n -> n.startsWith("G/") && n.endsWith("weight")).findFirst().orElseThrow()
                .substring(2);
    }

    @Test
    void noShippedDemoIsSaidClearly() {
        String old = System.getProperty(ShippedDemo.PROPERTY);
        System.setProperty(ShippedDemo.PROPERTY, tmp.resolve("none").toString());
        try {
            var r = CliTest.run("sample", "--demo", "--out", tmp.resolve("s.png").toString());
            assertEquals(1, r.code());
            assertTrue(r.err().contains("ships no demo model yet") && r.err().contains("--run-dir"), r.err());
            var both = CliTest.run("sample", "--demo", "--run-dir", "x", "--out", tmp.resolve("s.png").toString());
            assertEquals(2, both.code(), "--demo and --run-dir are exclusive");
        } finally {
            if (old == null) {
                System.clearProperty(ShippedDemo.PROPERTY);
            } else {
                System.setProperty(ShippedDemo.PROPERTY, old);
            }
        }
    }
}
