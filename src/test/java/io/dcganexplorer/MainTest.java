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
    void underJavaTheChildGetsJvmOptionsClassPathAndMainClass() {
        List<String> cmd = Main.childCommand("/usr/lib/jvm/java-17/bin/java",
                List.of("-Xmx1g", "-Dai.djl.offline=true"), "a.jar:lib/b.jar", new String[] {"datasets"});
        assertEquals(List.of("/usr/lib/jvm/java-17/bin/java", "-Xmx1g", "-Dai.djl.offline=true", "-cp",
                "a.jar:lib/b.jar", Main.class.getName(), "datasets"), cmd);
    }

    @Test
    void underAJpackageLauncherTheChildIsTheLauncherWithTheSameArgumentsOnly() {
        // The launcher reads the JVM options and the class path from its .cfg itself.
        List<String> cmd = Main.childCommand("/opt/dcgan-explorer/bin/dcgan-explorer",
                List.of("-Djpackage.app-version=0.1.0", "-Dai.djl.offline=true"),
                "/opt/dcgan-explorer/lib/app/dcgan-explorer.jar", new String[] {"train", "--steps", "3"});
        assertEquals(List.of("/opt/dcgan-explorer/bin/dcgan-explorer", "train", "--steps", "3"), cmd);
        assertEquals(List.of("/opt/dcgan-explorer/bin/dcgan-explorer"),
                Main.childCommand("/opt/dcgan-explorer/bin/dcgan-explorer", List.of(), "x.jar", new String[0]));
    }

    @Test
    void javaBinariesAreRecognisedByFileName() {
        assertTrue(Main.isJavaBinary("/usr/bin/java"));
        assertTrue(Main.isJavaBinary("java"));
        assertTrue(Main.isJavaBinary("/c/jdk/bin/java.exe"));
        assertTrue(Main.isJavaBinary("/jdk/bin/javaw.exe"));
        assertFalse(Main.isJavaBinary("/opt/dcgan-explorer/bin/dcgan-explorer"));
        assertFalse(Main.isJavaBinary("/usr/bin/javac"));
        assertFalse(Main.isJavaBinary("/opt/java/bin/launcher"));
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
