package io.dcganexplorer.train;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntConsumer;

/**
 * Stops, on the way out of the JVM, every thread that runs native (libtorch) work: the trainer
 * (which finishes its step and writes its checkpoint), the render thread of a generator session,
 * the window's background work. A libtorch op still running while the JVM exits can crash it
 * (a SIGSEGV in oneDNN's gemm was seen), so each such thread registers a {@link Stopper} here for
 * as long as it lives, and one shutdown hook runs them all, newest first, each waiting a bounded
 * time, before the exit completes.
 *
 * <p>{@link #exitZeroOnTerm()} makes SIGTERM (logout, {@code kill PID}, systemd) an orderly stop:
 * the stoppers run, then the JVM exits with 0, or 1 if one of them did not end cleanly (the
 * checkpoint could not be written in time), instead of the JVM's default 143. The CLI's
 * {@code train} and the desktop window both install it, so the two behave alike. Ctrl-C (SIGINT)
 * keeps its usual exit code, 130, and runs the same stoppers through the hook.
 */
public final class OrderlyShutdown {

    /** Stops one piece of native work and waits for it, for a bounded time of its choosing. */
    @FunctionalInterface
    public interface Stopper {
        /** @return true if the work ended cleanly (e.g. the trainer wrote its checkpoint) */
        boolean stopAndWait() throws InterruptedException;
    }

    /** A registration; {@link #close()} removes it (the work ended by itself). */
    public interface Registration extends AutoCloseable {
        @Override
        void close();
    }

    private record Entry(String name, Stopper stopper) {}

    private static final List<Entry> ENTRIES = new CopyOnWriteArrayList<>();
    private static final Object STOPPING = new Object();
    private static final AtomicBoolean HOOK = new AtomicBoolean();
    private static final AtomicBoolean TERM = new AtomicBoolean();
    private static final long EXIT_GRACE_MILLIS = 30_000;

    private OrderlyShutdown() {}

    /** Registers {@code stopper} to run before this JVM exits, until the registration is closed. */
    public static Registration register(String name, Stopper stopper) {
        installHook();
        Entry e = new Entry(name, stopper);
        ENTRIES.add(e);
        return () -> ENTRIES.remove(e);
    }

    /**
     * Runs every registered stopper, newest first, and removes it; returns true if all ended
     * cleanly. Callers are served one at a time (the SIGTERM handler and the shutdown hook may
     * both get here); work registered meanwhile is stopped too.
     */
    public static boolean stopAll() {
        synchronized (STOPPING) {
            boolean clean = true;
            while (!ENTRIES.isEmpty()) {
                Entry e = ENTRIES.remove(ENTRIES.size() - 1);
                try {
                    if (!e.stopper().stopAndWait()) {
                        clean = false;
                        System.err.println("dcgan-explorer: " + e.name() + " did not stop cleanly");
                    }
                } catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                    clean = false;
                } catch (RuntimeException | Error ex) {
                    clean = false;
                    System.err.println("dcgan-explorer: stopping " + e.name() + " failed: " + ex);
                }
            }
            return clean;
        }
    }

    /** Names of what is registered now, oldest first (for tests and diagnostics). */
    public static List<String> registered() {
        List<String> names = new ArrayList<>();
        for (Entry e : ENTRIES) {
            names.add(e.name());
        }
        return names;
    }

    /**
     * On SIGTERM: stop everything registered (the trainer writes its checkpoint), then exit with 0
     * (1 if something did not stop cleanly). Installed once; where the JVM does not let a program
     * handle SIGTERM (e.g. {@code -Xrs}), the shutdown hook alone still stops the work.
     */
    public static void exitZeroOnTerm() {
        exitOnTerm(System::exit);
    }

    /**
     * As {@link #exitZeroOnTerm()}, but once everything has stopped the exit code goes to
     * {@code exit}, which ends the program its own way: the desktop window ends JavaFX first
     * ({@code Platform.exit()}), since {@code System.exit} with the toolkit still pulsing races
     * its renderer's shutdown. If {@code exit} returns and the JVM is still up 30 seconds later,
     * {@code System.exit} is called with the same code.
     */
    public static void exitOnTerm(IntConsumer exit) {
        installHook();
        if (!TERM.compareAndSet(false, true)) {
            return;
        }
        handleSignal("TERM", () -> {
            // Runs on a thread of its own, which may block: stop first, then exit with our code.
            int code = stopAll() ? 0 : 1;
            try {
                exit.accept(code);
                Thread.sleep(EXIT_GRACE_MILLIS); // a fallback deadline, not a synchronisation
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                System.err.println("dcgan-explorer: exiting failed: " + e);
            }
            System.exit(code);
        });
    }

    /**
     * {@code sun.misc.Signal.handle(new Signal(name), sig -> action.run())}, through reflection:
     * jdk.unsupported is there on every JDK 17 (and in the packaged runtime), but naming it in
     * source makes javac warn on every build. False if the signal cannot be handled here.
     */
    static boolean handleSignal(String name, Runnable action) {
        try {
            Class<?> signal = Class.forName("sun.misc.Signal");
            Class<?> handler = Class.forName("sun.misc.SignalHandler");
            Object h = java.lang.reflect.Proxy.newProxyInstance(handler.getClassLoader(), new Class<?>[] {handler},
                    (proxy, method, args) -> {
                        if (method.getName().equals("handle")) {
                            action.run();
                            return null;
                        }
                        return switch (method.getName()) {
                            case "hashCode" -> System.identityHashCode(proxy);
                            case "equals" -> proxy == args[0];
                            default -> "OrderlyShutdown's " + name + " handler";
                        };
                    });
            signal.getMethod("handle", signal, handler).invoke(null, signal.getConstructor(String.class)
                    .newInstance(name), h);
            return true;
        } catch (ReflectiveOperationException | RuntimeException e) {
            // no sun.misc.Signal, or the signal is reserved (e.g. -Xrs): the JVM's own handling runs the hook
            return false;
        }
    }

    private static void installHook() {
        if (HOOK.compareAndSet(false, true)) {
            try {
                Runtime.getRuntime().addShutdownHook(new Thread(OrderlyShutdown::stopAll, "dcgan-orderly-shutdown"));
            } catch (IllegalStateException e) {
                // already shutting down: whoever is exiting runs stopAll() itself, or it is too late
            }
        }
    }
}
