package io.dcganexplorer.ui;

import io.dcganexplorer.image.Pixels;
import java.util.ArrayList;
import java.util.List;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.image.ImageView;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/** The Explore tab's left: the seeded 4 x 4 sample grid (click one to make it current) and the message line. */
final class SampleGridPane extends ScrollPane {
    static final int THUMB = 64;

    private final CurrentLatent current;
    private final List<ImageView> sampleViews = new ArrayList<>();

    SampleGridPane(OpenGenerator generator, CurrentLatent current) {
        this.current = current;
        GridPane grid = new GridPane();
        grid.setHgap(4);
        grid.setVgap(4);
        for (int i = 0; i < CurrentLatent.SAMPLES; i++) {
            ImageView v = Fx.pixelView(THUMB);
            v.setId("sample" + i);
            int index = i;
            v.setOnMouseClicked(e -> current.selectSample(index));
            StackPane cell = new StackPane(v);
            cell.setMinSize(THUMB, THUMB);
            cell.setStyle("-fx-background-color: #202020;");
            sampleViews.add(v);
            grid.add(cell, i % 4, i / 4);
        }
        VBox samples = new VBox(6, Fx.title("Samples (click one to explore it)"), grid);
        samples.setPadding(new Insets(8));
        Label messageLabel = Fx.label("", "exploreMessageLabel");
        messageLabel.textProperty().bind(generator.messageProperty());
        // A long message (a saved file's path) wraps under the grid instead of widening the pane, which
        // took the room of the panels on the right in a 1280-wide window.
        double width = 4 * THUMB + 3 * 4 + 16;
        messageLabel.setWrapText(true);
        messageLabel.setPrefWidth(width);
        messageLabel.setMaxWidth(width);
        messageLabel.setPadding(new Insets(0, 8, 8, 8));
        setContent(new VBox(samples, messageLabel));
        setFitToWidth(true);
        setHbarPolicy(ScrollBarPolicy.NEVER);
        current.samples().addListener((ListChangeListener<Pixels>) c -> showSamples());
        showSamples();
    }

    private void showSamples() {
        for (int i = 0; i < sampleViews.size(); i++) {
            sampleViews.get(i).setImage(i < current.samples().size() ? Fx.image(current.samples().get(i)) : null);
        }
    }
}
