package io.dcganexplorer.ui;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dcganexplorer.image.PngFiles;
import io.dcganexplorer.latent.Latent;
import io.dcganexplorer.latent.LatentStore;
import io.dcganexplorer.model.Rng;
import io.dcganexplorer.model.ZPrior;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The explorer and arithmetic view-models on the tiny format-1 fixture run (16x16x1, z of 8), no window. */
class ExploreViewModelTest {
    static final Path FIXTURE = Path.of("src/test/resources/runs/format1-tiny");

    @TempDir
    Path tmp;

    private final QueueHarness h = new QueueHarness();
    private final Executor ui = h.ui;
    private final Executor background = h.background;
    private ExploreViewModel vm;

    /** Copies the fixture run (a checkpoint at step 2) into {@code to}. */
    static Path copyFixture(Path to) throws IOException {
        return io.dcganexplorer.TinyRun.copyTo(to);
    }

    @AfterEach
    void close() {
        if (vm != null) {
            vm.close();
        }
    }

    private void pumpUntil(java.util.function.BooleanSupplier done) throws InterruptedException {
        h.pumpUntil(done);
    }

    private <T> T await(CompletableFuture<T> f) throws Exception {
        return h.await(f);
    }

    private ExploreViewModel opened(Path run) throws Exception {
        vm = new ExploreViewModel(background, ui);
        await(vm.generator().open(run));
        assertEquals("", vm.generator().errorProperty().get());
        return vm;
    }

    @Test
    void opensTheNewestCheckpointAndDrawsSixteenSamplesFromTheSeed() throws Exception {
        opened(copyFixture(tmp.resolve("run")));
        assertEquals(8, vm.generator().latentDimProperty().get());
        assertEquals(CurrentLatent.SAMPLES, vm.current().samples().size());
        assertEquals(16, vm.current().samples().get(0).width());
        float[] flat = new Rng(1).latent(16, 8, ZPrior.UNIFORM);
        assertArrayEquals(Arrays.copyOfRange(flat, 5 * 8, 6 * 8), vm.current().sampleVector(5));
        assertArrayEquals(vm.current().sampleVector(0), vm.current().currentZProperty().get(),
                "sample 0 is current at first");
        assertEquals(1, vm.current().pageCountProperty().get());

        vm.current().reroll();
        assertEquals(2, vm.current().seedProperty().get());
        float[] rerolled = new Rng(2).latent(16, 8, ZPrior.UNIFORM);
        assertArrayEquals(Arrays.copyOfRange(rerolled, 0, 8), vm.current().sampleVector(0));
    }

    @Test
    void clickingSampleIMakesItsVectorCurrentAndADimensionChangeRerendersZ() throws Exception {
        opened(copyFixture(tmp.resolve("run")));
        vm.current().selectSample(3);
        float[] z3 = vm.current().sampleVector(3);
        assertArrayEquals(z3, vm.current().currentZProperty().get());
        int[] before = vm.current().currentImageProperty().get().argb().clone();

        vm.current().setDimension(0, 3.0);
        float[] z = vm.current().currentZProperty().get();
        assertEquals(3.0f, z[0]);
        assertArrayEquals(Arrays.copyOfRange(z3, 1, 8), Arrays.copyOfRange(z, 1, 8));
        assertEquals(3.0, vm.current().dimension(0), 1e-6);
        for (int i = 0; i < 5; i++) {
            vm.current().setDimension(1, -3.0 + i); // a fast drag: only the newest has to arrive
        }
        assertEquals(1.0f, vm.current().currentZProperty().get()[1]);
        pumpUntil(() -> !Arrays.equals(before, vm.current().currentImageProperty().get().argb()));
        assertEquals("", vm.generator().errorProperty().get());
    }

    @Test
    void groupsAverageTheirMembersAndComputeCentresOnTheMeanArithmetic() throws Exception {
        opened(copyFixture(tmp.resolve("run")));
        ArithmeticViewModel a = new ArithmeticViewModel(vm);
        assertFalse(a.canComputeProperty().get());
        int k = 0;
        for (String g : ArithmeticViewModel.GROUPS) {
            for (int j = 0; j < ArithmeticViewModel.DEFAULT_MEMBERS; j++) {
                vm.current().selectSample(k++);
                a.addCurrent(g);
            }
        }
        assertEquals(3, a.group("B").size());
        float[] meanB = Latent.mean(List.of(vm.current().sampleVector(3), vm.current().sampleVector(4),
                vm.current().sampleVector(5)));
        assertArrayEquals(meanB, a.mean("B"), 1e-6f);
        pumpUntil(() -> a.meanImageProperty("A").get() != null && a.meanImageProperty("C").get() != null);
        assertTrue(a.canComputeProperty().get());

        await(a.compute());
        assertEquals(9, a.results().size());
        assertEquals(9, a.naiveResults().size());
        float[] y = Latent.arithmetic(a.mean("A"), a.mean("B"), a.mean("C"));
        assertArrayEquals(y, a.resultVectors().get(4), 1e-6f);
        assertFalse(Arrays.equals(y, a.resultVectors().get(0)), "the neighbours carry noise");

        // rescaled means: the same directions at the members' length; the mean image and Y follow
        io.dcganexplorer.image.Pixels plainMeanA = a.meanImageProperty("A").get();
        a.groupMeanProperty().set(io.dcganexplorer.latent.GroupMean.RESCALED);
        List<float[]> membersB = List.of(vm.current().sampleVector(3), vm.current().sampleVector(4),
                vm.current().sampleVector(5));
        double lengthB = membersB.stream().mapToDouble(Latent::norm).average().orElseThrow();
        assertEquals(lengthB, Latent.norm(a.mean("B")), 1e-4 * lengthB);
        assertEquals(1.0, Latent.dot(meanB, a.mean("B")) / (Latent.norm(meanB) * Latent.norm(a.mean("B"))), 1e-5);
        pumpUntil(() -> a.meanImageProperty("A").get() != plainMeanA);
        await(a.compute());
        float[] yr = Latent.arithmetic(a.mean("A"), a.mean("B"), a.mean("C"));
        assertArrayEquals(yr, a.resultVectors().get(4), 1e-6f);
        assertTrue(Latent.norm(yr) > 1.3 * Latent.norm(y), "rescaled Y is longer: " + Latent.norm(yr) + " vs "
                + Latent.norm(y));
        a.groupMeanProperty().set(null);
        assertEquals(io.dcganexplorer.latent.GroupMean.RESCALED, a.groupMeanProperty().get(), "null is refused");
    }

    @Test
    void savedGroupsRoundTripThroughTheRunsLatentStoreAndLoadWhenTheRunOpens() throws Exception {
        Path run = copyFixture(tmp.resolve("run"));
        opened(run);
        ArithmeticViewModel a = new ArithmeticViewModel(vm);
        vm.current().selectSample(0);
        a.addCurrent("A");
        vm.current().selectSample(1);
        a.addCurrent("A");
        vm.current().selectSample(2);
        a.addCurrent("B");
        vm.current().selectSample(3);
        a.addCurrent("C");
        await(a.saveGroups());
        LatentStore store = LatentStore.open(run, 8);
        assertEquals(2, store.set("A").size());
        assertArrayEquals(vm.current().sampleVector(1), store.set("A").get(1));
        vm.close();

        vm = new ExploreViewModel(background, ui);
        ArithmeticViewModel b = new ArithmeticViewModel(vm);
        await(vm.generator().open(run));
        pumpUntil(() -> b.group("C").size() == 1);
        assertEquals(2, b.group("A").size());
        assertArrayEquals(a.mean("A"), b.mean("A"));
        assertArrayEquals(a.mean("B"), b.mean("B"));
        assertArrayEquals(a.mean("C"), b.mean("C"));
    }

    @Test
    void aWalkOfTwoPointsExportsAStripPngAndAGifWithOneFramePerStep() throws Exception {
        opened(copyFixture(tmp.resolve("run")));
        vm.current().selectSample(0);
        vm.walk().addToWalk();
        assertFalse(vm.walk().canWalkProperty().get());
        vm.current().selectSample(1);
        vm.walk().addToWalk();
        assertTrue(vm.walk().canWalkProperty().get());
        vm.walk().walkFramesProperty().set(5);
        assertEquals(5, await(vm.walk().renderWalk()).size());
        pumpUntil(() -> vm.walk().walkImages().size() == 5);

        Path png = await(vm.walk().exportWalk(tmp.resolve("walk.png")));
        assertEquals(5 * 16 + 6 * 2, PngFiles.read(png).width(), "five frames, padded");
        Path gif = await(vm.walk().exportWalk(tmp.resolve("walk.gif")));
        assertEquals(5, gifFrames(gif));
    }

    @Test
    void aRunWithoutACheckpointReportsItAndReloadPicksUpOneWrittenLater() throws Exception {
        Path run = copyFixture(tmp.resolve("run"));
        Path cps = run.resolve("checkpoints");
        Path aside = Files.move(cps, tmp.resolve("aside"));
        vm = new ExploreViewModel(background, ui);
        await(vm.generator().open(run));
        assertTrue(vm.generator().errorProperty().get().contains("no checkpoint"),
                vm.generator().errorProperty().get());
        assertFalse(vm.generator().readyProperty().get());

        Files.move(aside, cps);
        await(vm.generator().reload());
        assertEquals("", vm.generator().errorProperty().get());
        assertTrue(vm.generator().readyProperty().get());
        assertNotNull(vm.current().currentImageProperty().get());
    }

    static int gifFrames(Path gif) throws IOException {
        try (ImageInputStream in = ImageIO.createImageInputStream(gif.toFile())) {
            ImageReader r = ImageIO.getImageReadersByFormatName("gif").next();
            r.setInput(in);
            return r.getNumImages(true);
        }
    }

    @Test
    void theWeightsChoiceReopensTheCheckpointWithGAsTrainedOrItsAverage() throws Exception {
        Path run = tmp.resolve("ema-run");
        io.dcganexplorer.train.GanTrainer t = io.dcganexplorer.train.GanTrainer.create(run,
                new io.dcganexplorer.model.DcganConfig(16, 1, 8, 4, 4, io.dcganexplorer.model.KernelPreset.K4,
                        io.dcganexplorer.model.ZPrior.NORMAL),
                io.dcganexplorer.train.TrainingOptions.defaults().withDataset("faces:64").withBatchSize(4)
                        .withMaxSteps(3).withIntervals(0, 0).withSampleCount(4).withGeneratorEma(0.9),
                (spec, size, ch, seed) -> io.dcganexplorer.data.DatasetSpec.parse(spec).open(size, ch, seed));
        t.start();
        assertTrue(t.await(120, java.util.concurrent.TimeUnit.SECONDS));
        opened(run);
        assertEquals(io.dcganexplorer.train.Checkpoint.Weights.AUTO, vm.generator().weightsProperty().get());
        List<int[]> average = argb(vm.current().samples());
        vm.generator().weightsProperty().set(io.dcganexplorer.train.Checkpoint.Weights.TRAINED);
        // G as trained draws otherwise than its average (pumpUntil fails if it never does)
        pumpUntil(() -> vm.generator().sessionVersionProperty().get() == 2 && vm.current().samples().size() == 16
                && !Arrays.equals(average.get(0), vm.current().samples().get(0).argb()));
        assertEquals("", vm.generator().errorProperty().get());
        // AUTO took the average the run kept: asking for the average draws the first grid again
        vm.generator().weightsProperty().set(io.dcganexplorer.train.Checkpoint.Weights.AVERAGE);
        pumpUntil(() -> vm.generator().sessionVersionProperty().get() == 3 && vm.current().samples().size() == 16
                && Arrays.equals(average.get(0), vm.current().samples().get(0).argb()));
        assertEquals("", vm.generator().errorProperty().get());
        assertEquals(run.resolve("checkpoints/step-000003"), vm.generator().checkpointProperty().get(),
                "the same checkpoint");
    }

    @Test
    void askingForAnAverageTheRunDidNotKeepSaysSo() throws Exception {
        opened(copyFixture(tmp.resolve("run")));
        vm.generator().weightsProperty().set(io.dcganexplorer.train.Checkpoint.Weights.AVERAGE);
        pumpUntil(() -> !vm.generator().loadingProperty().get() && !vm.generator().errorProperty().get().isEmpty());
        assertTrue(vm.generator().errorProperty().get().startsWith("could not open the generator: "),
                vm.generator().errorProperty().get());
    }

    private static List<int[]> argb(List<io.dcganexplorer.image.Pixels> images) {
        return images.stream().map(p -> p.argb().clone()).toList();
    }
}
