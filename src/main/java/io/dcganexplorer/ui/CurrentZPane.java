package io.dcganexplorer.ui;

import java.util.ArrayList;
import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Separator;
import javafx.scene.control.Slider;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.image.ImageView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/**
 * The Explore tab's middle: the current z large, saving and loading it by name, one page of
 * dimension sliders, and the {@link DirectionSlidersPane} under them.
 */
final class CurrentZPane extends ScrollPane {
    static final int LARGE = 256;

    private final ExploreViewModel vm;
    private final CurrentLatent current;
    private final DirectionSlidersPane directionSliders;
    private final List<Slider> dimSliders = new ArrayList<>();
    private final List<Label> dimLabels = new ArrayList<>();
    /** Set while the sliders are moved to the model's values, so the moves are not sent back. */
    private boolean syncing;
    private ImageView currentImage;
    private Button prevPageButton;
    private Button nextPageButton;
    private Label pageLabel;
    private Button addToWalkButton;
    private TextField zNameField;
    private Button saveZButton;
    private ChoiceBox<String> savedZBox;

    CurrentZPane(ExploreViewModel vm) {
        this.vm = vm;
        this.current = vm.current();
        this.directionSliders = new DirectionSlidersPane(vm.sliders(), current);
        createView();
        initListeners();
    }

    private void createView() {
        currentImage = Fx.pixelView(LARGE);
        currentImage.setId("currentImage");
        StackPane frame = new StackPane(currentImage);
        frame.setMinSize(LARGE + 4, LARGE + 4);
        frame.setMaxSize(LARGE + 4, LARGE + 4);
        frame.setStyle("-fx-background-color: #202020;");
        VBox sliders = new VBox(2);
        for (int i = 0; i < CurrentLatent.DIMS_PER_PAGE; i++) {
            Slider s = new Slider(-CurrentLatent.DIM_RANGE, CurrentLatent.DIM_RANGE, 0);
            s.setId("dimSlider" + i);
            s.setBlockIncrement(0.25);
            s.setPrefWidth(220);
            Label l = new Label();
            l.setMinWidth(90);
            dimLabels.add(l);
            dimSliders.add(s);
            sliders.getChildren().add(new HBox(6, l, s));
        }
        prevPageButton = Fx.button("◀", "prevDimPageButton", "Previous dimensions");
        nextPageButton = Fx.button("▶", "nextDimPageButton", "Next dimensions");
        pageLabel = Fx.label("", "dimPageLabel");
        HBox pager = new HBox(6, prevPageButton, pageLabel, nextPageButton);
        pager.setAlignment(Pos.CENTER_LEFT);
        addToWalkButton = Fx.button("Add to walk", "addToWalkButton", "Mark the current z as the walk's next point");
        zNameField = new TextField();
        zNameField.setId("zNameField");
        zNameField.setPromptText("name");
        zNameField.setPrefColumnCount(7);
        saveZButton = Fx.button("Save z", "saveZButton",
                "Save the current z under this name in the run's latents.json");
        savedZBox = new ChoiceBox<>();
        savedZBox.setId("savedZBox");
        savedZBox.setTooltip(new Tooltip("A z saved in this run: choosing it makes it current"));
        HBox named = new HBox(6, zNameField, saveZButton, new Label("saved"), savedZBox);
        named.setAlignment(Pos.CENTER_LEFT);
        VBox center = new VBox(6, Fx.title("Current z"), frame, addToWalkButton, named, pager, sliders,
                new Separator(), directionSliders);
        center.setPadding(new Insets(8));
        setContent(center);
        setFitToWidth(true);
        setMinWidth(LARGE + 110);
        setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
    }

    private void initListeners() {
        currentImage.imageProperty().bind(Bindings.createObjectBinding(() -> current.currentImageProperty().get()
                == null ? null : Fx.image(current.currentImageProperty().get()), current.currentImageProperty()));
        for (int i = 0; i < dimSliders.size(); i++) {
            int slot = i;
            dimSliders.get(i).valueProperty().addListener((obs, o, n) -> {
                if (!syncing) {
                    current.setDimension(dimensionOf(slot), n.doubleValue());
                    dimLabels.get(slot).setText(dimText(dimensionOf(slot), n.doubleValue()));
                }
            });
        }
        var latentDim = vm.generator().latentDimProperty();
        current.currentZProperty().addListener((obs, o, n) -> syncSliders());
        current.pageProperty().addListener((obs, o, n) -> syncSliders());
        latentDim.addListener((obs, o, n) -> syncSliders());
        prevPageButton.setOnAction(e -> current.previousPage());
        nextPageButton.setOnAction(e -> current.nextPage());
        prevPageButton.disableProperty().bind(current.pageProperty().lessThanOrEqualTo(0));
        nextPageButton.disableProperty().bind(current.pageProperty().greaterThanOrEqualTo(
                current.pageCountProperty().subtract(1)));
        pageLabel.textProperty().bind(Bindings.createStringBinding(() -> latentDim.get() == 0 ? ""
                : "dimensions " + (current.pageProperty().get() * CurrentLatent.DIMS_PER_PAGE + 1) + "–"
                + Math.min(latentDim.get(), (current.pageProperty().get() + 1) * CurrentLatent.DIMS_PER_PAGE)
                + " of " + latentDim.get(), current.pageProperty(), latentDim));
        addToWalkButton.disableProperty().bind(current.currentZProperty().isNull()
                .or(Bindings.size(vm.walk().walkPoints()).greaterThanOrEqualTo(LatentWalk.MAX_WALK_POINTS)));
        addToWalkButton.setOnAction(e -> vm.walk().addToWalk());
        saveZButton.disableProperty().bind(current.currentZProperty().isNull().or(zNameField.textProperty().isEmpty()));
        saveZButton.setOnAction(e -> current.saveCurrentAs(zNameField.getText()));
        savedZBox.setItems(vm.saved().savedVectors());
        savedZBox.setOnAction(e -> {
            if (savedZBox.getValue() != null) {
                current.loadVector(savedZBox.getValue());
            }
        });
        syncSliders();
    }

    private int dimensionOf(int slot) {
        return current.pageProperty().get() * CurrentLatent.DIMS_PER_PAGE + slot;
    }

    private static String dimText(int d, double v) {
        return String.format("z[%d] %+.2f", d, v);
    }

    /** Shows the current page of z on the sliders without feeding the values back. */
    private void syncSliders() {
        syncing = true;
        try {
            int dim = vm.generator().latentDimProperty().get();
            for (int i = 0; i < dimSliders.size(); i++) {
                int d = dimensionOf(i);
                boolean used = d < dim;
                Slider s = dimSliders.get(i);
                s.getParent().setVisible(used);
                s.getParent().setManaged(used);
                s.setDisable(current.currentZProperty().get() == null);
                s.setValue(used ? current.dimension(d) : 0);
                dimLabels.get(i).setText(used ? dimText(d, current.dimension(d)) : "");
            }
        } finally {
            syncing = false;
        }
    }
}
