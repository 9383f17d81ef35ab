package io.dcganexplorer.ui;

import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.control.Tooltip;
import javafx.scene.image.ImageView;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/**
 * The fixed-noise grid: the newest while training, and a step slider to look back at the earlier
 * grids of the run (read lazily from samples/ off the FX thread).
 */
final class SamplesPane extends VBox {
    private final TrainingViewModel vm;
    private ImageView sampleView;
    private Slider sampleSlider;
    private Label sampleStepLabel;
    private boolean syncing;

    SamplesPane(TrainingViewModel vm) {
        this.vm = vm;
        createView();
        initListeners();
    }

    private void createView() {
        setSpacing(6);
        setPadding(new Insets(6));
        setPrefWidth(400);
        Label title = new Label("Fixed-noise samples");
        title.setStyle("-fx-font-weight: bold;");
        sampleView = new ImageView();
        sampleView.setId("sampleView");
        sampleView.setFitWidth(384);
        sampleView.setFitHeight(384);
        sampleView.setPreserveRatio(true);
        sampleView.setSmooth(false);
        StackPane frame = new StackPane(sampleView);
        frame.setMinSize(388, 388);
        frame.setStyle("-fx-background-color: #202020;");
        sampleSlider = new Slider(0, 0, 0);
        sampleSlider.setId("sampleSlider");
        sampleSlider.setBlockIncrement(1);
        sampleSlider.setMajorTickUnit(1);
        sampleSlider.setMinorTickCount(0);
        sampleSlider.setSnapToTicks(true);
        sampleSlider.setTooltip(new Tooltip("Look back at earlier grids of this run; the right end follows "
                + "the newest"));
        sampleStepLabel = Fx.label("no samples yet", "sampleStepLabel");
        setAlignment(Pos.TOP_CENTER);
        getChildren().setAll(title, frame, sampleSlider, sampleStepLabel);
    }

    private void initListeners() {
        sampleView.imageProperty().bind(javafx.beans.binding.Bindings.createObjectBinding(
                () -> vm.shownSampleProperty().get() == null ? null : Fx.image(vm.shownSampleProperty().get()),
                vm.shownSampleProperty()));
        vm.sampleSteps().addListener((javafx.collections.ListChangeListener<Long>) c -> sync());
        vm.selectedSampleProperty().addListener((obs, o, n) -> sync());
        vm.shownSampleStepProperty().addListener((obs, o, n) -> sync());
        sampleSlider.valueProperty().addListener((obs, o, n) -> {
            if (!syncing) {
                int i = (int) Math.round(n.doubleValue());
                if (i != vm.selectedSampleProperty().get()) {
                    vm.selectSample(i);
                }
            }
        });
        sync();
    }

    private void sync() {
        syncing = true;
        try {
            int n = vm.sampleSteps().size();
            sampleSlider.setMax(Math.max(0, n - 1));
            sampleSlider.setDisable(n < 2);
            int i = vm.selectedSampleProperty().get();
            sampleSlider.setValue(Math.max(0, i));
            long shown = vm.shownSampleStepProperty().get();
            sampleStepLabel.setText(n == 0 ? "no samples yet"
                    : shown < 0 ? n + " grids" : "step " + shown + "  (grid " + (i + 1) + " of " + n + ")");
        } finally {
            syncing = false;
        }
    }
}
