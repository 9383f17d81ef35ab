package io.dcganexplorer.ui;

import java.util.HashMap;
import java.util.Map;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.collections.MapChangeListener;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/** One slider per named direction of the {@link DirectionSliders}, each with its strength and a remove button. */
final class DirectionSlidersPane extends VBox {
    private final DirectionSliders sliders;
    private final CurrentLatent current;
    private final VBox directionBox = new VBox(2);
    private final Map<String, Slider> directionSliders = new HashMap<>();
    private final Map<String, Label> directionValues = new HashMap<>();
    /** Set while the sliders are moved to the model's values, so the moves are not sent back. */
    private boolean syncing;

    DirectionSlidersPane(DirectionSliders sliders, CurrentLatent current) {
        super(6);
        this.sliders = sliders;
        this.current = current;
        directionBox.setId("directionSliders");
        Label noDirections = new Label("none yet: make one on the Directions panel, or auto-fill the arithmetic");
        noDirections.setWrapText(true);
        noDirections.setMaxWidth(320);
        noDirections.visibleProperty().bind(Bindings.isEmpty(sliders.directions()));
        noDirections.managedProperty().bind(noDirections.visibleProperty());
        getChildren().setAll(Fx.title("Direction sliders"), noDirections, directionBox);
        sliders.directions().addListener((ListChangeListener<DirectionSliders.Direction>) c -> build());
        sliders.strengths().addListener((MapChangeListener<String, Double>) c -> sync());
        current.currentZProperty().addListener((obs, o, n) -> sync());
        build();
    }

    /** One slider per named direction: strength from -3 to 3 away from the z it started at. */
    private void build() {
        directionBox.getChildren().clear();
        directionSliders.clear();
        directionValues.clear();
        for (DirectionSliders.Direction d : sliders.directions()) {
            Label name = new Label(d.name());
            name.setMinWidth(70);
            name.setMaxWidth(70);
            name.setTooltip(new Tooltip(d.origin()));
            Slider s = new Slider(-DirectionSliders.STRENGTH_RANGE, DirectionSliders.STRENGTH_RANGE, 0);
            s.setId("direction-" + d.name());
            s.setBlockIncrement(0.25);
            s.setPrefWidth(160);
            s.setTooltip(new Tooltip(d.origin()));
            Label value = new Label();
            value.setMinWidth(40);
            Button remove = Fx.button("✕", "removeDirection-" + d.name(), "Remove the direction " + d.name());
            remove.setOnAction(e -> sliders.removeDirection(d.name()));
            s.valueProperty().addListener((obs, o, n) -> {
                if (!syncing) {
                    sliders.setStrength(d.name(), n.doubleValue());
                    value.setText(String.format("%+.2f", n.doubleValue()));
                }
            });
            HBox row = new HBox(6, name, s, value, remove);
            row.setAlignment(Pos.CENTER_LEFT);
            directionSliders.put(d.name(), s);
            directionValues.put(d.name(), value);
            directionBox.getChildren().add(row);
        }
        sync();
    }

    private void sync() {
        syncing = true;
        try {
            for (var e : directionSliders.entrySet()) {
                double v = sliders.strength(e.getKey());
                e.getValue().setValue(v);
                e.getValue().setDisable(current.currentZProperty().get() == null);
                directionValues.get(e.getKey()).setText(String.format("%+.2f", v));
            }
        } finally {
            syncing = false;
        }
    }
}
