package io.dcganexplorer.ui;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dcganexplorer.image.PngFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.image.PixelFormat;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The Explore tab on the tiny fixture run (16x16x1, z of 8), driven like a user would (headless Monocle). */
@ExtendWith(ApplicationExtension.class)
class ExploreViewTest {
    private static final long WAIT_S = 30;

    private Path runs;
    private Path run;
    private ExploreWindow window;
    private MainView view;
    private ExecutorService background;

    @Start
    void start(Stage stage) throws Exception {
        window = ExploreWindow.show(stage, "dcgan-explore-test", 1280);
        runs = window.runs();
        run = window.run();
        view = window.view();
        background = window.background();
    }

    @AfterEach
    void close() throws Exception {
        window.close();
    }

    private static <T> T fx(Callable<T> c) throws Exception {
        return ExploreWindow.fx(c, WAIT_S);
    }

    private static void waitFor(Callable<Boolean> condition) throws Exception {
        ExploreWindow.waitFor(condition, WAIT_S);
    }

    /** As {@link #waitFor(Callable)}, failing with what {@code state} says when the time runs out. */
    private static void waitFor(Callable<Boolean> condition, Callable<String> state) throws Exception {
        try {
            waitFor(condition);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("timed out after " + WAIT_S + " s; " + fx(state), e);
        }
    }

    private ExploreViewModel vm() {
        return view.explore();
    }

    /** Opens the fixture on the Train tab, then switches to Explore, which loads its checkpoint. */
    private void openFixture(FxRobot r) throws Exception {
        fx(() -> {
            view.training().openRun(run);
            return null;
        });
        waitFor(() -> run.equals(view.training().runDirectoryProperty().get())
                || !view.training().errorProperty().get().isEmpty() || !view.training().busyProperty().get());
        assertEquals("", fx(() -> view.training().errorProperty().get()));
        assertEquals(run, fx(() -> view.training().runDirectoryProperty().get()));
        r.clickOn("Explore");
        try {
            waitFor(() -> image(r, "#sample15") != null && image(r, "#currentImage") != null);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError(fx(() -> "explore: run " + vm().generator().runDirectoryProperty().get()
                    + ", error '" + vm().generator().errorProperty().get() + "', samples "
                    + vm().current().samples().size() + ", loading " + vm().generator().loadingProperty().get()), e);
        }
        assertEquals("", fx(() -> vm().generator().errorProperty().get()));
    }

    private static Image image(FxRobot r, String id) {
        return r.lookup(id).queryAs(ImageView.class).getImage();
    }

    private static int[] pixels(Image img) {
        int w = (int) img.getWidth();
        int h = (int) img.getHeight();
        int[] out = new int[w * h];
        img.getPixelReader().getPixels(0, 0, w, h, PixelFormat.getIntArgbInstance(), out, 0, w);
        return out;
    }

    @Test
    void pickingASampleAndMovingADimensionSliderChangesTheCurrentImage(FxRobot r) throws Exception {
        openFixture(r);
        r.clickOn("#sample2");
        waitFor(() -> Arrays.equals(vm().current().sampleVector(2), vm().current().currentZProperty().get()));
        int[] before = fx(() -> pixels(image(r, "#currentImage")));
        float z0 = vm().current().sampleVector(2)[0];

        r.clickOn("#dimSlider0 .thumb").push(KeyCode.END); // the thumb has focus: End goes to +3
        waitFor(() -> vm().current().currentZProperty().get()[0] == 3.0f);
        waitFor(() -> !Arrays.equals(before, pixels(image(r, "#currentImage"))));
        float[] z = fx(() -> vm().current().currentZProperty().get());
        assertTrue(z0 < 3.0f);
        assertArrayEquals(Arrays.copyOfRange(vm().current().sampleVector(2), 1, 8), Arrays.copyOfRange(z, 1, 8),
                "only dimension 0 moved");
    }

    @Test
    void fillingTheThreeGroupsAndComputingShowsNineImages(FxRobot r) throws Exception {
        openFixture(r);
        r.clickOn("Arithmetic");
        int sample = 0;
        for (String g : ArithmeticViewModel.GROUPS) {
            for (int k = 0; k < ArithmeticViewModel.DEFAULT_MEMBERS; k++) {
                r.clickOn("#sample" + sample++);
                r.clickOn("#add" + g + "Button");
            }
        }
        waitFor(() -> view.arithmetic().group("C").size() == 3 && image(r, "#meanC") != null);
        r.clickOn("#computeButton");
        waitFor(() -> allShown(r, "#resultGrid") && allShown(r, "#naiveGrid"));
        GridPane grid = r.lookup("#resultGrid").queryAs(GridPane.class);
        assertEquals(9, fx(() -> grid.getChildren().size()));
        assertEquals(9, fx(() -> view.arithmetic().results().size()));

        // the group-mean choice: the paper's plain means by default; rescaled ones give another Y
        assertEquals(io.dcganexplorer.latent.GroupMean.PLAIN, fx(() -> view.arithmetic().groupMeanProperty().get()));
        float[] plainCentre = fx(() -> view.arithmetic().resultVectors().get(4));
        r.clickOn("#groupMeanChoice");
        r.clickOn("rescaled means");
        waitFor(() -> fx(() -> view.arithmetic().groupMeanProperty().get())
                == io.dcganexplorer.latent.GroupMean.RESCALED);
        r.clickOn("#computeButton");
        waitFor(() -> !Arrays.equals(plainCentre, fx(() -> view.arithmetic().resultVectors().get(4))));
        float[] rescaledCentre = fx(() -> view.arithmetic().resultVectors().get(4));
        assertTrue(io.dcganexplorer.latent.Latent.norm(rescaledCentre)
                > io.dcganexplorer.latent.Latent.norm(plainCentre));
    }

    private static boolean allShown(FxRobot r, String grid) {
        GridPane g = r.lookup(grid).queryAs(GridPane.class);
        return g.getChildren().size() == 9
                && g.getChildren().stream().allMatch(n -> ((ImageView) n).getImage() != null);
    }

    @Test
    void aWalkOfTwoPointsRendersItsStripAndExportsPngAndGif(FxRobot r) throws Exception {
        openFixture(r);
        r.clickOn("#sample0");
        r.clickOn("#addToWalkButton");
        r.clickOn("#sample7");
        r.clickOn("#addToWalkButton");
        waitFor(() -> vm().walk().walkPoints().size() == 2);
        r.clickOn("#renderWalkButton");
        waitFor(() -> r.lookup("#walkStrip").queryAs(HBox.class).getChildren().size() == 16);
        Node first = fx(() -> r.lookup("#walkStrip").queryAs(HBox.class).getChildren().get(0));
        assertTrue(((ImageView) first).getImage() != null);

        Path gif = fx(() -> vm().walk().exportWalk(runs.resolve("walk.gif"))).get(WAIT_S, TimeUnit.SECONDS);
        Path png = fx(() -> vm().walk().exportWalk(runs.resolve("walk.png"))).get(WAIT_S, TimeUnit.SECONDS);
        assertEquals(16, ExploreViewModelTest.gifFrames(gif));
        assertEquals(16 * 16 + 17 * 2, PngFiles.read(png).width());
        waitFor(() -> vm().generator().messageProperty().get().contains("walk.png"),
                () -> "message '" + vm().generator().messageProperty().get() + "', error '"
                        + vm().generator().errorProperty().get() + "'");
    }

    @Test
    void playingARenderedWalkAnimatesItFrameByFrame(FxRobot r) throws Exception {
        openFixture(r);
        r.clickOn("#sample0");
        r.clickOn("#addToWalkButton");
        r.clickOn("#sample5");
        r.clickOn("#addToWalkButton");
        r.clickOn("#renderWalkButton");
        waitFor(() -> vm().walk().walkImages().size() == 16 && image(r, "#walkPlayer") != null);
        int[] first = fx(() -> pixels(image(r, "#walkPlayer")));
        r.clickOn("#playWalkButton");
        waitFor(() -> vm().walk().walkFrameProperty().get() >= 8);
        waitFor(() -> !Arrays.equals(first, pixels(image(r, "#walkPlayer"))));
        r.clickOn("#playWalkButton"); // pause: the frame holds
        int held = fx(() -> vm().walk().walkFrameProperty().get());
        assertEquals("Play", fx(() -> r.lookup("#playWalkButton").queryAs(javafx.scene.control.ToggleButton.class)
                .getText()));
        assertEquals(held, fx(() -> vm().walk().walkFrameProperty().get()));
    }

    @Test
    void aDirectionFromGroupsPAndQBecomesASliderThatMovesTheImage(FxRobot r) throws Exception {
        openFixture(r);
        r.clickOn("Directions");
        for (int i = 0; i < 4; i++) {
            r.clickOn("#sample" + i);
            r.clickOn("#addPButton");
            r.clickOn("#sample" + (12 + i));
            r.clickOn("#addQButton");
        }
        waitFor(() -> view.directions().group("Q").size() == 4);
        r.doubleClickOn("#directionNameField").eraseText(4).write("left");
        r.clickOn("#makeDirectionButton");
        waitFor(() -> r.lookup("#direction-left").tryQuery().isPresent());

        r.clickOn("#sample6");
        waitFor(() -> Arrays.equals(vm().current().sampleVector(6), vm().current().currentZProperty().get()));
        waitFor(() -> Arrays.equals(pixels(image(r, "#currentImage")), pixels(image(r, "#sample6"))));
        int[] before = fx(() -> pixels(image(r, "#currentImage")));
        r.clickOn("#direction-left .thumb").push(KeyCode.END);
        waitFor(() -> vm().sliders().strength("left") == DirectionSliders.STRENGTH_RANGE);
        float[] expected = io.dcganexplorer.latent.Latent.add(vm().current().sampleVector(6),
                vm().sliders().direction("left").vector(), (float) DirectionSliders.STRENGTH_RANGE);
        assertArrayEquals(expected, fx(() -> vm().current().currentZProperty().get()), 1e-6f);
        waitFor(() -> !Arrays.equals(before, pixels(image(r, "#currentImage"))));

        r.clickOn("#renderLineButton");
        waitFor(() -> r.lookup("#lineStrip").queryAs(HBox.class).getChildren().size() == 7);
    }

    @Test
    void autoFillFillsTheThreeGroupsFromScoredSamples(FxRobot r) throws Exception {
        openFixture(r);
        fx(() -> {
            view.arithmetic().setClassifierSizes(24, 8);
            view.arithmetic().setScorerCache(runs.resolve("cache"), new io.dcganexplorer.eval.Scorer.Options(1, 1000));
            return null;
        });
        r.clickOn("Arithmetic");
        r.doubleClickOn("#autoPoolField").eraseText(4).write("60");
        assertEquals("0 of 3 exemplars", fx(() -> r.lookup("#countCLabel").queryAs(javafx.scene.control.Label.class)
                .getText()));
        r.doubleClickOn("#autoMembersField").eraseText(1).write("4");
        r.clickOn("#autoFillButton");
        waitFor(() -> !view.arithmetic().autoRunningProperty().get() && view.arithmetic().group("C").size() == 4);
        String status = fx(() -> r.lookup("#autoStatusLabel").queryAs(javafx.scene.control.Label.class).getText());
        assertTrue(status.startsWith("filled A, B, C with the top 4 of 60 samples"), status);
        assertEquals("4 of 4 exemplars", fx(() -> r.lookup("#countCLabel").queryAs(javafx.scene.control.Label.class)
                .getText()));
        assertTrue(status.contains("real-pixel CNN"), status); // the default scorer, shown in its choice box
        assertEquals(ArithmeticViewModel.AttributeFeatures.CNN, fx(() -> r.lookup("#autoFeaturesChoice")
                .queryAs(javafx.scene.control.ComboBox.class).getValue()));
        waitFor(() -> image(r, "#meanA") != null && image(r, "#meanB") != null && image(r, "#meanC") != null);
        waitFor(() -> r.lookup("#direction-Smiling").tryQuery().isPresent());
    }

    @Test
    void choosingGAsTrainedReopensTheCheckpointShownInTheBox(FxRobot r) throws Exception {
        openFixture(r);
        Path shown = fx(() -> vm().generator().checkpointProperty().get());
        long version = fx(() -> vm().generator().sessionVersionProperty().get());
        fx(() -> {
            r.lookup("#weightsBox").queryAs(javafx.scene.control.ChoiceBox.class)
                    .setValue(io.dcganexplorer.train.Checkpoint.Weights.TRAINED);
            return null;
        });
        waitFor(() -> vm().generator().sessionVersionProperty().get() == version + 1
                && vm().generator().readyProperty().get());
        assertEquals(io.dcganexplorer.train.Checkpoint.Weights.TRAINED,
                fx(() -> vm().generator().weightsProperty().get()));
        assertEquals(shown, fx(() -> vm().generator().checkpointProperty().get()));
        assertEquals(shown,
                fx(() -> r.lookup("#checkpointBox").queryAs(javafx.scene.control.ChoiceBox.class).getValue()),
                "the box still names the checkpoint shown");
    }

    /**
     * The run gets three checkpoints: step 1 a copy with its tensors.bin cut in half, step 2 the
     * fixture's, step 3 a copy of step 2. The fast scorer settings and a small pool are set.
     */
    private Path threeCheckpoints(FxRobot r) throws Exception {
        Path cps = run.resolve("checkpoints");
        io.dcganexplorer.TinyRun.copyTree(cps.resolve("step-000002"), cps.resolve("step-000001"));
        Path tensors = cps.resolve("step-000001").resolve("tensors.bin");
        byte[] whole = Files.readAllBytes(tensors);
        Files.write(tensors, Arrays.copyOf(whole, whole.length / 2));
        io.dcganexplorer.TinyRun.copyTree(cps.resolve("step-000002"), cps.resolve("step-000003"));
        openFixture(r);
        fx(() -> {
            view.arithmetic().setScorerCache(runs.resolve("cache"), new io.dcganexplorer.eval.Scorer.Options(1, 1000));
            return null;
        });
        r.clickOn("Arithmetic");
        r.doubleClickOn("#autoPoolField").eraseText(4).write("30");
        return cps;
    }

    @Test
    void aSweepListsEveryCheckpointChoosesOneSavesItsReportAndOpensIt(FxRobot r) throws Exception {
        Path cps = threeCheckpoints(r);
        fx(() -> vm().generator().openCheckpoint(cps.resolve("step-000002")));
        waitFor(() -> cps.resolve("step-000002").equals(vm().generator().checkpointProperty().get())
                && vm().generator().readyProperty().get());
        r.doubleClickOn("#sweepSeedsField").eraseText(2).write("2");
        r.doubleClickOn("#autoMembersField").eraseText(1).write("2");
        r.clickOn("#sweepButton");
        ArithmeticSweepViewModel sweep = view.arithmetic().sweep();
        waitFor(() -> !sweep.runningProperty().get() && !sweep.statusProperty().get().isEmpty(),
                () -> sweep.statusProperty().get());
        String status = fx(() -> r.lookup("#sweepStatusLabel").queryAs(javafx.scene.control.Label.class).getText());
        // steps 2 and 3 are the same generator: a tie, which the newer wins
        assertTrue(status.startsWith("chose step-000003; on the held-out seeds 3-4: averaged "), status);
        assertTrue(status.contains("skipped 1 unreadable checkpoint"), status);
        var rows = fx(() -> List.copyOf(
                r.lookup("#sweepRows").queryAs(javafx.scene.control.ListView.class).getItems()));
        assertEquals(3, rows.size(), rows.toString());
        ArithmeticSweepViewModel.Row damaged = (ArithmeticSweepViewModel.Row) rows.get(0);
        ArithmeticSweepViewModel.Row two = (ArithmeticSweepViewModel.Row) rows.get(1);
        ArithmeticSweepViewModel.Row three = (ArithmeticSweepViewModel.Row) rows.get(2);
        assertEquals("step-000001", damaged.checkpoint());
        assertTrue(damaged.skipped() != null && damaged.skipped().contains("tensors.bin"), damaged.text());
        assertEquals(two.averaged(), three.averaged(), 0.0);
        assertEquals(two.single(), three.single(), 0.0);
        assertTrue(two.averaged() >= 0 && two.averaged() <= 1, two.text());
        assertTrue(three.chosen() && !two.chosen() && three.text().endsWith("<- chosen"), three.text());
        // the report is saved in the run, and says what the window shows
        Path saved = fx(() -> sweep.reportProperty().get());
        assertEquals(run.resolve("sweeps"), saved.getParent());
        var json = com.google.gson.JsonParser.parseString(Files.readString(saved)).getAsJsonObject();
        assertEquals("step-000003", json.get("selected").getAsString());
        assertEquals(2, json.get("per_group").getAsInt()); // the panel's exemplars per group
        assertEquals(2, json.getAsJsonObject("held_out").get("per_group").getAsInt());
        assertEquals(2, json.getAsJsonObject("held_out").getAsJsonArray("rounds").get(0).getAsJsonObject()
                .getAsJsonArray("single_share_by_rank").size());
        assertEquals(2, json.getAsJsonArray("checkpoints").size());
        assertEquals(1, json.getAsJsonArray("skipped").size());
        assertEquals("[3,4]", json.getAsJsonArray("held_out_seeds").toString());
        assertTrue(Files.isRegularFile(saved.resolveSibling(saved.getFileName().toString().replace(".json", ".png"))));
        assertEquals(cps.resolve("step-000002"), fx(() -> vm().generator().checkpointProperty().get()),
                "nothing opened yet");
        // Fired on the FX thread rather than clicked: the button sits low in the arithmetic panel, and
        // whether a layout pass has brought it on screen yet is a matter of timing (seen once in CI).
        javafx.scene.control.Button chosen = r.lookup("#exploreChosenButton")
                .queryAs(javafx.scene.control.Button.class);
        assertTrue(!fx(chosen::isDisabled), "the chosen checkpoint can be opened");
        r.interact(chosen::fire);
        waitFor(() -> cps.resolve("step-000003").equals(vm().generator().checkpointProperty().get())
                && vm().generator().readyProperty().get());
        assertTrue(fx(() -> r.lookup("#exploreChosenButton").queryAs(javafx.scene.control.Button.class).isDisabled()),
                "the chosen checkpoint is the one shown");
    }

    @Test
    void cancellingASweepStopsItAndSavesNothing(FxRobot r) throws Exception {
        threeCheckpoints(r);
        r.doubleClickOn("#sweepSeedsField").eraseText(2).write("20");
        r.clickOn("#sweepButton");
        ArithmeticSweepViewModel sweep = view.arithmetic().sweep();
        // 60 rounds in all: cancel once the first is done
        waitFor(() -> sweep.progressProperty().get() > 0, () -> sweep.statusProperty().get());
        assertTrue(fx(() -> r.lookup("#autoFillButton").queryAs(javafx.scene.control.Button.class).isDisabled()),
                "one job at a time");
        r.clickOn("#cancelSweepButton");
        waitFor(() -> !sweep.runningProperty().get());
        assertEquals("cancelled: nothing saved", fx(() -> sweep.statusProperty().get()));
        assertEquals(null, fx(() -> sweep.chosenProperty().get()));
        if (Files.exists(run.resolve("sweeps"))) {
            try (var saved = Files.list(run.resolve("sweeps"))) {
                assertTrue(saved.findAny().isEmpty(), "nothing saved");
            }
        }
        assertTrue(fx(() -> r.lookup("#exploreChosenButton").queryAs(javafx.scene.control.Button.class).isDisabled()));
        assertTrue(fx(() -> !r.lookup("#sweepButton").queryAs(javafx.scene.control.Button.class).isDisabled()),
                "it can be run again");
    }
}
