package io.dcganexplorer.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import javafx.geometry.Bounds;
import javafx.geometry.Orientation;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.ScrollBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.image.ImageView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Regression (issue 28): at 1280x800 the arithmetic panel's group C and the single-exemplar grid were
 * cut off behind a horizontal scrollbar. Every Explore panel's content must fit its viewport.
 */
@ExtendWith(ApplicationExtension.class)
class ExploreFitTest {
    private static final long WAIT_S = 30;
    private static final double WIDTH = 1280;

    private Path run;
    private ExploreWindow window;
    private MainView view;
    private ExecutorService background;

    @Start
    void start(Stage stage) throws Exception {
        window = ExploreWindow.show(stage, "dcgan-explore-fit", WIDTH);
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

    private static List<Node> all(Node n) {
        List<Node> out = new ArrayList<>();
        out.add(n);
        if (n instanceof Parent p) {
            for (Node c : p.getChildrenUnmodifiable()) {
                out.addAll(all(c));
            }
        }
        return out;
    }

    @Test
    void regressionExplorePanelsFitA1280x800WindowWithoutHorizontalScrolling(FxRobot r) throws Exception {
        fx(() -> {
            view.training().openRun(run);
            return null;
        });
        WaitForAsyncUtils.waitFor(WAIT_S, TimeUnit.SECONDS, () -> fx(() -> run.equals(
                view.training().runDirectoryProperty().get()) && !view.training().busyProperty().get()));
        r.clickOn("Explore");
        WaitForAsyncUtils.waitFor(WAIT_S, TimeUnit.SECONDS, () -> fx(() -> r.lookup("#currentImage")
                .queryAs(ImageView.class).getImage() != null));
        // what the window showed when it was cut off: a saved file's long path under the samples and two
        // direction sliders beside the current z
        fx(() -> {
            view.explore().generator().reportMessage("saved directions [Smiling, Male] to /root/dcgan-runs/"
                    + "faces64ls/latents.json");
            view.explore().sliders().putDirections(List.of(
                    new DirectionSliders.Direction("Smiling", new float[8], "test"),
                    new DirectionSliders.Direction("Male", new float[8], "test")));
            return null;
        });
        WaitForAsyncUtils.waitFor(WAIT_S, TimeUnit.SECONDS, () -> fx(() -> r.lookup("#exploreMessageLabel")
                .queryAs(javafx.scene.control.Label.class).getText().contains("saved directions")));
        TabPane panels = r.lookup("#explorePanels").queryAs(TabPane.class);
        for (String name : List.of("Walk", "Arithmetic", "Directions", "Project", "Neighbours")) {
            Tab tab = fx(() -> panels.getTabs().stream().filter(t -> t.getText().equals(name)).findFirst()
                    .orElseThrow());
            fx(() -> {
                panels.getSelectionModel().select(tab);
                view.applyCss();
                view.layout();
                return null;
            });
            WaitForAsyncUtils.waitForFxEvents();
            String problem = fx(() -> {
                Bounds p = panels.localToScene(panels.getLayoutBounds());
                if (p.getMaxX() > WIDTH + 0.5) {
                    return "the panels reach x=" + p.getMaxX() + ", past the window's " + WIDTH;
                }
                Node content = tab.getContent();
                for (Node n : all(content)) {
                    if (n instanceof ScrollPane sp && sp.getContent() != null && sp.isVisible()) {
                        double inner = sp.getContent().getLayoutBounds().getWidth();
                        double port = sp.getViewportBounds().getWidth();
                        if (inner > port + 0.5) {
                            return name + ": content " + inner + " px wide in a viewport of " + port + " px";
                        }
                    }
                    if (n instanceof ScrollBar b && b.getOrientation() == Orientation.HORIZONTAL && b.isVisible()
                            && b.getVisibleAmount() < b.getMax() - b.getMin()) {
                        return name + ": a horizontal scrollbar shows";
                    }
                    Bounds nb = n.localToScene(n.getLayoutBounds());
                    if (n.isVisible() && nb.getWidth() > 0 && nb.getMaxX() > p.getMaxX() + 0.5 && !(n instanceof
                            ScrollBar)) {
                        return name + ": " + n + " reaches x=" + nb.getMaxX() + " past the panel's " + p.getMaxX();
                    }
                }
                return "";
            });
            if (Boolean.getBoolean("dcgan.fit.snapshot")) {
                fx(() -> {
                    javafx.scene.image.WritableImage img = view.getScene().snapshot(null);
                    javax.imageio.ImageIO.write(javafx.embed.swing.SwingFXUtils.fromFXImage(img, null), "png",
                            new java.io.File("target/fit-" + name + ".png"));
                    return null;
                });
            }
            assertEquals("", problem);
        }
        assertTrue(fx(() -> panels.getTabs().size()) >= 3);
    }
}
