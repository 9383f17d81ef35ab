package io.dcganexplorer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ProcessMemoryTest {

    @Test
    void parsesKilobytesIntoMegabytes() {
        List<String> status = List.of("Name:\tjava", "VmHWM:\t  524288 kB", "VmRSS:\t  262144 kB");
        assertEquals(256, ProcessMemory.parseMb(status, "VmRSS:"));
        assertEquals(512, ProcessMemory.parseMb(status, "VmHWM:"));
        assertEquals(-1, ProcessMemory.parseMb(status, "VmSwap:"));
    }

    @Test
    void readsThisProcessOnLinux() {
        if (System.getProperty("os.name").startsWith("Linux")) {
            assertTrue(ProcessMemory.rssMb() > 0);
            assertTrue(ProcessMemory.peakRssMb() >= ProcessMemory.rssMb());
        }
    }
}
