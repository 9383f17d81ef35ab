package io.dcganexplorer.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dcganexplorer.model.DcganConfig;
import io.dcganexplorer.model.KernelPreset;
import io.dcganexplorer.model.ZPrior;
import io.dcganexplorer.train.TrainingOptions;
import java.nio.file.Path;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsViewModelTest {

    @Test
    void defaultsAreThePapersAndValid() {
        SettingsViewModel s = new SettingsViewModel();
        assertTrue(s.validProperty().get());
        TrainingOptions o = s.options();
        assertEquals("faces", o.dataset());
        assertEquals(128, o.batchSize());
        assertEquals(2e-4, o.learningRate());
        assertEquals(0.5, o.beta1());
        assertEquals(0.0, o.labelSmoothing());
        DcganConfig c = s.config();
        assertEquals(DcganConfig.preset(DcganConfig.Preset.PYTORCH, 64, 3), c);
    }

    @Test
    void imageSizeOtherThanAPowerOfTwoIsRefusedWithTheReason() {
        SettingsViewModel s = new SettingsViewModel();
        s.imageSize.setText("48");
        assertEquals("must be a power of two from 16 to 128", s.imageSize.errorProperty().get());
        assertFalse(s.validProperty().get());
        s.imageSize.setText("32");
        assertTrue(s.validProperty().get());
        s.imageSize.setText("abc");
        assertEquals("must be a whole number", s.imageSize.errorProperty().get());
    }

    @Test
    void everyFieldRefusesNonsense() {
        SettingsViewModel s = new SettingsViewModel();
        for (ValidatedField<?> f : s.fields()) {
            String before = f.getText();
            f.setText(f == s.dataset ? "nonsense:x" : f == s.runsRoot ? "" : "-1.5e400x");
            assertFalse(f.isValid(), f.label() + " accepted garbage");
            assertFalse(s.validProperty().get());
            f.setText(before);
            assertTrue(f.isValid(), f.label() + " refused its default");
        }
        s.learningRate.setText("1");
        assertEquals("must be a number above 0 and below 1", s.learningRate.errorProperty().get());
        s.channels.setText("2");
        assertEquals("must be 1 (gray) or 3 (RGB)", s.channels.errorProperty().get());
        s.labelSmoothing.setText("0.6");
        assertEquals("must be a number from 0 to 0.5", s.labelSmoothing.errorProperty().get());
        s.labelSmoothing.setText("0.1");
        s.learningRate.setText("0.0002");
        s.channels.setText("3");
        assertEquals(0.1, s.options().labelSmoothing());
    }

    @Test
    void presetFillsWidthsKernelsAndPriorAndIdxDataIsGray() {
        SettingsViewModel s = new SettingsViewModel();
        s.presetProperty().set(DcganConfig.Preset.PAPER);
        assertEquals("128", s.ngf.getText());
        assertEquals(KernelPreset.K5, s.kernelProperty().get());
        assertEquals(ZPrior.UNIFORM, s.priorProperty().get());
        s.dataset.setText("mnist:/data/mnist");
        assertEquals("1", s.channels.getText());
        s.dataset.setText("faces:100");
        assertEquals("3", s.channels.getText());
    }

    @Test
    void resumableFieldsAloneDecideWhetherARunCanContinue(@TempDir Path tmp) {
        SettingsViewModel s = new SettingsViewModel();
        s.imageSize.setText("48");
        assertFalse(s.validProperty().get());
        assertTrue(s.resumableValidProperty().get());
        s.steps.setText("-3");
        assertFalse(s.resumableValidProperty().get());
        s.steps.setText("300");
        s.labelSmoothing.setText("0.2");
        s.generatorEma.setText("0.5");
        assertFalse(s.resumableValidProperty().get(), "a decay below 0.9 averages over a couple of steps only");
        assertEquals("must be 0 (none) or from 0.9 up to (not including) 1", s.generatorEma.errorProperty().get());
        s.generatorEma.setText("0.999");
        TrainingOptions changed = s.resumeChanges().apply(TrainingOptions.defaults().withMaxSteps(100));
        assertEquals(300, changed.maxSteps());
        assertEquals(0.2, changed.labelSmoothing());
        assertEquals(0.999, changed.generatorEma(), "a continued run may turn the moving average on");

        s.runsRoot.setText(tmp.toString());
        LocalDateTime now = LocalDateTime.of(2026, 1, 2, 3, 4, 5);
        assertEquals(tmp.resolve("20260102-030405"), s.newRunDirectory(now));
    }

    @Test
    void loadingAFinishedRunClearsItsUsedUpBudget() {
        SettingsViewModel s = new SettingsViewModel();
        DcganConfig c = new DcganConfig(16, 3, 16, 8, 8, KernelPreset.K4, ZPrior.NORMAL);
        s.load(c, TrainingOptions.defaults().withMaxSteps(50).withBatchSize(8), 50);
        assertEquals("0", s.steps.getText());
        assertEquals(c, s.config());
        s.load(c, TrainingOptions.defaults().withMaxSteps(80).withLabelSmoothing(0.1), 50);
        assertEquals("80", s.steps.getText());
        assertEquals("0.1", s.labelSmoothing.getText());
        assertEquals("0", s.generatorEma.getText());
        s.load(c, TrainingOptions.defaults().withGeneratorEma(0.999), 50);
        assertEquals("0.999", s.generatorEma.getText());
        assertEquals(0.999, s.options().generatorEma());
        assertEquals("0.0002", s.learningRate.getText());
    }
}
