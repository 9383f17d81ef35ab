package io.dcganexplorer.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScoreLogTest {
    @TempDir
    Path tmp;

    @Test
    void theCurveKeepsTheLastRowPerStepAndLeavesAveragedGeneratorsOut() throws Exception {
        ScoreLog.append(tmp, new ScoreLog.Row(250, 40.0, 100, 1, 200, 0.9, 1, "training"));
        ScoreLog.append(tmp, new ScoreLog.Row(500, 30.0, 100, 1, 200, 0.9, 1, "training"));
        ScoreLog.append(tmp, new ScoreLog.Row(500, 20.0, 100, 1, 200, 0.9, 1, "cli:step-000500"));
        ScoreLog.append(tmp,
                new ScoreLog.Row(500, 90.0, 100, 1, 200, 0.9, 1, ScoreLog.AVERAGED + "step-000250-to-000500"));
        ScoreLog.append(tmp, new ScoreLog.Row(250, 70.0, 100, 1, 200, 0.9, 1, ScoreLog.TRAINED + "step-000250"));
        List<ScoreLog.Row> rows = ScoreLog.read(tmp);
        assertEquals(2, rows.size());
        assertEquals(40.0, rows.get(0).fd(), 1e-9,
                "not the trained generator of a run that renders its moving average");
        assertEquals(20.0, rows.get(1).fd(), 1e-9, "the CLI's rescore of step 500, not the averaged generator");
        assertEquals(6, Files.readAllLines(ScoreLog.file(tmp)).size(), "every row stays in the file");
    }
}
