package io.dcganexplorer.ui;

import io.dcganexplorer.train.TrainerState;
import java.util.Locale;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Separator;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;

/** State, step, epoch, images/s, elapsed, ETA and progress towards the step budget. */
final class StatusBar extends HBox {
    private final TrainingViewModel vm;
    private Label stateLabel;
    private Label stepLabel;
    private Label epochLabel;
    private Label speedLabel;
    private Label elapsedLabel;
    private Label etaLabel;
    private ProgressBar progressBar;
    private Label messageLabel;

    StatusBar(TrainingViewModel vm) {
        this.vm = vm;
        createView();
        initListeners();
    }

    private void createView() {
        setSpacing(10);
        setPadding(new Insets(4, 8, 4, 8));
        setAlignment(Pos.CENTER_LEFT);
        setStyle("-fx-background-color: #ececec; -fx-border-color: #c8c8c8; -fx-border-width: 1 0 0 0;");
        stateLabel = Fx.label("", "stateLabel");
        stateLabel.setStyle("-fx-font-weight: bold;");
        stateLabel.setMinWidth(80);
        stepLabel = Fx.label("", "stepLabel");
        epochLabel = Fx.label("", "epochLabel");
        speedLabel = Fx.label("", "speedLabel");
        elapsedLabel = Fx.label("", "elapsedLabel");
        etaLabel = Fx.label("", "etaLabel");
        progressBar = new ProgressBar(0);
        progressBar.setId("progressBar");
        progressBar.setPrefWidth(140);
        messageLabel = Fx.label("", "messageLabel");
        messageLabel.setMinWidth(0);
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        getChildren().setAll(stateLabel, new Separator(javafx.geometry.Orientation.VERTICAL), stepLabel,
                epochLabel, speedLabel, elapsedLabel, etaLabel, progressBar, grow, messageLabel);
        // Said once, where it stays in view: the convolution check failed and the app restarted itself
        // at the safe instruction set (correct, 3-4x slower).
        io.dcganexplorer.model.Numerics.isaFallback().ifPresent(reason -> {
            Label isa = Fx.label("safe mode: " + io.dcganexplorer.model.Numerics.ISA_VARIABLE + "="
                    + io.dcganexplorer.model.Numerics.SAFE_ISA, "isaFallbackLabel");
            isa.setStyle("-fx-text-fill: #a04000; -fx-font-weight: bold;");
            isa.setTooltip(new javafx.scene.control.Tooltip(reason + "; training runs 3-4x slower"));
            getChildren().add(isa);
        });
    }

    private void initListeners() {
        stateLabel.textProperty().bind(Bindings.createStringBinding(() -> stateText(vm.stateProperty().get()),
                vm.stateProperty(), vm.stoppingProperty()));
        stepLabel.textProperty().bind(Bindings.createStringBinding(() -> "step " + vm.stepProperty().get()
                + (vm.budgetProperty().get() > 0 ? " / " + vm.budgetProperty().get() : ""),
                vm.stepProperty(), vm.budgetProperty()));
        epochLabel.textProperty().bind(Bindings.concat("epoch ", vm.epochProperty()));
        speedLabel.textProperty().bind(Bindings.createStringBinding(
                () -> String.format(Locale.ROOT, "%.1f images/s", vm.imagesPerSecondProperty().get()),
                vm.imagesPerSecondProperty()));
        elapsedLabel.textProperty().bind(Bindings.createStringBinding(
                () -> "elapsed " + Eta.format(vm.elapsedSecondsProperty().get()), vm.elapsedSecondsProperty()));
        etaLabel.textProperty().bind(Bindings.concat("ETA ", vm.etaProperty()));
        etaLabel.visibleProperty().bind(vm.budgetProperty().greaterThan(0));
        etaLabel.managedProperty().bind(etaLabel.visibleProperty());
        progressBar.progressProperty().bind(vm.progressProperty());
        progressBar.visibleProperty().bind(vm.budgetProperty().greaterThan(0));
        progressBar.managedProperty().bind(progressBar.visibleProperty());
        messageLabel.textProperty().bind(vm.messageProperty());
    }

    private String stateText(TrainerState s) {
        if (vm.stoppingProperty().get()) {
            return "STOPPING…";
        }
        return s == TrainerState.NEW ? "IDLE" : s.name();
    }
}
