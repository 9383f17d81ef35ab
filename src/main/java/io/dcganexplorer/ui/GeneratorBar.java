package io.dcganexplorer.ui;

import io.dcganexplorer.train.Checkpoint;
import java.nio.file.Path;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.Separator;
import javafx.scene.control.TextField;
import javafx.scene.control.ToolBar;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;

/**
 * The Explore tab's top: which checkpoint and weights are open, the sample seed, and the error line
 * under them. Built from the {@link OpenGenerator} and the seed of the {@link CurrentLatent}.
 */
final class GeneratorBar extends VBox {
    private static final String NO_RUN = "no run: train or open one on the Train tab";

    private final OpenGenerator generator;
    private final CurrentLatent current;
    private Label runLabel;
    private Button reloadButton;
    private ChoiceBox<Path> checkpointBox;
    private ChoiceBox<Checkpoint.Weights> weightsBox;
    private TextField seedField;
    private Button rerollButton;
    private Label errorLabel;

    GeneratorBar(OpenGenerator generator, CurrentLatent current) {
        this.generator = generator;
        this.current = current;
        createView();
        initListeners();
    }

    private void createView() {
        runLabel = Fx.label(NO_RUN, "exploreRunLabel");
        reloadButton = Fx.button("Reload newest checkpoint", "reloadCheckpointButton",
                "Load the newest checkpoint of this run (training writes them as it goes)");
        seedField = new TextField("1");
        seedField.setId("seedField");
        seedField.setPrefColumnCount(8);
        seedField.setTooltip(new Tooltip("Seed of the sample grid; Enter applies"));
        rerollButton = Fx.button("Reroll", "rerollButton", "Next seed: sixteen new samples");
        checkpointBox = new ChoiceBox<>();
        checkpointBox.setId("checkpointBox");
        checkpointBox.setTooltip(new Tooltip("Explore an earlier checkpoint of this run"));
        checkpointBox.setConverter(new StringConverter<>() {
            @Override
            public String toString(Path p) {
                return p == null ? "" : p.getFileName().toString();
            }

            @Override
            public Path fromString(String s) {
                return null;
            }
        });
        weightsBox = new ChoiceBox<>();
        weightsBox.setId("weightsBox");
        weightsBox.getItems().setAll(Checkpoint.Weights.values());
        weightsBox.setTooltip(new Tooltip("Which generator of the checkpoint: the moving average of G's weights where "
                + "the run kept one (Settings > G moving average), G as trained, or the average only"));
        weightsBox.setConverter(new StringConverter<>() {
            @Override
            public String toString(Checkpoint.Weights w) {
                return w == null ? "" : switch (w) {
                    case AUTO -> "G's average if kept";
                    case TRAINED -> "G as trained";
                    case AVERAGE -> "G's average";
                };
            }

            @Override
            public Checkpoint.Weights fromString(String s) {
                return null;
            }
        });
        ToolBar bar = new ToolBar(reloadButton, checkpointBox, weightsBox, new Separator(), new Label("seed"),
                seedField, rerollButton, new Separator(), runLabel);
        errorLabel = Fx.label("", "exploreErrorLabel");
        errorLabel.setWrapText(true);
        errorLabel.setStyle("-fx-text-fill: #8b0000; -fx-background-color: #fdecea; -fx-padding: 6 10 6 10;");
        errorLabel.setMaxWidth(Double.MAX_VALUE);
        getChildren().setAll(bar, errorLabel);
    }

    private void initListeners() {
        runLabel.textProperty().bind(Bindings.createStringBinding(() -> generator.checkpointProperty().get() != null
                ? io.dcganexplorer.train.ShippedDemo.isExtractedPath(generator.checkpointProperty().get())
                        ? "the shipped demo, read-only (" + generator.checkpointProperty().get().getFileName() + ")"
                        : "checkpoint: " + generator.checkpointProperty().get()
                : generator.runDirectoryProperty().get() == null ? NO_RUN
                : "run: " + generator.runDirectoryProperty().get(),
                generator.checkpointProperty(), generator.runDirectoryProperty()));
        reloadButton.disableProperty().bind(generator.runDirectoryProperty().isNull().or(generator.loadingProperty()));
        reloadButton.setOnAction(e -> generator.reload());
        errorLabel.textProperty().bind(generator.errorProperty());
        errorLabel.visibleProperty().bind(generator.errorProperty().isNotEmpty());
        errorLabel.managedProperty().bind(errorLabel.visibleProperty());

        seedField.setOnAction(e -> applySeed());
        seedField.focusedProperty().addListener((obs, o, focused) -> {
            if (!focused) {
                applySeed();
            }
        });
        current.seedProperty().addListener((obs, o, n) -> seedField.setText(Long.toString(n.longValue())));
        rerollButton.setOnAction(e -> current.reroll());
        rerollButton.disableProperty().bind(generator.readyProperty().not());

        checkpointBox.setItems(generator.checkpoints());
        weightsBox.valueProperty().bindBidirectional(generator.weightsProperty());
        weightsBox.disableProperty().bind(generator.loadingProperty());
        checkpointBox.disableProperty().bind(generator.loadingProperty()
                .or(Bindings.size(generator.checkpoints()).lessThan(2)));
        generator.checkpointProperty().addListener((obs, o, n) -> checkpointBox.setValue(n));
        // new items clear a ChoiceBox's value; reopening the same checkpoint (other weights) leaves
        // the checkpoint unchanged, so the value is set again from it
        generator.checkpoints().addListener((ListChangeListener<Path>) c ->
                checkpointBox.setValue(generator.checkpointProperty().get()));
        checkpointBox.setOnAction(e -> {
            Path chosen = checkpointBox.getValue();
            if (chosen != null && !chosen.equals(generator.checkpointProperty().get())) {
                generator.openCheckpoint(chosen);
            }
        });
    }

    private void applySeed() {
        try {
            long s = Long.parseLong(seedField.getText().trim());
            if (s != current.seedProperty().get()) {
                current.seedProperty().set(s);
            }
        } catch (NumberFormatException e) {
            seedField.setText(Long.toString(current.seedProperty().get()));
        }
    }
}
