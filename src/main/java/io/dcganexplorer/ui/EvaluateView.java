package io.dcganexplorer.ui;

import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.beans.property.ReadOnlyStringWrapper;
import java.util.function.Function;

/**
 * The Evaluate tab: the paper's section-5 probe on the open run (see {@link EvaluateViewModel}):
 * dataset, label counts and draws, Run and Cancel, a progress bar with the phase and the time
 * left, and the table of test errors (D features, raw pixels, supervised from scratch).
 */
public final class EvaluateView extends VBox {

    public EvaluateView(EvaluateViewModel vm) {
        setSpacing(10);
        setPadding(new Insets(12));

        Label intro = new Label("Representation learning (paper section 5): a linear SVM on the discriminator's "
                + "features (every conv stage max-pooled to 4x4), against the same SVM on raw pixels and the same "
                + "network trained supervised from scratch, with few labels. Test error on the official test split; "
                + "the SVM's C and the supervised run's stopping step are chosen on a validation split of the "
                + "labelled images only.");
        intro.setWrapText(true);

        TextField dataset = field("evalDatasetField", "fashion:/usr/share/datasets/fashion-mnist", 34,
                "Labelled IDX images with an official test split: fashion:PATH or mnist:PATH");
        dataset.textProperty().bindBidirectional(vm.datasetProperty());
        TextField labels = field("evalLabelsField", "100,1000,all", 12,
                "Labelled images per draw, comma separated, class-balanced; 'all' uses every training image");
        labels.textProperty().bindBidirectional(vm.labelsProperty());
        TextField draws = field("evalDrawsField", "10", 4, "Label draws per count (the paper averages over draws)");
        draws.textProperty().bindBidirectional(vm.drawsProperty());
        CheckBox supervised = new CheckBox("supervised baseline");
        supervised.setId("evalSupervisedBox");
        supervised.setTooltip(
                new Tooltip("Also train D's architecture from scratch on the labels (the slowest column)"));
        supervised.selectedProperty().bindBidirectional(vm.supervisedProperty());

        GridPane form = new GridPane();
        form.setHgap(8);
        form.setVgap(6);
        form.addRow(0, new Label("dataset"), dataset);
        form.addRow(1, new Label("labels"), labels);
        form.addRow(2, new Label("draws"), draws, supervised);

        Button run = new Button("Run probe");
        run.setId("evalRunButton");
        run.setTooltip(new Tooltip("Probe the run's newest checkpoint (nothing in the run is changed)"));
        run.disableProperty().bind(vm.canRunProperty().not());
        run.setOnAction(e -> vm.run());
        Button cancel = new Button("Cancel");
        cancel.setId("evalCancelButton");
        cancel.disableProperty().bind(vm.runningProperty().not());
        cancel.setOnAction(e -> vm.cancel());
        ProgressBar bar = new ProgressBar(0);
        bar.setId("evalProgress");
        bar.setPrefWidth(260);
        bar.progressProperty().bind(vm.progressProperty());
        bar.visibleProperty().bind(vm.runningProperty());
        Label phase = Fx.label("", "evalPhaseLabel");
        phase.textProperty().bind(vm.phaseProperty());
        Label left = Fx.label("", "evalTimeLeftLabel");
        left.textProperty().bind(vm.timeLeftProperty());
        HBox commands = new HBox(8, run, cancel, bar, phase, left);
        commands.setAlignment(Pos.CENTER_LEFT);

        Label why = Fx.label("", "evalHintLabel");
        why.textProperty().bind(Bindings.createStringBinding(() -> vm.runDirectoryProperty().get() == null
                ? "Open or train a run first (Train tab)."
                : vm.trainingActiveProperty().get() ? "Training is running: the probe waits for it to stop."
                : "run: " + vm.runDirectoryProperty().get(), vm.runDirectoryProperty(), vm.trainingActiveProperty()));
        Label error = Fx.label("", "evalErrorLabel");
        error.setWrapText(true);
        error.setStyle("-fx-text-fill: #8b0000;");
        error.textProperty().bind(vm.errorProperty());
        Label status = Fx.label("", "evalStatusLabel");
        status.textProperty().bind(vm.statusProperty());

        TableView<EvaluateViewModel.Row> table = new TableView<>(vm.rows());
        table.setId("evalTable");
        table.getColumns().add(column("labels", EvaluateViewModel.Row::labels, 110));
        table.getColumns().add(column("D features + linear SVM", EvaluateViewModel.Row::dFeatures, 230));
        table.getColumns().add(column("raw pixels + linear SVM", EvaluateViewModel.Row::rawPixels, 230));
        table.getColumns().add(column("supervised, from scratch", EvaluateViewModel.Row::supervised, 230));
        table.setPlaceholder(new Label("No probe yet."));
        table.setPrefHeight(180);
        VBox.setVgrow(table, Priority.ALWAYS);

        getChildren().addAll(intro, form, commands, why, error, status, table);
    }

    private static TextField field(String id, String prompt, int columns, String tip) {
        TextField f = new TextField();
        f.setId(id);
        f.setPromptText(prompt);
        f.setPrefColumnCount(columns);
        f.setTooltip(new Tooltip(tip));
        return f;
    }

    private static TableColumn<EvaluateViewModel.Row, String> column(String title,
            Function<EvaluateViewModel.Row, String> value, double width) {
        TableColumn<EvaluateViewModel.Row, String> c = new TableColumn<>(title);
        c.setCellValueFactory(cd -> new ReadOnlyStringWrapper(value.apply(cd.getValue())));
        c.setPrefWidth(width);
        c.setSortable(false);
        return c;
    }
}
