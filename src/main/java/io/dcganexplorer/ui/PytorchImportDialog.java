package io.dcganexplorer.ui;

import io.dcganexplorer.model.ZPrior;
import java.io.File;
import java.nio.file.Path;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.stage.Window;

/**
 * The "Open PyTorch model…" flow: a file chooser for netG.pth, then one dialog asking what the file
 * cannot tell (the z prior, the run folder) with the discriminator beside it filled in, then
 * {@link PytorchImportViewModel#importAndOpen}.
 */
final class PytorchImportDialog {
    private PytorchImportDialog() {}

    /** Runs the flow over {@code owner}; does nothing if a chooser or the dialog is cancelled. */
    static void show(Window owner, PytorchImportViewModel vm) {
        FileChooser fc = new FileChooser();
        fc.setTitle("Open a generator saved by PyTorch (netG.pth)");
        fc.getExtensionFilters().addAll(new FileChooser.ExtensionFilter("PyTorch model (*.pth, *.pt)", "*.pth",
                "*.pt"), new FileChooser.ExtensionFilter("All files", "*"));
        File g = fc.showOpenDialog(owner);
        if (g == null) {
            return;
        }
        Path generator = g.toPath();
        Path beside = PytorchImportViewModel.discriminatorBeside(generator);
        TextField discriminator = new TextField(beside == null ? "" : beside.toString());
        discriminator.setId("pytorchDiscriminatorField");
        discriminator.setPromptText("none: D is initialised afresh");
        Button chooseD = new Button("Choose…");
        chooseD.setOnAction(e -> {
            FileChooser dc = new FileChooser();
            dc.setTitle("The discriminator saved with it (netD.pth), optional");
            dc.setInitialDirectory(g.getParentFile());
            File d = dc.showOpenDialog(owner);
            if (d != null) {
                discriminator.setText(d.toString());
            }
        });
        ChoiceBox<String> prior = new ChoiceBox<>();
        prior.getItems().addAll("normal (pytorch/examples: torch.randn)", "uniform in [-1, 1] (the paper)");
        prior.getSelectionModel().select(0);
        prior.setId("pytorchPriorChoice");
        TextField runDir = new TextField(vm.defaultRunDirectory(generator).toString());
        runDir.setId("pytorchRunDirField");
        runDir.setPrefColumnCount(36);
        Button chooseRun = new Button("Choose…");
        chooseRun.setOnAction(e -> {
            DirectoryChooser dc = new DirectoryChooser();
            dc.setTitle("An empty folder for the run");
            File d = dc.showDialog(owner);
            if (d != null) {
                runDir.setText(d.toString());
            }
        });
        GridPane grid = new GridPane();
        grid.setHgap(8);
        grid.setVgap(8);
        grid.addRow(0, new Label("Generator"), new Label(generator.toString()));
        grid.addRow(1, new Label("Discriminator"), discriminator, chooseD);
        grid.addRow(2, new Label("z prior"), prior);
        grid.addRow(3, new Label("Run folder"), runDir, chooseRun);
        Dialog<ButtonType> dialog = new Dialog<>();
        dialog.initOwner(owner);
        dialog.setTitle("Open PyTorch model");
        dialog.setHeaderText("nz, ngf, ndf, channels and image size come from the file. The z prior it was "
                + "trained with is not in it.");
        dialog.getDialogPane().setContent(grid);
        dialog.getDialogPane().getButtonTypes().addAll(ButtonType.OK, ButtonType.CANCEL);
        dialog.showAndWait().filter(b -> b == ButtonType.OK).ifPresent(b -> {
            String d = discriminator.getText().trim();
            vm.importAndOpen(generator, d.isEmpty() ? null : Path.of(d),
                    prior.getSelectionModel().getSelectedIndex() == 0 ? ZPrior.NORMAL : ZPrior.UNIFORM,
                    Path.of(runDir.getText().trim()));
        });
    }
}
