package io.dcganexplorer;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
    void threadsAreReadInBothSpellings() {
        assertEquals(3, Main.threadsOption(new String[] {"bench", "--threads", "3"}));
        assertEquals(4, Main.threadsOption(new String[] {"train", "--threads=4", "--run-dir", "x"}));
        assertEquals(0, Main.threadsOption(new String[] {"train", "--threads", "many"}));
        assertEquals(0, Main.threadsOption(new String[] {"datasets"}));
    }
}
