package io.dcganexplorer.ui;

import io.dcganexplorer.image.Pixels;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tab;
import javafx.scene.control.Tooltip;
import javafx.scene.image.ImageView;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;

/** Small JavaFX helpers shared by the views. */
final class Fx {
    private Fx() {}

    /** An image of plain ARGB pixels; FX thread. */
    static WritableImage image(Pixels p) {
        WritableImage img = new WritableImage(p.width(), p.height());
        img.getPixelWriter().setPixels(0, 0, p.width(), p.height(), PixelFormat.getIntArgbInstance(), p.argb(), 0,
                p.width());
        return img;
    }

    static Label label(String text, String id) {
        Label l = new Label(text);
        l.setId(id);
        return l;
    }

    /** A square view of {@code size} pixels that scales images up without smoothing (pixels stay sharp). */
    static ImageView pixelView(int size) {
        ImageView v = new ImageView();
        v.setFitWidth(size);
        v.setFitHeight(size);
        v.setPreserveRatio(true);
        v.setSmooth(false);
        return v;
    }

    /** A bold section title. */
    static Label title(String text) {
        Label l = new Label(text);
        l.setStyle("-fx-font-weight: bold;");
        return l;
    }

    /** A button with an id (for the TestFX tests) and a tooltip. */
    static Button button(String text, String id, String tip) {
        Button b = new Button(text);
        b.setId(id);
        b.setTooltip(new Tooltip(tip));
        return b;
    }

    /** A vertical scroller that fits its content to its width. */
    static ScrollPane scroll(Node content) {
        ScrollPane sp = new ScrollPane(content);
        sp.setFitToWidth(true);
        return sp;
    }

    /**
     * A tab whose content is built when it is first selected: a window shows sooner without the
     * nodes of tabs nobody opened yet.
     */
    static Tab lazyTab(String title, String id, Supplier<Node> content) {
        Tab t = new Tab(title);
        t.setId(id);
        t.selectedProperty().addListener((obs, o, selected) -> {
            if (selected && t.getContent() == null) {
                t.setContent(content.get());
            }
        });
        return t;
    }

    /** Where a save dialog starts for {@code run}: the run's folder, or the user's home for the read-only demo. */
    static java.io.File saveFolderFor(java.nio.file.Path run) {
        return io.dcganexplorer.train.ShippedDemo.isExtractedPath(run)
                ? new java.io.File(System.getProperty("user.home")) : run.toFile();
    }

    /** Named daemon threads for file reading, previews and waiting on the trainer. */
    static ExecutorService backgroundPool() {
        AtomicInteger n = new AtomicInteger();
        return Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "dcgan-ui-io-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }
}
