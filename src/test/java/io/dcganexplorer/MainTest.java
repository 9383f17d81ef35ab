package io.dcganexplorer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class MainTest {

    @Test
    void childIsTheSameJvmClassPathMainClassAndArguments() {
        List<String> cmd = Main.childCommand(new String[] {"train", "--steps", "3"});
        assertEquals(List.of(Main.class.getName(), "train", "--steps", "3"), cmd.subList(cmd.size() - 4, cmd.size()));
        int cp = cmd.indexOf("-cp");
        assertEquals(System.getProperty("java.class.path"), cmd.get(cp + 1));
        assertEquals(cmd.size() - 6, cp);
    }

    @Test
    void noArgumentsOrDesktopOptionsStartTheWindowAndSubcommandsTheCommandLine() {
        assertTrue(Main.isDesktop(new String[0]));
        assertTrue(Main.isDesktop(new String[] {"--screenshot", "x.png", "--train-steps", "5"}));
        assertTrue(Main.isDesktop(new String[] {"--run-dir=runs/a"}));
        assertFalse(Main.isDesktop(new String[] {"train", "--run-dir", "runs/a"}));
        assertFalse(Main.isDesktop(new String[] {"--help"}));
        assertFalse(Main.isDesktop(new String[] {"--version"}));
        assertFalse(Main.isDesktop(new String[] {"datasets"}));
    }

    @Test
    void threadsAreReadInBothSpellings() {
        assertEquals(3, Main.threadsOption(new String[] {"bench", "--threads", "3"}));
        assertEquals(4, Main.threadsOption(new String[] {"train", "--threads=4", "--run-dir", "x"}));
        assertEquals(0, Main.threadsOption(new String[] {"train", "--threads", "many"}));
        assertEquals(0, Main.threadsOption(new String[] {"datasets"}));
    }
}
