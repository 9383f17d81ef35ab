package io.dcganexplorer.ui;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Spinner;
import javafx.scene.control.TabPane;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.image.PixelFormat;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The Explore tab's Project panel on the tiny fixture run (16x16x1, z of 8), in a 1280x800 window. */
@ExtendWith(ApplicationExtension.class)
class ProjectionPaneTest {
    private static final long WAIT_S = 60;

    private Path runs;
    private Path run;
    private ExploreWindow window;
    private MainView view;
    private ExecutorService background;

    @Start
    void start(Stage stage) throws Exception {
        window = ExploreWindow.show(stage, "dcgan-project-test", 1280);
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

    private static int[] pixels(FxRobot r, String id) {
        Image img = r.lookup(id).queryAs(ImageView.class).getImage();
        if (img == null) {
            return null;
        }
        int w = (int) img.getWidth();
        int h = (int) img.getHeight();
        int[] out = new int[w * h];
        img.getPixelReader().getPixels(0, 0, w, h, PixelFormat.getIntArgbInstance(), out, 0, w);
        return out;
    }

    private void openProjectPanel(FxRobot r) throws Exception {
        fx(() -> {
            view.training().openRun(run);
            return null;
        });
        waitFor(() -> run.equals(view.training().runDirectoryProperty().get()));
        r.clickOn("Explore");
        waitFor(() -> view.explore().generator().readyProperty().get()
                && view.explore().current().currentZProperty().get() != null);
        fx(() -> {
            TabPane panels = r.lookup("#explorePanels").queryAs(TabPane.class);
            panels.getSelectionModel().select(panels.getTabs().stream().filter(t -> "projectTab".equals(t.getId()))
                    .findFirst().orElseThrow());
            return null;
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void aRealImageIsProjectedCancelStopsAndTheResultBecomesTheCurrentZ(FxRobot r) throws Exception {
        openProjectPanel(r);
        // the panel fits the 1280x800 window: no horizontal scrolling
        fx(() -> {
            ScrollPane sp = (ScrollPane) r.lookup("#projectionPane").query().getParent().getParent().getParent();
            assertTrue(sp.getViewportBounds().getWidth() + 1 >= r.lookup("#projectionPane").query()
                    .getBoundsInParent().getWidth(), "the panel is wider than its place");
            return null;
        });
        assertTrue(r.lookup("#projectButton").queryAs(Button.class).isDisabled(), "nothing to project yet");

        r.clickOn("#projectionPicksButton");
        waitFor(() -> r.lookup("#projectionPick0").tryQuery().isPresent());
        r.clickOn("#projectionPick0");
        waitFor(() -> pixels(r, "#projectionTarget") != null);
        float[] before = fx(() -> view.explore().current().currentZProperty().get().clone());

        // a long projection, cancelled once it shows its first G(z)
        fx(() -> {
            r.lookup("#projectionStepsSpinner").queryAs(Spinner.class).getValueFactory().setValue(5000);
            return null;
        });
        r.clickOn("#projectButton");
        waitFor(() -> view.projection().runningProperty().get() && pixels(r, "#projectionResult") != null);
        assertTrue(r.lookup("#projectButton").queryAs(Button.class).isDisabled(), "one projection at a time");
        r.clickOn("#cancelProjectionButton");
        waitFor(() -> !view.projection().runningProperty().get());
        assertTrue(fx(() -> view.projection().statusProperty().get()).startsWith("cancelled"),
                fx(() -> view.projection().statusProperty().get()));
        assertArrayEquals(before, fx(() -> view.explore().current().currentZProperty().get()), "z unchanged");

        // a short one to the end: its z becomes the current z, whose image is the projection's
        fx(() -> {
            r.lookup("#projectionStepsSpinner").queryAs(Spinner.class).getValueFactory().setValue(20);
            return null;
        });
        r.clickOn("#projectButton");
        waitFor(() -> view.projection().statusProperty().get().startsWith("now the current z"));
        float[] after = fx(() -> view.explore().current().currentZProperty().get());
        assertFalse(Arrays.equals(before, after), "the projection's z is current");
        waitFor(() -> Arrays.equals(pixels(r, "#currentImage"), pixels(r, "#projectionResult")));
        assertTrue(fx(() -> view.projection().statusProperty().get()).contains("pixel RMSE"));
    }

    @Test
    void aBadFileIsNamedAndTheTargetStays(FxRobot r) throws Exception {
        openProjectPanel(r);
        r.clickOn("#projectionPicksButton");
        waitFor(() -> r.lookup("#projectionPick0").tryQuery().isPresent());
        r.clickOn("#projectionPick0");
        waitFor(() -> pixels(r, "#projectionTarget") != null);
        int[] target = pixels(r, "#projectionTarget");
        Path bad = runs.resolve("broken.png");
        Files.writeString(bad, "this is no picture");
        fx(() -> view.projection().chooseFile(bad)).get(WAIT_S, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitForFxEvents();
        String error = r.lookup("#projectionError").queryAs(Label.class).getText();
        assertTrue(error.contains(bad.toString()), error);
        assertTrue(r.lookup("#projectionError").query().isVisible());
        assertArrayEquals(target, pixels(r, "#projectionTarget"), "the target the user had stays");
        assertNotNull(fx(() -> view.projection().targetProperty().get()));
        assertEquals(false, r.lookup("#projectButton").queryAs(Button.class).isDisabled());
    }
}
