package io.dcganexplorer.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * This process's resident memory as the Linux kernel reports it in {@code /proc/self/status}.
 * Native memory (libtorch's tensors) is invisible to the JVM's own counters, so this is the number
 * that shows a leak. Elsewhere than Linux both methods return -1.
 */
public final class ProcessMemory {
    private static final Path STATUS = Path.of("/proc/self/status");

    private ProcessMemory() {}

    /** Current resident set size (VmRSS) in MB, or -1 if unknown. */
    public static long rssMb() {
        return fieldMb("VmRSS:");
    }

    /** Peak resident set size so far (VmHWM, the high-water mark) in MB, or -1 if unknown. */
    public static long peakRssMb() {
        return fieldMb("VmHWM:");
    }

    private static long fieldMb(String field) {
        List<String> lines;
        try {
            lines = Files.readAllLines(STATUS, StandardCharsets.US_ASCII);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return parseMb(lines, field);
    }

    /** The value of a "Name:   1234 kB" line, in MB (rounded), or -1 if absent. */
    static long parseMb(List<String> statusLines, String field) {
        for (String line : statusLines) {
            if (line.startsWith(field)) {
                String[] parts = line.substring(field.length()).trim().split("\\s+");
                try {
                    long kb = Long.parseLong(parts[0]);
                    return Math.round(kb / 1024.0);
                } catch (NumberFormatException e) {
                    return -1;
                }
            }
        }
        return -1;
    }
}
