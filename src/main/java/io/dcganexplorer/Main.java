package io.dcganexplorer;

import io.dcganexplorer.cli.Cli;
import io.dcganexplorer.model.Engines;
import io.dcganexplorer.model.NumericsCheck;
import io.dcganexplorer.train.OrderlyShutdown;
import io.dcganexplorer.ui.DesktopApp;
import io.dcganexplorer.ui.DesktopOptions;
import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The jar's entry point. With a subcommand (or --help, --version) it runs the command line
 * ({@link Cli}); with no arguments, or with desktop options such as {@code --screenshot} first, it
 * starts the JavaFX desktop app ({@link #launchDesktop}).
 *
 * <p>Before either, it makes sure libtorch's convolutions compute correctly on this machine
 * ({@link NumericsCheck}: a known-answer check, cached per CPU, libtorch version and ISA cap, so it
 * costs nothing after the first start). oneDNN reads its instruction-set cap from the environment
 * once, when the library loads, so only when the check fails does main start the same JVM again as
 * a child with {@value #ISA_VARIABLE}={@value Engines#SAFE_ISA}, say so once, and exit with the
 * child's code. The child watches this process and stops (writing its checkpoint) when it is gone,
 * even after a {@code kill -9}. A cap the user set, whatever its value, is left alone. Inside a
 * jpackage app-image the child is the app's native launcher with the same arguments (see
 * {@link #childCommand(String, List, String, String[])}).
 */
public final class Main {
    /** The environment variable oneDNN reads to cap the instruction set it uses. */
    public static final String ISA_VARIABLE = NumericsCheck.ISA_VARIABLE;

    /** Set in a restarted child: the PID of the process the user started, which the child must not outlive. */
    static final String PARENT_VARIABLE = "DCGAN_PARENT_PID";

    /** Set by jpackage's launcher to its own path. */
    static final String JPACKAGE_APP_PATH = "jpackage.app-path";
    /**
     * jpackage's Linux launcher puts this in the environment of the JVM it starts; a launcher that
     * inherits it takes its arguments as a java command line and skips its .cfg file.
     */
    static final String JPACKAGE_LAUNCHER_VARIABLE = "_JPACKAGE_LAUNCHER";

    /** How long a parent that is being stopped waits for its child to write its checkpoint. */
    private static final long CHILD_STOP_WAIT_MINUTES = 5;

    private Main() {}

    public static void main(String[] args) {
        Engines.configure(threadsOption(args));
        watchParent();
        if (isDesktop(args) && System.getenv(PARENT_VARIABLE) == null) {
            List<String> child = childCommand(args);
            if (child.stream().anyMatch(a -> a.startsWith("-XX:SharedArchiveFile")
                    || a.startsWith("-XX:ArchiveClassesAtExit"))) {
                // The window's classes load from a class-data-sharing archive, which only a JVM's own
                // command line can map: 4.2-4.3 s -> 3.6-4.0 s to the window on the 2-core machine.
                // The child makes the convolution check itself.
                System.exit(relaunch(child, args, Map.of()));
            }
        }
        if (System.getenv(ISA_VARIABLE) == null) {
            NumericsCheck.Verdict v = NumericsCheck.cached().orElseGet(() -> Engines.numerics());
            if (!v.passed()) {
                System.err.println("dcgan-explorer: libtorch's convolutions failed the start-up check at the default "
                        + "instruction set (" + v.detail() + "); restarting with " + ISA_VARIABLE + "="
                        + Engines.SAFE_ISA + ", which is correct but 3-4x slower");
                System.exit(relaunch(childCommand(args), args, Map.of(ISA_VARIABLE, Engines.SAFE_ISA,
                        Engines.FALLBACK_VARIABLE, "the convolution check failed at the default ISA: " + v.detail())));
            }
        }
        if (isDesktop(args)) {
            launchDesktop(args);
        }
        System.exit(Cli.commandLine().execute(args));
    }

    /** No arguments, or desktop options first: the window; a subcommand or --help: the CLI. */
    static boolean isDesktop(String[] args) {
        return args.length == 0 || DesktopOptions.isDesktopOption(args[0]);
    }

    /** Starts the JavaFX desktop app and exits with its code when its window closes. */
    public static void launchDesktop(String[] args) {
        System.exit(DesktopApp.launchAndWait(args));
    }

    /**
     * In a restarted child: when the process the user started ends, however it ends, stop as on
     * SIGTERM (the shutdown hooks stop training after the current step and write the checkpoint).
     */
    static void watchParent() {
        String pid = System.getenv(PARENT_VARIABLE);
        if (pid == null || pid.isEmpty()) {
            return;
        }
        try {
            ProcessHandle.of(Long.parseLong(pid.trim())).ifPresentOrElse(
                    parent -> parent.onExit().thenRun(Main::parentGone),
                    Main::parentGone);
        } catch (NumberFormatException e) {
            // not ours
        }
    }

    private static void parentGone() {
        System.err.println("dcgan-explorer: the process that started this one has ended; stopping");
        System.exit(143);
    }

    /**
     * Runs {@code command} ({@link #childCommand(String[])}: this program again) as a child with
     * {@code env} added (the safe oneDNN cap, or nothing but the desktop's class-data sharing) and
     * returns the child's exit code. The child stops
     * when this process ends, however it ends ({@link #watchParent}).
     */
    static int relaunch(List<String> command, String[] args, Map<String, String> env) {
        ProcessBuilder pb = new ProcessBuilder(command).inheritIO();
        pb.environment().putAll(env);
        pb.environment().put(PARENT_VARIABLE, Long.toString(ProcessHandle.current().pid()));
        pb.environment().remove(JPACKAGE_LAUNCHER_VARIABLE);
        // The desktop app's start-up timing (-Ddcgan.timing=true) counts from this process's start.
        pb.environment().put(DesktopApp.LAUNCH_MILLIS, Long.toString(ProcessHandle.current().info().startInstant()
                .map(java.time.Instant::toEpochMilli).orElse(System.currentTimeMillis())));
        Process child;
        try {
            child = pb.start();
        } catch (IOException e) {
            if (env.isEmpty()) {
                launchDesktop(args); // no child: the window opens without the archive, only slower
            }
            System.err.println("error: could not restart Java with " + ISA_VARIABLE + "=" + Engines.SAFE_ISA + " ("
                    + e.getMessage() + "); set the variable yourself and run again");
            return 1;
        }
        // Ctrl-C reaches the child too (same process group); a plain kill of this process is passed
        // on, and either way we wait so the child's last checkpoint is written before we go. SIGTERM
        // ends this process with 0 once the child has stopped cleanly, as the child itself does.
        OrderlyShutdown.Registration stopChild = OrderlyShutdown.register("the restarted child", () -> {
            child.destroy();
            return child.waitFor(CHILD_STOP_WAIT_MINUTES, TimeUnit.MINUTES) && child.exitValue() == 0;
        });
        OrderlyShutdown.exitZeroOnTerm();
        while (true) {
            try {
                int code = child.waitFor();
                stopChild.close();
                return code;
            } catch (InterruptedException e) {
                // keep waiting: the child decides when it is done
            }
        }
    }

    /**
     * The command that starts this program again. Run as {@code java ... io.dcganexplorer.Main}: java,
     * this JVM's options, the same class path, this class and the same arguments. Run from a
     * jpackage app-image: the native launcher and the same arguments only, because the launcher
     * adds the JVM options and the class path from its {@code .cfg} itself.
     */
    static List<String> childCommand(String[] args) {
        String launcher = System.getProperty(JPACKAGE_APP_PATH);
        String command = launcher != null && !launcher.isEmpty()
                ? launcher
                : ProcessHandle.current().info().command().orElse(
                        System.getProperty("java.home") + File.separator + "bin" + File.separator + "java");
        List<String> jvm = new ArrayList<>(ManagementFactory.getRuntimeMXBean().getInputArguments());
        if (isDesktop(args) && isJavaBinary(command)) {
            jvm.addAll(classDataSharing(jvm, System.getProperty("java.class.path"),
                    Path.of(System.getProperty("user.home"), ".cache", "dcgan-explorer")));
        }
        return childCommand(command, jvm, System.getProperty("java.class.path"), args);
    }

    /**
     * Options that let the desktop window open faster: the first start records the classes it
     * loaded into an archive under ~/.cache/dcgan-explorer (JDK dynamic class-data sharing), later
     * starts map it (about 0.5 s less here). Nothing when the user chose CDS options already or set
     * -Ddcgan.cds=false; a stale or damaged archive is ignored by the JVM.
     */
    static List<String> classDataSharing(List<String> jvmArguments, String classPath, Path cacheDir) {
        for (String a : jvmArguments) {
            if (a.startsWith("-XX:SharedArchiveFile") || a.startsWith("-XX:ArchiveClassesAtExit")
                    || a.startsWith("-Xshare") || a.equals("-Ddcgan.cds=false")) {
                return List.of();
            }
        }
        // The JVM ignores an archive whose jars have changed since it was recorded, so a rebuilt jar
        // gets an archive of its own (by size and time of every class-path entry). Classes from a
        // folder (mvn javafx:run, tests) cannot be archived at all, and trying fails the exit code.
        StringBuilder id = new StringBuilder(System.getProperty("java.version")).append('|').append(classPath);
        for (String entry : classPath.split(File.pathSeparator)) {
            File f = new File(entry);
            if (f.isDirectory()) {
                return List.of();
            }
            id.append('|').append(f.length()).append(':').append(f.lastModified());
        }
        String key = Integer.toHexString(id.toString().hashCode());
        Path archive = cacheDir.resolve("desktop-" + key + ".jsa");
        if (Files.isRegularFile(archive)) {
            return List.of("-XX:SharedArchiveFile=" + archive, "-Xlog:cds=off", "-Xlog:cds+dynamic=off");
        }
        try {
            Files.createDirectories(archive.getParent());
        } catch (IOException e) {
            return List.of();
        }
        return List.of("-XX:ArchiveClassesAtExit=" + archive, "-Xlog:cds=off", "-Xlog:cds+dynamic=off");
    }

    /**
     * {@code [command, jvmArguments..., -cp, classPath, Main, args...]} when {@code command} is a java
     * binary, otherwise (a native launcher such as jpackage's {@code bin/dcgan-explorer})
     * {@code [command, args...]}.
     */
    static List<String> childCommand(String command, List<String> jvmArguments, String classPath, String[] args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(command);
        if (isJavaBinary(command)) {
            cmd.addAll(jvmArguments);
            cmd.add("-cp");
            cmd.add(classPath);
            cmd.add(Main.class.getName());
        }
        cmd.addAll(List.of(args));
        return cmd;
    }

    /** Whether the file name of {@code command} is java (java.exe, javaw.exe on Windows). */
    static boolean isJavaBinary(String command) {
        Path name = Path.of(command).getFileName();
        if (name == null) {
            return false;
        }
        String n = name.toString().toLowerCase(Locale.ROOT);
        return n.equals("java") || n.equals("java.exe") || n.equals("javaw.exe");
    }

    /**
     * The value of {@code --threads N} or {@code --threads=N} in {@code args}, 0 if absent or not a
     * number (the command's own parsing reports bad values).
     */
    static int threadsOption(String[] args) {
        for (int i = 0; i < args.length; i++) {
            String v = null;
            if (args[i].equals("--threads") && i + 1 < args.length) {
                v = args[i + 1];
            } else if (args[i].startsWith("--threads=")) {
                v = args[i].substring("--threads=".length());
            }
            if (v != null) {
                try {
                    return Math.max(0, Integer.parseInt(v.trim()));
                } catch (NumberFormatException e) {
                    return 0;
                }
            }
        }
        return 0;
    }
}
