package io.dcganexplorer.ui;

import io.dcganexplorer.image.Pixels;
import java.util.List;
import javafx.scene.image.ImageView;
import javafx.scene.layout.Pane;

/** Thumbnails of a group of latent vectors, as the arithmetic and direction panels show their groups. */
final class Thumbnails {
    private Thumbnails() {}

    /**
     * Shows {@code group}'s members as thumbnails in {@code pane}, rendered in one batch off the UI
     * thread; a render overtaken by a change of the group is dropped (a newer one follows).
     */
    static void show(OpenGenerator generator, List<float[]> group, Pane pane, int size) {
        List<float[]> members = List.copyOf(group);
        if (members.isEmpty()) {
            pane.getChildren().clear();
            return;
        }
        generator.render(members).whenComplete((images, e) -> generator.ui().execute(() -> {
            if (e != null || !members.equals(List.copyOf(group))) {
                return;
            }
            pane.getChildren().clear();
            for (Pixels p : images) {
                ImageView v = Fx.pixelView(size);
                v.setImage(Fx.image(p));
                pane.getChildren().add(v);
            }
        }));
    }
}
