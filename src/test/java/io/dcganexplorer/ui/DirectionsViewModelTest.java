package io.dcganexplorer.ui;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dcganexplorer.image.PngFiles;
import io.dcganexplorer.latent.Latent;
import io.dcganexplorer.latent.LatentStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Direction sliders, the direction tool (mean P - mean Q), principal directions, the line of
 * strengths, walk playback and automatic exemplars, on the tiny fixture run (16x16x1, z of 8,
 * trained on faces:32), no window.
 */
class DirectionsViewModelTest {
    @TempDir
    Path tmp;

    private final QueueHarness h = new QueueHarness();
    private ExploreViewModel vm;
    private ArithmeticViewModel arithmetic;
    private DirectionsViewModel directions;

    @AfterEach
    void close() {
        if (vm != null) {
            vm.close();
        }
    }

    private Path open(Path run) throws Exception {
        vm = new ExploreViewModel(h.background, h.ui);
        arithmetic = new ArithmeticViewModel(vm);
        directions = new DirectionsViewModel(vm, arithmetic);
        h.await(vm.generator().open(run));
        assertEquals("", vm.generator().errorProperty().get());
        return run;
    }

    private Path fixture() throws Exception {
        return open(ExploreViewModelTest.copyFixture(tmp.resolve("run")));
    }

    @Test
    void directionSlidersAddStrengthTimesDirectionToTheZTheyStartedFromAndRerender() throws Exception {
        fixture();
        float[] base = vm.current().currentZProperty().get();
        float[] d1 = {1, 0, 0, 0, 0, 0, 0, 0.5f};
        float[] d2 = {0, 2, 0, 0, 0, 0, 0, 0};
        h.await(vm.sliders().putDirections(List.of(new DirectionSliders.Direction("one", d1, "test"),
                new DirectionSliders.Direction("two", d2, "test"))));
        int[] before = vm.current().currentImageProperty().get().argb().clone();

        vm.sliders().setStrength("one", 2);
        vm.sliders().setStrength("two", -0.5);
        float[] expected = Latent.add(Latent.add(base, d1, 2), d2, -0.5f);
        assertArrayEquals(expected, vm.current().currentZProperty().get(), 1e-6f);
        h.pumpUntil(() -> !Arrays.equals(before, vm.current().currentImageProperty().get().argb()));

        vm.sliders().setStrength("one", 0);
        assertArrayEquals(Latent.add(base, d2, -0.5f), vm.current().currentZProperty().get(), 1e-6f,
                "back to 0 takes exactly that direction out again");
        assertEquals(-0.5, vm.sliders().strength("two"));

        h.await(vm.sliders().removeDirection("two"));
        assertArrayEquals(base, vm.current().currentZProperty().get(), 1e-6f,
                "removing a direction takes its share out");

        vm.current().selectSample(4);
        assertTrue(vm.sliders().strengths().isEmpty(), "choosing another z starts the sliders from 0 again");
        vm.sliders().setStrength("one", 1);
        assertArrayEquals(Latent.add(vm.current().sampleVector(4), d1, 1), vm.current().currentZProperty().get(),
                1e-6f);
    }

    @Test
    void theDirectionToolMakesMeanPMinusMeanQSavesItWithTheRunAndItReloadsAsASlider() throws Exception {
        Path run = fixture();
        assertFalse(directions.canMakeProperty().get());
        for (int i = 0; i < 4; i++) {
            vm.current().selectSample(i);
            directions.addCurrent("P");
            vm.current().selectSample(8 + i);
            directions.addCurrent("Q");
        }
        List<float[]> p = new ArrayList<>();
        List<float[]> q = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            p.add(vm.current().sampleVector(i));
            q.add(vm.current().sampleVector(8 + i));
        }
        assertEquals("turn", directions.nameProperty().get());
        h.await(directions.make());
        DirectionSliders.Direction turn = vm.sliders().direction("turn");
        assertNotNull(turn);
        float[] expected = Latent.arithmetic(Latent.mean(p), Latent.mean(q), new float[8]);
        assertArrayEquals(expected, turn.vector(), 1e-6f);
        assertEquals(turn, directions.lineDirectionProperty().get(), "the new direction is offered for the line");

        LatentStore store = LatentStore.read(run, 8);
        assertArrayEquals(expected, store.directions().get("turn"), 1e-6f);
        assertEquals(4, store.set("P").size());
        assertArrayEquals(q.get(3), store.set("Q").get(3));
        vm.close();

        open(run);
        h.pumpUntil(() -> directions.group("Q").size() == 4);
        assertArrayEquals(expected, vm.sliders().direction("turn").vector(), 1e-6f);
        assertEquals(List.of("turn"),
                vm.sliders().directions().stream().map(DirectionSliders.Direction::name).toList());

        h.await(vm.sliders().removeDirection("turn"));
        assertTrue(vm.sliders().directions().isEmpty());
        assertFalse(LatentStore.read(run, 8).directions().containsKey("turn"));
    }

    @Test
    void aLineOfStrengthsRendersOneImagePerStrengthAndExportsAStrip() throws Exception {
        fixture();
        assertArrayEquals(new float[] {-2, -1, 0, 1, 2}, Latent.strengths(2, 5), 1e-6f);
        assertThrows(IllegalArgumentException.class, () -> Latent.strengths(2, 1));
        assertFalse(directions.canRenderLineProperty().get(), "no direction yet");
        h.await(vm.sliders().putDirection(
                new DirectionSliders.Direction("d", new float[] {3, 3, 3, 3, 0, 0, 0, 0}, "test")));
        assertTrue(directions.canRenderLineProperty().get());
        directions.lineFramesProperty().set(5);
        var frames = h.await(directions.renderLine());
        assertEquals(5, frames.size());
        assertFalse(Arrays.equals(frames.get(0).argb(), frames.get(4).argb()), "the ends of the line differ");
        h.pumpUntil(() -> directions.lineImages().size() == 5);
        Path png = h.await(directions.exportLinePng(tmp.resolve("line.png")));
        assertEquals(5 * 16 + 6 * 2, PngFiles.read(png).width());
    }

    @Test
    void principalDirectionsOfChosenPointsAreScaledToOneStandardDeviationAlongThem() throws Exception {
        fixture();
        // Points spread along dimension 0 by +-2 and along dimension 1 by +-0.5.
        for (float[] z : List.of(new float[] {2, 0.5f, 0, 0, 0, 0, 0, 0}, new float[] {-2, 0.5f, 0, 0, 0, 0, 0, 0},
                new float[] {2, -0.5f, 0, 0, 0, 0, 0, 0}, new float[] {-2, -0.5f, 0, 0, 0, 0, 0, 0})) {
            vm.current().setCurrent(z);
            vm.walk().addToWalk();
        }
        directions.sourceProperty().set(DirectionsViewModel.Source.WALK);
        h.await(directions.principalDirections());
        assertEquals(List.of("PC1", "PC2"), vm.sliders().directions().stream().map(DirectionSliders.Direction::name)
                .toList());
        // Sample sd along dim 0: sqrt(4 * 4 / 3); along dim 1: sqrt(4 * 0.25 / 3).
        float[] pc1 = vm.sliders().direction("PC1").vector();
        assertEquals(Math.sqrt(16 / 3.0), Math.abs(pc1[0]), 1e-4);
        assertEquals(0, pc1[1], 1e-4);
        float[] pc2 = vm.sliders().direction("PC2").vector();
        assertEquals(Math.sqrt(1 / 3.0), Math.abs(pc2[1]), 1e-4);
        // Four points span two dimensions: no third direction is made up.

        vm.walk().clearWalk();
        vm.walk().addToWalk();
        assertThrows(ExecutionException.class, () -> h.await(directions.principalDirections()));
        assertTrue(vm.generator().errorProperty().get().contains("at least 3"), vm.generator().errorProperty().get());
    }

    @Test
    void walkPlaybackAdvancesFrameByFrameAndWraps() throws Exception {
        fixture();
        vm.walk().addToWalk();
        vm.current().selectSample(1);
        vm.walk().addToWalk();
        vm.walk().walkFramesProperty().set(3);
        h.await(vm.walk().renderWalk());
        h.pumpUntil(() -> vm.walk().walkImages().size() == 3);
        assertEquals(0, vm.walk().walkFrameProperty().get());
        vm.walk().advanceWalkFrame();
        vm.walk().advanceWalkFrame();
        assertEquals(2, vm.walk().walkFrameProperty().get());
        vm.walk().advanceWalkFrame();
        assertEquals(0, vm.walk().walkFrameProperty().get());
    }

    @Test
    void autoFillScoresGeneratedSamplesAndFillsTheGroupsAndAttributeDirections() throws Exception {
        Path run = fixture();
        arithmetic.setClassifierSizes(24, 8);
        arithmetic.setScorerCache(tmp.resolve("cache"), new io.dcganexplorer.eval.Scorer.Options(1, 1000));
        arithmetic.autoPoolProperty().set(40);
        assertEquals(ArithmeticViewModel.AttributeFeatures.CNN, arithmetic.autoFeaturesProperty().get());
        h.await(arithmetic.autoFill());
        for (String g : ArithmeticViewModel.GROUPS) {
            assertEquals(ArithmeticViewModel.DEFAULT_MEMBERS, arithmetic.group(g).size(), g);
        }
        String status = arithmetic.autoStatusProperty().get();
        assertTrue(status.contains("accuracy on held-out real images: Smiling"), status);
        assertTrue(status.contains("(on the real-pixel CNN's features)"), status);
        // the tiny run's samples are all called smiling and male: no other neutral man to move
        assertFalse(status.contains("mean(A) - mean(B) makes"), status);
        // the CNN was trained into the cache, once
        try (var dirs = java.nio.file.Files.list(tmp.resolve("cache").resolve("classifiers"))) {
            assertEquals(1, dirs.count());
        }
        assertEquals(List.of("Smiling", "Male"),
                vm.sliders().directions().stream().map(DirectionSliders.Direction::name).toList());
        assertFalse(arithmetic.autoRunningProperty().get());
        LatentStore store = LatentStore.read(run, 8);
        assertArrayEquals(arithmetic.group("B").get(2), store.set("B").get(2));
        assertTrue(store.directions().containsKey("Male"));
        // Exemplars come from the pool drawn from the noise seed, nine different ones.
        assertEquals(9, arithmetic.group("A").size() + arithmetic.group("B").size() + arithmetic.group("C").size());
        long distinct = java.util.stream.Stream.of("A", "B", "C").flatMap(g -> arithmetic.group(g).stream())
                .map(Arrays::toString).distinct().count();
        assertEquals(9, distinct);

        // on the discriminator's features instead: other probes, still nine distinct exemplars
        arithmetic.autoFeaturesProperty().set(ArithmeticViewModel.AttributeFeatures.DISCRIMINATOR);
        h.await(arithmetic.autoFill());
        String dStatus = arithmetic.autoStatusProperty().get();
        assertTrue(dStatus.contains("(on the discriminator's features)"), dStatus);
        assertEquals(9, java.util.stream.Stream.of("A", "B", "C").flatMap(g -> arithmetic.group(g).stream())
                .map(Arrays::toString).distinct().count());

        // C = smiling&male: the other 31 samples are C's kind, so the transfer is measured on them
        arithmetic.autoExpressionProperty("C").set("smiling&male");
        h.await(arithmetic.autoFill());
        String tStatus = arithmetic.autoStatusProperty().get();
        assertTrue(tStatus.matches(".*mean\\(A\\) - mean\\(B\\) makes \\d+% of 31 other samples called "
                + "smiling&male show Smiling&Male \\(where this share is low, "
                + "the change does not carry over to that kind\\)"), tStatus);

        // five exemplars per group: 15 distinct ones, the first three of each group the same as with three
        List<float[]> threeOfA = List.copyOf(arithmetic.group("A"));
        arithmetic.autoMembersProperty().set(5);
        h.await(arithmetic.autoFill());
        assertTrue(arithmetic.autoStatusProperty().get().startsWith("filled A, B, C with the top 5 of 40 samples"),
                arithmetic.autoStatusProperty().get());
        for (String g : ArithmeticViewModel.GROUPS) {
            assertEquals(5, arithmetic.group(g).size(), g);
        }
        assertEquals(15, java.util.stream.Stream.of("A", "B", "C").flatMap(g -> arithmetic.group(g).stream())
                .map(Arrays::toString).distinct().count());
        for (int i = 0; i < 3; i++) {
            assertArrayEquals(threeOfA.get(i), arithmetic.group("A").get(i));
        }
        assertEquals(5, LatentStore.read(run, 8).set("C").size());

        // more than the pool's more real half can give: a clear refusal, the groups unchanged
        arithmetic.autoMembersProperty().set(8);
        assertThrows(ExecutionException.class, () -> h.await(arithmetic.autoFill()));
        assertTrue(arithmetic.autoStatusProperty().get().contains("a pool of 40 cannot fill 3 groups of 8 from its "
                + "more real half"), arithmetic.autoStatusProperty().get());
        assertEquals(5, arithmetic.group("A").size());
        arithmetic.autoMembersProperty().set(0);
        assertThrows(ExecutionException.class, () -> h.await(arithmetic.autoFill()));
        assertEquals("take 1 to 32 exemplars per group, not 0", arithmetic.autoStatusProperty().get());
    }

    @Test
    void cancelledAutoFillLeavesTheGroupsAsTheyWere() throws Exception {
        fixture();
        vm.current().selectSample(5);
        arithmetic.addCurrent("A");
        arithmetic.setClassifierSizes(24, 8);
        arithmetic.setScorerCache(tmp.resolve("cache"), new io.dcganexplorer.eval.Scorer.Options(1, 1000));
        arithmetic.autoPoolProperty().set(40);
        var f = arithmetic.autoFill();
        assertTrue(arithmetic.autoRunningProperty().get());
        arithmetic.cancelAuto();
        assertThrows(ExecutionException.class, () -> h.await(f));
        assertTrue(arithmetic.autoStatusProperty().get().startsWith("cancelled"),
                arithmetic.autoStatusProperty().get());
        assertEquals(1, arithmetic.group("A").size());
        assertArrayEquals(vm.current().sampleVector(5), arithmetic.group("A").get(0));
        assertTrue(vm.sliders().directions().isEmpty());
    }

    @Test
    void autoFillNamesAnUnknownAttributeAndChangesNothing() throws Exception {
        fixture();
        arithmetic.autoExpressionProperty("B").set("smiling&!wizard");
        assertThrows(ExecutionException.class, () -> h.await(arithmetic.autoFill()));
        String status = arithmetic.autoStatusProperty().get();
        assertTrue(status.contains("group B: unknown attribute 'wizard'"), status);
        assertTrue(arithmetic.group("A").isEmpty());
    }

    @Test
    void namedZVectorsAndSetsAreSavedInTheRunAndLoadAgain() throws Exception {
        Path run = fixture();
        vm.current().selectSample(7);
        h.await(vm.current().saveCurrentAs("favourite"));
        vm.walk().addToWalk();
        vm.current().selectSample(9);
        vm.walk().addToWalk();
        h.await(vm.walk().saveWalkAs("pair"));
        h.pumpUntil(() -> vm.saved().savedSets().contains("pair"));
        assertEquals(List.of("favourite"), vm.saved().savedVectors(), "set members are not listed as single vectors");
        vm.close();

        open(run);
        assertEquals(List.of("favourite"), vm.saved().savedVectors());
        assertEquals(List.of("pair"), vm.saved().savedSets());
        h.await(vm.current().loadVector("favourite"));
        h.pumpUntil(() -> Arrays.equals(vm.current().sampleVector(7), vm.current().currentZProperty().get()));
        h.await(vm.walk().loadSetIntoWalk("pair"));
        h.pumpUntil(() -> vm.walk().walkPoints().size() == 2);
        assertArrayEquals(vm.current().sampleVector(9), vm.walk().walkPoints().get(1));

        assertThrows(ExecutionException.class, () -> h.await(vm.current().saveCurrentAs("  ")));
        assertThrows(ExecutionException.class, () -> h.await(vm.current().loadVector("missing")));
        h.pumpUntil(() -> vm.generator().errorProperty().get().contains("no latent vector named 'missing'"));
    }

    @Test
    void anEarlierCheckpointCanBeChosen() throws Exception {
        Path run = ExploreViewModelTest.copyFixture(tmp.resolve("run"));
        Path newest = run.resolve("checkpoints/step-000002");
        Path earlier = run.resolve("checkpoints/step-000001");
        java.nio.file.Files.createDirectories(earlier);
        try (var files = java.nio.file.Files.list(newest)) {
            for (Path f : files.toList()) {
                java.nio.file.Files.copy(f, earlier.resolve(f.getFileName()));
            }
        }
        open(run);
        assertEquals(newest, vm.generator().checkpointProperty().get());
        assertEquals(List.of(earlier, newest), List.copyOf(vm.generator().checkpoints()));
        long version = vm.generator().sessionVersionProperty().get();
        h.await(vm.generator().openCheckpoint(earlier));
        assertEquals(earlier, vm.generator().checkpointProperty().get());
        assertEquals(version + 1, vm.generator().sessionVersionProperty().get());
        assertEquals(CurrentLatent.SAMPLES, vm.current().samples().size());
    }
}
