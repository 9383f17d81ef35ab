package io.dcganexplorer.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dcganexplorer.cli.Cli;
import io.dcganexplorer.image.Pixels;
import io.dcganexplorer.image.PngFiles;
import io.dcganexplorer.model.DcganConfig;
import io.dcganexplorer.model.KernelPreset;
import io.dcganexplorer.model.ZPrior;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** A dataset smaller than one batch trains with batches of its size, and says so once. */
class SmallDatasetTest {
    @TempDir
    Path tmp;

    private static final DcganConfig TINY = new DcganConfig(16, 1, 8, 4, 4, KernelPreset.K4, ZPrior.UNIFORM);

    @Test
    void fortyOneImagesAtTheDefaultBatchTrainWithBatchesOfFortyOneAndResumeKeepsThem() throws Exception {
        assertEquals(128, TrainingOptions.defaults().batchSize());
        Path dir = tmp.resolve("run");
        TrainingOptions opt = TrainingOptions.defaults().withDataset("faces:41").withMaxSteps(3).withIntervals(0, 0)
                .withSampleCount(4);
        GanTrainer t = GanTrainer.create(dir, TINY, opt, TrainerHarness.OPENER);
        List<String> warnings = new CopyOnWriteArrayList<>();
        t.addListener(new TrainingListener() {
            @Override
            public void onWarning(String message) {
                warnings.add(message);
            }
        });
        var rec = TrainerHarness.runToEnd(t, 120);
        assertEquals(TrainerState.FINISHED, t.state(), t.message());
        assertEquals(3, rec.steps.size());
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).contains("has 41 images, fewer than the batch of 128: training with batches of 41"),
                warnings.get(0));
        assertEquals(41, RunDirectory.open(dir).options().batchSize(), "config.json records the batch trained with");
        // img/s counts the images of the batches actually trained
        StepMetrics last = rec.steps.get(2);
        assertTrue(last.imagesPerSecond() > 0);

        GanTrainer more = GanTrainer.resume(dir, o -> o.withMaxSteps(5), TrainerHarness.OPENER);
        List<String> again = new CopyOnWriteArrayList<>();
        more.addListener(new TrainingListener() {
            @Override
            public void onWarning(String message) {
                again.add(message);
            }
        });
        var rec2 = TrainerHarness.runToEnd(more, 120);
        assertEquals(TrainerState.FINISHED, more.state(), more.message());
        assertEquals(List.of(4L, 5L), rec2.steps.stream().map(StepMetrics::step).toList());
        assertTrue(again.isEmpty(), "the resumed run already has the smaller batch: " + again);
    }

    @Test
    void aRunWithACheckpointKeepsItsBatchAndNamesTheProblem() throws Exception {
        Path dir = tmp.resolve("run");
        var first = GanTrainer.create(dir, TINY, TrainingOptions.defaults().withDataset("faces:64").withBatchSize(48)
                .withMaxSteps(1).withIntervals(0, 0).withSampleCount(4), TrainerHarness.OPENER);
        TrainerHarness.runToEnd(first, 120);
        assertEquals(TrainerState.FINISHED, first.state(), first.message());
        GanTrainer t = GanTrainer.resume(dir, o -> o.withDataset("faces:41").withMaxSteps(2), TrainerHarness.OPENER);
        TrainerHarness.runToEnd(t, 120);
        assertEquals(TrainerState.FAILED, t.state());
        assertTrue(t.message().contains("41 images, fewer than one batch of 48"), t.message());
    }

    @Test
    void theCommandLineWarnsOnStderrForAFolderSmallerThanABatch() throws Exception {
        Path folder = Files.createDirectories(tmp.resolve("five"));
        for (int i = 0; i < 5; i++) {
            int[] argb = new int[16 * 16];
            java.util.Arrays.fill(argb, 0xff000000 | (i * 40) << 16 | 0x3366);
            PngFiles.write(new Pixels(16, 16, argb), folder.resolve("img" + i + ".png"));
        }
        Path dir = tmp.resolve("cli");
        StringWriter err = new StringWriter();
        StringWriter out = new StringWriter();
        CommandLine cli = Cli.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute("train", "--dataset", "folder:" + folder, "--image-size", "16", "--ngf", "4", "--ndf",
                "4", "--latent", "8", "--steps", "2", "--sample-every", "0", "--run-dir", dir.toString());
        assertEquals(0, code, err.toString());
        String e = err.toString();
        assertEquals(1, e.split("warning: ", -1).length - 1, e);
        assertTrue(e.contains("warning: the dataset folder " + folder + " (5 images) has 5 images, fewer than the "
                + "batch of 128: training with batches of 5"), e);
        assertEquals(5, RunDirectory.open(dir).options().batchSize());
        assertTrue(Files.isDirectory(dir.resolve("checkpoints/step-000002")), out.toString());
    }
}
