package io.dcganexplorer.ui;

import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Spinner;
import javafx.scene.image.ImageView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.TilePane;
import javafx.scene.layout.VBox;

/**
 * The Neighbours panel: the current image's nearest training images in pixel space and in
 * D-feature space side by side, each with its index and distance, the index's build progress with
 * Cancel, and the DCGAN paper's caveat about what such neighbours can show.
 */
final class NeighboursPane extends VBox {
    /** Displayed side of a neighbour. */
    static final int THUMB = 64;
    /** Neighbours per row in each space: two spaces of three fit the Explore tab at 1280 pixels. */
    private static final int COLUMNS = 3;
    static final String CAVEAT = "A view for the eye, not a test. The DCGAN paper (section 6) warns that nearest "
            + "neighbours in pixel or feature space are trivially fooled by small image transforms: a training face "
            + "moved by a pixel or two is far from itself in pixels. The number that measures memorisation is the "
            + "projection gap: how much better the model reconstructs its training images than faces it never saw. "
            + "Distances are root-mean-square differences per value (pixels on the [-1, 1] scale).";

    private final NeighboursViewModel vm;
    private ProgressBar progressBar;
    private Button cancelButton;
    private Button buildButton;
    private Label statusLabel;
    private Spinner<Integer> kSpinner;
    private TilePane pixelTiles;
    private TilePane featureTiles;

    NeighboursPane(NeighboursViewModel vm) {
        super(8);
        this.vm = vm;
        createView();
        initListeners();
    }

    private void createView() {
        setPadding(new Insets(8));
        setId("neighboursPane");
        kSpinner = new Spinner<>(1, 16, vm.kProperty().get());
        kSpinner.setId("neighboursK");
        kSpinner.setPrefWidth(70);
        progressBar = new ProgressBar();
        progressBar.setId("neighboursProgress");
        progressBar.setPrefWidth(160);
        cancelButton = Fx.button("Cancel", "neighboursCancel", "Stop indexing the training images");
        buildButton = Fx.button("Build index", "neighboursBuild",
                "Compute the features of every training image for this checkpoint (once; then cached)");
        statusLabel = Fx.label("", "neighboursStatus");
        statusLabel.setWrapText(true);
        HBox controls = new HBox(8, new Label("k"), kSpinner, progressBar, cancelButton, buildButton);
        controls.setAlignment(javafx.geometry.Pos.CENTER_LEFT);

        pixelTiles = tiles("pixelNeighbours");
        featureTiles = tiles("featureNeighbours");
        VBox pixelSide = new VBox(4, Fx.title("Pixel space"), pixelTiles);
        VBox featureSide = new VBox(4, Fx.title("D-feature space"), featureTiles);
        HBox sides = new HBox(16, pixelSide, featureSide);

        Label caveat = Fx.label(CAVEAT, "neighboursCaveat");
        caveat.setWrapText(true);
        caveat.setMaxWidth(2 * COLUMNS * (THUMB + 12) + 16);
        caveat.setStyle("-fx-font-size: 11px; -fx-text-fill: #555;");
        statusLabel.maxWidthProperty().bind(caveat.maxWidthProperty());
        getChildren().addAll(Fx.title("Nearest training images of the current z"), controls, statusLabel, sides,
                caveat);
    }

    private static TilePane tiles(String id) {
        TilePane t = new TilePane(6, 6);
        t.setId(id);
        t.setPrefColumns(COLUMNS);
        t.setMaxWidth(COLUMNS * (THUMB + 12));
        t.setPrefWidth(COLUMNS * (THUMB + 12));
        return t;
    }

    private void initListeners() {
        vm.kProperty().bind(kSpinner.valueProperty());
        progressBar.progressProperty().bind(vm.progressProperty());
        progressBar.visibleProperty().bind(vm.buildingProperty());
        progressBar.managedProperty().bind(progressBar.visibleProperty());
        cancelButton.visibleProperty().bind(vm.buildingProperty());
        cancelButton.managedProperty().bind(cancelButton.visibleProperty());
        buildButton.visibleProperty().bind(vm.buildingProperty().not().and(vm.readyProperty().not()));
        buildButton.managedProperty().bind(buildButton.visibleProperty());
        cancelButton.setOnAction(e -> vm.cancel());
        buildButton.setOnAction(e -> vm.rebuild());
        statusLabel.textProperty().bind(vm.statusProperty());
        show(vm.pixelNeighbours(), pixelTiles, "pixelNeighbour");
        show(vm.featureNeighbours(), featureTiles, "featureNeighbour");
    }

    /** Keeps {@code tiles} showing {@code items}: each an image with its caption, ids {@code prefix0 ...}. */
    private static void show(ObservableList<NeighboursViewModel.Item> items, TilePane tiles, String prefix) {
        ListChangeListener<NeighboursViewModel.Item> redraw = c -> {
            tiles.getChildren().clear();
            for (int i = 0; i < items.size(); i++) {
                NeighboursViewModel.Item it = items.get(i);
                ImageView v = Fx.pixelView(THUMB);
                v.setImage(Fx.image(it.image()));
                Label caption = new Label(it.caption());
                caption.setStyle("-fx-font-size: 10px;");
                VBox cell = new VBox(2, v, caption);
                cell.setId(prefix + i);
                tiles.getChildren().add(cell);
            }
        };
        items.addListener(redraw);
        redraw.onChanged(null);
    }
}
