package io.dcganexplorer.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dcganexplorer.eval.NeighbourIndex;
import io.dcganexplorer.image.ImageGrids;
import io.dcganexplorer.image.Pixels;
import io.dcganexplorer.model.Engines;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.control.TabPane;
import javafx.scene.layout.TilePane;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The Neighbours panel of the Explore tab on the tiny fixture run (16x16x1, trained on faces:32). */
@ExtendWith(ApplicationExtension.class)
class NeighboursPaneTest {
    private static final long WAIT_S = 60;

    private Path runs;
    private Path run;
    private ExploreWindow window;
    private MainView view;
    private ExecutorService background;
    private String cacheBefore;

    @Start
    void start(Stage stage) throws Exception {
        window = ExploreWindow.show(stage, "dcgan-neighbours-test", 1280);
        runs = window.runs();
        cacheBefore = System.getProperty("dcgan.cache.dir");
        System.setProperty("dcgan.cache.dir", runs.resolve("cache").toString()); // read when the index opens
        run = window.run();
        view = window.view();
        background = window.background();
    }

    @AfterEach
    void close() throws Exception {
        window.close();
        if (cacheBefore == null) {
            System.clearProperty("dcgan.cache.dir");
        } else {
            System.setProperty("dcgan.cache.dir", cacheBefore);
        }
    }

    private static <T> T fx(Callable<T> c) throws Exception {
        return ExploreWindow.fx(c, WAIT_S);
    }

    private static void waitFor(Callable<Boolean> condition, Callable<String> state) throws Exception {
        try {
            WaitForAsyncUtils.waitFor(WAIT_S, TimeUnit.SECONDS, () -> fx(condition));
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("timed out after " + WAIT_S + " s; " + fx(state), e);
        }
    }

    private NeighboursViewModel nvm() {
        return view.explore().neighbours();
    }

    private String state() {
        return "status '" + nvm().statusProperty().get() + "', error '"
                + view.explore().generator().errorProperty().get() + "', shown " + nvm().pixelNeighbours().size();
    }

    @Test
    void theTabShowsKNeighboursOfTheCurrentZInBothSpaces(FxRobot r) throws Exception {
        fx(() -> {
            view.training().openRun(run);
            return null;
        });
        waitFor(() -> run.equals(view.training().runDirectoryProperty().get()), this::state);
        r.clickOn("Explore");
        waitFor(() -> view.explore().current().currentImageProperty().get() != null, this::state);
        r.clickOn("#sample3");
        r.clickOn("Neighbours");
        int k = NeighboursViewModel.DEFAULT_K;
        waitFor(() -> tiles(r, "#pixelNeighbours") == k && tiles(r, "#featureNeighbours") == k, this::state);
        // what the panel shows is what the index finds for the current image
        assertShowsWhatTheIndexFinds(3);
        assertTrue(fx(() -> nvm().pixelNeighbours().get(0).distance()) > 0, "a sample is no training image");

        // another sample gets its own neighbours, and the panel fits without scrolling sideways
        r.clickOn("#sample9");
        assertShowsWhatTheIndexFinds(9);
        TabPane panels = r.lookup("#explorePanels").queryAs(TabPane.class);
        Node pane = r.lookup("#neighboursPane").query();
        assertTrue(fx(() -> pane.prefWidth(-1) <= panels.getWidth()),
                fx(() -> "panel wants " + pane.prefWidth(-1) + " px, the tab pane is " + panels.getWidth()));
        assertTrue(fx(() -> nvm().statusProperty().get()).contains("searched in"), state());
    }

    /** Waits until sample {@code i} is current and the panel shows the neighbours the index finds for it. */
    private void assertShowsWhatTheIndexFinds(int i) throws Exception {
        waitFor(() -> java.util.Arrays.equals(view.explore().current().currentImageProperty().get().argb(),
                view.explore().current().samples().get(i).argb()), this::state);
        Pixels current = fx(() -> view.explore().current().currentImageProperty().get());
        Engines.disableGradOnThisThread();
        NeighbourIndex.Neighbours expected;
        try (NeighbourIndex index = NeighbourIndex.forRun(io.dcganexplorer.train.RunDirectory.open(run),
                run.resolve("checkpoints/step-000002"), NeighbourIndex.Progress.NONE, () -> false)) {
            assertEquals(0.0, index.buildSeconds(), "the panel built the cache; the test reads it");
            expected = index.search(ImageGrids.chw(current, 1), NeighboursViewModel.DEFAULT_K);
        }
        waitFor(() -> captions(nvm().pixelNeighbours()).equals(captions(expected.pixels()))
                && captions(nvm().featureNeighbours()).equals(captions(expected.features())),
                () -> state() + "; expected " + captions(expected.pixels()) + " and " + captions(expected.features())
                        + ", shown " + captions(nvm().pixelNeighbours()) + " and "
                        + captions(nvm().featureNeighbours()));
    }

    private static List<String> captions(List<?> items) {
        return items.stream().map(o -> o instanceof NeighbourIndex.Neighbour n
                ? new NeighboursViewModel.Item(null, n.index(), n.distance()).caption()
                : ((NeighboursViewModel.Item) o).caption()).toList();
    }

    private static int tiles(FxRobot r, String id) {
        return r.lookup(id).queryAs(TilePane.class).getChildren().size();
    }
}
