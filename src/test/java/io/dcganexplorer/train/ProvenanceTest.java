package io.dcganexplorer.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** What every run and report records about the build that made it. */
class ProvenanceTest {
    @Test
    void aBuildFromAGitCheckoutRecordsItsCommit() {
        assumeTrue(Files.exists(Path.of(".git")), "built outside a git checkout: the commit is unknown");
        assertTrue(Provenance.COMMIT.matches("[0-9a-f]{40}( \\(with uncommitted changes\\))?"), Provenance.COMMIT);
        assertEquals(Provenance.COMMIT, Provenance.current(1).get("commit"));
    }
}
