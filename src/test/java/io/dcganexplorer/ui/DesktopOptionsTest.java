package io.dcganexplorer.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class DesktopOptionsTest {

    @Test
    void screenshotOptionsFillTheSettings() {
        DesktopOptions o = DesktopOptions.parse(List.of("--screenshot", "s.png", "--train-steps=200", "--dataset",
                "faces:256", "--image-size", "32", "--batch-size", "64", "--run-dir", "r"));
        assertEquals(Path.of("s.png"), o.screenshot());
        assertEquals(200, o.trainSteps());
        assertEquals(Path.of("r"), o.runDir());
        SettingsViewModel s = new SettingsViewModel();
        o.applyTo(s);
        assertEquals("faces:256", s.dataset.getText());
        assertEquals("32", s.imageSize.getText());
        assertEquals("64", s.batch.getText());
        assertEquals("200", s.steps.getText());
        assertEquals("20", s.sampleEvery.getText(), "ten grids over the steps unless told");
        assertTrue(s.validProperty().get());
    }

    @Test
    void noOptionsIsANormalSessionAndBadOnesAreNamed() {
        DesktopOptions o = DesktopOptions.parse(List.of());
        assertNull(o.screenshot());
        var e = assertThrows(IllegalArgumentException.class, () -> DesktopOptions.parse(List.of("--bogus")));
        assertTrue(e.getMessage().contains("--bogus"));
        assertThrows(IllegalArgumentException.class, () -> DesktopOptions.parse(List.of("--screenshot", "x.png")));
        assertThrows(IllegalArgumentException.class, () -> DesktopOptions.parse(List.of("--image-size", "big")));
        assertTrue(DesktopOptions.isDesktopOption("--run-dir=x"));
        assertTrue(!DesktopOptions.isDesktopOption("train"));
    }

    @Test
    void trainStartsTrainingWithAnOptionalBudget() {
        DesktopOptions o = DesktopOptions.parse(List.of("--train", "--run-dir", "r", "--train-steps", "30"));
        assertTrue(o.train());
        assertNull(o.screenshot());
        assertTrue(DesktopOptions.isDesktopOption("--train"), "Main starts the window for it");
        SettingsViewModel s = new SettingsViewModel();
        o.applyTo(s);
        assertEquals("30", s.steps.getText());
        assertTrue(!DesktopOptions.parse(List.of("--run-dir", "r")).train());
        assertThrows(IllegalArgumentException.class, () -> DesktopOptions.parse(List.of("--train=yes")));
        assertThrows(IllegalArgumentException.class,
                () -> DesktopOptions.parse(List.of("--train", "--screenshot", "x.png", "--train-steps", "3")));
    }
}
