package io.dcganexplorer.ui;

import io.dcganexplorer.image.Pixels;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.scene.control.Label;
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
