package io.dcganexplorer.ui;

import io.dcganexplorer.image.PngFiles;
import io.dcganexplorer.image.Pixels;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The README's Explore screenshots, taken by driving the window like a person on a trained run:
 * auto-fill and compute the arithmetic, then a direction slider and its line. Opt-in:
 * {@code mvn -o test -Dtest=ExploreScreenshots -Ddcgan.screenshot.run=RUN -Ddcgan.screenshot.dir=assets/screenshots}.
 * Asserts nothing beyond the flow completing.
 */
@EnabledIfSystemProperty(named = "dcgan.screenshot.run", matches = ".+")
@ExtendWith(ApplicationExtension.class)
class ExploreScreenshots {
    private static final long WAIT_S = 900;

    private MainView view;
    private Scene scene;
    private ExecutorService background;

    @Start
    void start(Stage stage) {
        background = Fx.backgroundPool();
        view = DesktopApp.createView(new SettingsViewModel(), background);
        scene = new Scene(view, 1280, 800);
        stage.setScene(scene);
        stage.show();
    }

    private static <T> T fx(Callable<T> c) throws Exception {
        return WaitForAsyncUtils.asyncFx(c).get(WAIT_S, TimeUnit.SECONDS);
    }

    private static void waitFor(Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(WAIT_S, TimeUnit.SECONDS, () -> fx(condition));
    }

    private void shoot(String name) throws Exception {
        Path out = Path.of(System.getProperty("dcgan.screenshot.dir", "target")).resolve(name);
        BufferedImage img = fx(() -> SwingFXUtils.fromFXImage(scene.snapshot(null), null));
        int[] argb = img.getRGB(0, 0, img.getWidth(), img.getHeight(), null, 0, img.getWidth());
        PngFiles.write(new Pixels(img.getWidth(), img.getHeight(), argb), out);
        System.out.println("screenshot: " + out.toAbsolutePath());
    }

    /** Opens the run on the Train tab, then Explore and its Arithmetic panel once the samples show. */
    private void openArithmetic(FxRobot r) throws Exception {
        Path run = Path.of(System.getProperty("dcgan.screenshot.run"));
        fx(() -> {
            view.training().openRun(run);
            return null;
        });
        waitFor(() -> run.equals(view.training().runDirectoryProperty().get()));
        r.clickOn("Explore");
        waitFor(() -> view.explore().current().samples().size() == CurrentLatent.SAMPLES);
        r.clickOn("Arithmetic");
    }

    /**
     * {@code -Ddcgan.screenshot.sweep=true} (and {@code -Dtest=ExploreScreenshots#sweepOfTheCheckpoints}):
     * Sweep checkpoints with rescaled means over the run's checkpoints, 10 seeds each, with the
     * generator {@code -Ddcgan.screenshot.weights} names (auto, trained or ema; default auto) and
     * {@code -Ddcgan.screenshot.members} exemplars per group (default 3), then the panel scrolled to
     * the sweep and shot; the report lands in the run's sweeps/ folder.
     */
    @Test
    @EnabledIfSystemProperty(named = "dcgan.screenshot.sweep", matches = "true")
    void sweepOfTheCheckpoints(FxRobot r) throws Exception {
        openArithmetic(r);
        fx(() -> {
            view.arithmetic().groupMeanProperty().set(io.dcganexplorer.latent.GroupMean.RESCALED);
            view.explore().generator().weightsProperty().set(io.dcganexplorer.train.Checkpoint.Weights.parse(
                    System.getProperty("dcgan.screenshot.weights", "auto")));
            // typed into the field, as a person would: Sweep reads the field
            ((javafx.scene.control.TextField) view.lookup("#autoMembersField"))
                    .setText(System.getProperty("dcgan.screenshot.members", "3"));
            return null;
        });
        waitFor(() -> view.explore().generator().readyProperty().get());
        r.clickOn("#sweepButton");
        ArithmeticSweepViewModel sweep = view.arithmetic().sweep();
        WaitForAsyncUtils.waitFor(3600, TimeUnit.SECONDS, () -> fx(() -> !sweep.runningProperty().get()));
        if (sweep.chosenProperty().get() == null) {
            throw new AssertionError(fx(() -> sweep.statusProperty().get()));
        }
        fx(() -> {
            javafx.scene.Node n = view.lookup("#sweepRows");
            while (n != null && !(n instanceof javafx.scene.control.ScrollPane)) {
                n = n.getParent();
            }
            ((javafx.scene.control.ScrollPane) n).setVvalue(1);
            return null;
        });
        WaitForAsyncUtils.waitForFxEvents();
        shoot("explore-sweep.png");
        fx(() -> {
            view.explore().close();
            return null;
        });
        background.shutdown();
    }

    @Test
    void arithmeticAndDirections(FxRobot r) throws Exception {
        openArithmetic(r);
        r.clickOn("#autoFillButton");
        waitFor(() -> !view.arithmetic().autoRunningProperty().get());
        if (view.arithmetic().group("C").isEmpty()) {
            throw new AssertionError(fx(() -> view.arithmetic().autoStatusProperty().get()));
        }
        r.clickOn("#computeButton");
        waitFor(() -> view.arithmetic().results().size() == 9);
        r.clickOn("#sample3");
        waitFor(() -> view.explore().sliders().direction("Smiling") != null);
        r.clickOn("#direction-Smiling .thumb");
        for (int i = 0; i < 8; i++) {
            r.push(javafx.scene.input.KeyCode.RIGHT);
        }
        WaitForAsyncUtils.waitForFxEvents();
        shoot("explore-arithmetic.png");

        r.clickOn("Directions");
        fx(() -> {
            view.directions().lineDirectionProperty().set(view.explore().sliders().direction("Smiling"));
            return null;
        });
        r.clickOn("#renderLineButton");
        waitFor(() -> view.directions().lineImages().size() == 7);
        WaitForAsyncUtils.waitForFxEvents();
        shoot("explore-directions.png");

        r.clickOn("Walk");
        for (int i : new int[] {3, 9, 14}) {
            r.clickOn("#sample" + i);
            r.clickOn("#addToWalkButton");
        }
        r.clickOn("#renderWalkButton");
        waitFor(() -> view.explore().walk().walkImages().size() == 16);
        r.clickOn("#playWalkButton");
        waitFor(() -> view.explore().walk().walkFrameProperty().get() >= 5);
        shoot("explore-walk.png");
        r.clickOn("#playWalkButton");
        fx(() -> {
            view.explore().close();
            return null;
        });
        background.shutdown();
    }
}
