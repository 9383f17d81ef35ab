package io.dcganexplorer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArithmeticCommandTest {
    static final String RUN = InterpolateCommandTest.RUN;

    @TempDir
    Path tmp;

    @Test
    void explicitGroupsGiveMembersMeansAndTwoThreeByThreeGrids() throws Exception {
        Path out = tmp.resolve("a.png");
        var r = CliTest.run("arithmetic", "--run-dir", RUN, "--a", "1,2,3", "--b", "4,5,6", "--c", "7,8,9", "--out",
                out.toString());
        assertEquals(0, r.code(), r.err());
        BufferedImage img = ImageIO.read(out.toFile());
        int groups = 4 * 16 + 5 * 2; // 3 members + mean, 16 px tiles
        int grid = 3 * 16 + 4 * 2;
        assertEquals(groups + 2 * grid + 2 * 12, img.getWidth());
        assertEquals(grid, img.getHeight());
    }

    @Test
    void rescaledMeansChangeTheAveragedGridOnlyWhenAGroupHasSeveralMembers() throws Exception {
        java.util.Map<String, int[]> px = new java.util.LinkedHashMap<>();
        for (String[] c : new String[][] {{"plain3", "plain", "1,2,3", "4,5,6", "7,8,9"},
                {"rescaled3", "rescaled", "1,2,3", "4,5,6", "7,8,9"}, {"plain1", "plain", "1", "4", "7"},
                {"rescaled1", "rescaled", "1", "4", "7"}}) {
            Path out = tmp.resolve(c[0] + ".png");
            var r = CliTest.run("arithmetic", "--run-dir", RUN, "--means", c[1], "--a", c[2], "--b", c[3], "--c", c[4],
                    "--out", out.toString());
            assertEquals(0, r.code(), r.err());
            BufferedImage img = ImageIO.read(out.toFile());
            px.put(c[0], img.getRGB(0, 0, img.getWidth(), img.getHeight(), null, 0, img.getWidth()));
        }
        assertTrue(!java.util.Arrays.equals(px.get("plain3"), px.get("rescaled3")), "three members: another Y");
        assertTrue(java.util.Arrays.equals(px.get("plain1"), px.get("rescaled1")), "one member: the same Y");
        var bad = CliTest.run("arithmetic", "--run-dir", RUN, "--means", "median", "--a", "1", "--b", "2", "--c", "3",
                "--out", tmp.resolve("bad.png").toString());
        assertEquals(2, bad.code());
        assertTrue(bad.err().contains("expected plain or rescaled"), bad.err());
    }

    @Test
    void autoExemplarsReportAttributeScoresOfTheNineResults() throws Exception {
        Path out = tmp.resolve("auto.png");
        String cache = tmp.resolve("cache").toString();
        var r = CliTest.run("arithmetic", "--run-dir", RUN, "--auto", "smiling&!male", "!smiling&!male",
                "!smiling&male", "--pool", "24", "--cache", cache, "--classifier-epochs", "1", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        JsonObject json = checkReport(r, 24);
        // the default scorer is the real-pixel CNN, trained now into the cache
        assertTrue(json.get("scorer").getAsString().startsWith("cnn: linear probes on the features of " + cache),
                json.get("scorer").getAsString());
        assertTrue(r.err().contains("scorer: the CNN in " + cache) && r.err().contains("(trained now)"), r.err());
        assertTrue(ImageIO.read(out.toFile()).getWidth() > 0);

        // the discriminator's features instead: other features, so other scores of the same nine images
        var d = CliTest.run("arithmetic", "--run-dir", RUN, "--auto", "smiling&!male", "!smiling&!male",
                "!smiling&male", "--pool", "24", "--scorer", "d", "--out", tmp.resolve("d.png").toString());
        assertEquals(0, d.code(), d.err());
        JsonObject dj = checkReport(d, 24);
        assertEquals("d: linear probes on the discriminator's features", dj.get("scorer").getAsString());
        assertTrue(!d.err().contains("scorer: the CNN"), d.err());
        assertNotEquals(json.getAsJsonObject("classifier_heldout_accuracy").toString() + json.getAsJsonArray("rounds"),
                dj.getAsJsonObject("classifier_heldout_accuracy").toString() + dj.getAsJsonArray("rounds"));
    }

    @Test
    void theTransferOfAMinusBIsMeasuredOnOtherSamplesOfCsExpression() throws Exception {
        // The tiny run's samples are all called smiling and male, so with C = smiling&male every
        // pool member but the nine exemplars is another member of C's expression.
        var r = CliTest.run("arithmetic", "--run-dir", RUN, "--auto", "smiling&!male", "!smiling&!male", "smiling&male",
                "--target", "smiling&male", "--pool", "24", "--repeat", "2", "--cache", tmp.resolve("cache").toString(),
                "--classifier-epochs", "1", "--out", tmp.resolve("t.png").toString());
        assertEquals(0, r.code(), r.err());
        JsonObject json = JsonParser.parseString(r.out()).getAsJsonObject();
        double sumAvg = 0;
        double sumSingle = 0;
        for (var e : json.getAsJsonArray("rounds")) {
            var round = e.getAsJsonObject();
            int others = round.get("transfer_samples").getAsInt();
            assertTrue(others > 0 && others <= 24 - 9, "others " + others);
            double t = round.get("transfer_averaged").getAsDouble();
            assertEquals(Math.round(t * others), t * others, 1e-9);
            sumAvg += t;
            sumSingle += round.get("transfer_single").getAsDouble();
        }
        assertEquals(sumAvg / 2, json.get("mean_transfer_averaged").getAsDouble(), 1e-12);
        assertEquals(sumSingle / 2, json.get("mean_transfer_single").getAsDouble(), 1e-12);
        assertTrue(r.err().contains("mean(A) - mean(B) added to other samples called smiling&male makes "), r.err());
        // the rounds' progress, with time left, on stderr; the first and the last round always
        assertTrue(r.err().contains("round 1 of 2 (elapsed ") && r.err().contains("round 2 of 2 (elapsed "), r.err());
    }

    @Test
    void theReportSaysWhatProducedIt() throws Exception {
        Path png = tmp.resolve("p.png");
        var r = CliTest.run("arithmetic", "--run-dir", RUN, "--auto", "smiling&!male", "!smiling&!male", "smiling&male",
                "--target", "smiling&male", "--pool", "24", "--per-group", "2", "--repeat", "2", "--seed", "5",
                "--scale", "0.5", "--means", "rescaled", "--scorer", "d", "--out", png.toString());
        assertEquals(0, r.code(), r.err());
        JsonObject json = JsonParser.parseString(r.out()).getAsJsonObject();
        JsonObject p = json.getAsJsonObject("provenance");
        assertEquals("dcgan-explorer " + io.dcganexplorer.train.Provenance.APP_VERSION, p.get("app").getAsString());
        assertEquals(io.dcganexplorer.train.Provenance.COMMIT, p.get("commit").getAsString());
        assertTrue(!p.get("commit").getAsString().isEmpty());
        assertEquals(Path.of(RUN).toAbsolutePath().normalize().toString(), p.get("run").getAsString());
        assertEquals(Path.of(json.get("checkpoint").getAsString()).toAbsolutePath().normalize().toString(),
                p.get("checkpoint").getAsString());
        assertEquals("[\"smiling&!male\",\"!smiling&!male\",\"smiling&male\"]", p.get("expressions").toString());
        assertEquals("smiling&male", p.get("target").getAsString());
        assertEquals(json.get("target").getAsString(), p.get("target_used").getAsString());
        assertEquals("d", p.get("scorer").getAsString());
        assertTrue(!p.has("scorer_folder") || p.get("scorer_folder").isJsonNull());
        assertEquals("rescaled", p.get("means").getAsString());
        assertEquals(2, p.get("per_group").getAsInt());
        assertEquals(24, p.get("pool").getAsInt());
        assertEquals(0.5, p.get("scale").getAsDouble(), 1e-9);
        assertEquals(2, p.get("repeat").getAsInt());
        assertEquals("[5,6]", p.get("seeds").toString());
        assertEquals(5, p.get("noise_seed").getAsLong());
        assertEquals("auto", p.get("weights").getAsString());
        assertEquals(png.toAbsolutePath().normalize().toString(), p.get("picture").getAsString());
        java.time.Instant.parse(p.get("created").getAsString());
    }

    @Test
    void aPoolTooSmallForTheGroupsIsAUsageErrorBeforeAnythingIsScored() {
        // ten per group need 30 samples from the more real half: a pool of at least 59
        var r = CliTest.run("arithmetic", "--run-dir", RUN, "--auto", "smiling", "!smiling", "male", "--per-group",
                "10", "--pool", "58", "--out", tmp.resolve("x.png").toString());
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("--pool") && r.err().contains("score at least 59 samples"), r.err());
        assertTrue(!java.nio.file.Files.exists(tmp.resolve("x.png")));
    }

    @Test
    void unknownScorerIsAUsageError() {
        var r = CliTest.run("arithmetic", "--run-dir", RUN, "--auto", "smiling", "!smiling", "male", "--scorer",
                "eyeball", "--out", tmp.resolve("x.png").toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--scorer") && r.err().contains("eyeball"), r.err());
    }

    /** The report's shape and what must hold of its numbers for a pool of {@code pool}. */
    private static JsonObject checkReport(CliTest.Result r, int pool) {
        JsonObject json = JsonParser.parseString(r.out()).getAsJsonObject();
        assertEquals("Smiling&Male", json.get("target").getAsString());
        var round = json.getAsJsonArray("rounds").get(0).getAsJsonObject();
        assertEquals("plain", json.get("means").getAsString(), "the paper's plain means unless asked");
        assertEquals(9, round.getAsJsonArray("averaged_scores").size());
        assertEquals(9, round.getAsJsonArray("single_scores").size());
        double p = round.getAsJsonArray("averaged_scores").get(4).getAsJsonObject().get("Smiling").getAsDouble();
        assertTrue(p >= 0 && p <= 1);
        double acc = json.getAsJsonObject("classifier_heldout_accuracy").get("Male").getAsDouble();
        assertTrue(acc > 0 && acc <= 1);
        // single exemplars of every rank, the first being the picture's single grid
        var byRank = round.getAsJsonArray("single_share_by_rank");
        assertEquals(3, byRank.size(), "three exemplars per group by default");
        assertEquals(round.get("single_share").getAsDouble(), byRank.get(0).getAsDouble(), 1e-12);
        double sum = 0;
        for (int k = 0; k < 3; k++) {
            double x = byRank.get(k).getAsDouble();
            assertEquals(Math.round(x * 9), x * 9, 1e-9, "a share of nine results");
            sum += x;
        }
        assertEquals(sum / 3, json.get("mean_single_share_any_rank").getAsDouble(), 1e-12, "one round");
        // G(mean of each group) scored against the group's own expression (A: smiling & !male, ...)
        var meanScores = round.getAsJsonArray("group_mean_scores");
        var holds = round.getAsJsonArray("group_mean_holds");
        assertEquals(3, meanScores.size());
        boolean[][] wanted = {{true, false}, {false, false}, {false, true}};
        for (int k = 0; k < 3; k++) {
            var m = meanScores.get(k).getAsJsonObject();
            boolean held = (m.get("Smiling").getAsDouble() >= 0.5) == wanted[k][0]
                    && (m.get("Male").getAsDouble() >= 0.5) == wanted[k][1];
            assertEquals(held, holds.get(k).getAsBoolean(), "group " + k + ": " + m);
        }
        // mean(A) - mean(B) added to the pool's other members of C's expression: a share of them
        int others = round.get("transfer_samples").getAsInt();
        assertTrue(others >= 0 && others <= io.dcganexplorer.latent.ArithmeticEvaluation.TRANSFER_SAMPLES
                && others <= pool - 3, "others " + others);
        for (String k : new String[] {"transfer_averaged", "transfer_single"}) {
            if (others == 0) {
                assertTrue(!round.has(k) || round.get(k).isJsonNull(), k);
            } else {
                double t = round.get(k).getAsDouble();
                assertTrue(t >= 0 && t <= 1, k + " " + t);
                assertEquals(Math.round(t * others), t * others, 1e-9, k);
            }
        }
        assertEquals(others > 0,
                r.err().contains("mean(A) - mean(B) added to other samples called !smiling&male makes"), r.err());
        var share = json.getAsJsonObject("group_mean_holds_share");
        assertEquals(java.util.List.of("smiling&!male", "!smiling&!male", "!smiling&male"),
                java.util.List.copyOf(share.keySet()));
        assertEquals(holds.get(0).getAsBoolean() ? 1.0 : 0.0, share.get("smiling&!male").getAsDouble()); // 1 round
        for (String a : new String[] {"Smiling", "Male"}) {
            double real = json.getAsJsonObject("real_attribute_rate").get(a).getAsDouble();
            double called = json.getAsJsonObject("generated_called_rate").get(a).getAsDouble();
            assertTrue(real > 0 && real < 1, a + " real rate " + real);
            assertTrue(called >= 0 && called <= 1, a + " called rate " + called);
            // a rate over the pool is a multiple of 1/pool
            assertEquals(Math.round(called * pool), called * pool, 1e-9);
            assertEquals(Math.abs(called - real) > 0.15,
                    r.err().contains("calls ") && r.err().contains("% of generated samples " + a), r.err());
        }
        // the target's joint rates: the faces draw smiling and male independently (about 1/4); a
        // sample the classifier calls smiling and male is called each of them
        double realTarget = json.get("real_target_rate").getAsDouble();
        assertTrue(realTarget > 0.1 && realTarget < 0.4, "real smiling & male rate " + realTarget);
        double target = json.get("generated_target_rate").getAsDouble();
        assertEquals(Math.round(target * pool), target * pool, 1e-9);
        for (String a : new String[] {"Smiling", "Male"}) {
            assertTrue(target <= json.getAsJsonObject("generated_called_rate").get(a).getAsDouble() + 1e-12,
                    "smiling & male within " + a + ": " + target);
        }
        return json;
    }

    @Test
    void unknownAttributeIsAUsageError() {
        var r = CliTest.run("arithmetic", "--run-dir", RUN, "--auto", "grumpy", "!smiling", "male", "--out",
                tmp.resolve("x.png").toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("unknown attribute 'grumpy'"), r.err());
    }

    @Test
    void sweepScoresEveryCheckpointChoosesOneAndRetestsItOnSeedsThatChoseNothing() throws Exception {
        Path run = threeCheckpointRun();
        java.util.List<String> common = java.util.List.of("--run-dir", run.toString(), "--auto", "smiling&!male",
                "!smiling&!male", "!smiling&male", "--pool", "24", "--repeat", "2", "--cache",
                tmp.resolve("cache").toString(), "--classifier-epochs", "1");
        Path swept = tmp.resolve("sweep.png");
        var r = CliTest.run(args("arithmetic", common, "--sweep", "--out", swept.toString()));
        assertEquals(0, r.code(), r.err());
        JsonObject json = JsonParser.parseString(r.out()).getAsJsonObject();
        var rows = json.getAsJsonArray("checkpoints");
        assertEquals(3, rows.size(), "every checkpoint of the run");
        assertEquals(0, json.getAsJsonArray("skipped").size());
        assertEquals("[1,2]", json.getAsJsonArray("sweep_seeds").toString());
        assertEquals("[3,4]", json.getAsJsonArray("held_out_seeds").toString(), "the next seeds, none of the sweep's");
        String best = null;
        double bestAvg = -1;
        double bestLead = 0;
        for (int k = 0; k < 3; k++) {
            JsonObject row = rows.get(k).getAsJsonObject();
            String name = String.format("step-%06d", k + 1);
            assertEquals(name, row.get("checkpoint").getAsString());
            assertEquals(k + 1, row.get("step").getAsLong());
            // each row is what the arithmetic on that checkpoint alone reports for the same seeds
            var one = CliTest.run(args("arithmetic", common, "--checkpoint", name, "--out",
                    tmp.resolve(name + ".png").toString()));
            assertEquals(0, one.code(), one.err());
            JsonObject alone = JsonParser.parseString(one.out()).getAsJsonObject();
            double avg = row.get("mean_averaged_share").getAsDouble();
            double single = row.get("mean_single_share").getAsDouble();
            assertEquals(alone.get("mean_averaged_share").getAsDouble(), avg, 1e-12, name);
            assertEquals(alone.get("mean_single_share").getAsDouble(), single, 1e-12, name);
            // the choice: the highest averaged share, then the widest lead, then the newest
            if (best == null || avg > bestAvg + 1e-9
                    || (Math.abs(avg - bestAvg) <= 1e-9 && avg - single >= bestLead - 1e-9)) {
                best = name;
                bestAvg = avg;
                bestLead = avg - single;
            }
        }
        assertEquals(best, json.get("selected").getAsString());
        // the held-out report is the chosen checkpoint's own arithmetic on seeds 3-4, picture included
        Path again = tmp.resolve("again.png");
        var held = CliTest.run(args("arithmetic", common, "--checkpoint", best, "--seed", "3", "--out",
                again.toString()));
        assertEquals(0, held.code(), held.err());
        JsonObject h = JsonParser.parseString(held.out()).getAsJsonObject();
        JsonObject reported = json.getAsJsonObject("held_out");
        assertEquals(h.getAsJsonArray("rounds"), reported.getAsJsonArray("rounds"));
        assertEquals(3, reported.getAsJsonArray("rounds").get(0).getAsJsonObject().get("seed").getAsLong());
        JsonObject sweptBy = json.getAsJsonObject("provenance");
        assertEquals(run.resolve("checkpoints").toAbsolutePath().normalize().toString(),
                sweptBy.get("checkpoint").getAsString());
        assertEquals("[1,2]", sweptBy.get("seeds").toString());
        assertEquals("cnn", sweptBy.get("scorer").getAsString());
        JsonObject heldBy = reported.getAsJsonObject("provenance");
        assertEquals("[3,4]", heldBy.get("seeds").toString());
        assertEquals(1, heldBy.get("noise_seed").getAsLong(), "the seed given: the held-out seeds follow the sweep's");
        assertEquals(run.toAbsolutePath().normalize().toString(), heldBy.get("run").getAsString());
        assertEquals(Path.of(reported.get("checkpoint").getAsString()).toAbsolutePath().normalize().toString(),
                heldBy.get("checkpoint").getAsString());
        assertTrue(java.util.Arrays.equals(java.nio.file.Files.readAllBytes(again),
                java.nio.file.Files.readAllBytes(swept)));
        assertTrue(r.err().contains("[3/3] step-000003: averaged ")
                && r.err().contains("chose " + best + " of 3 on seeds 1-2"), r.err());
        assertTrue(r.err().split("fitting attribute probes", -1).length == 2,
                "the CNN's probes are fitted once:\n" + r.err());
        // 3 checkpoints and the held-out re-run, 2 seeds each: the sweep's progress ends at round 8 of 8
        assertTrue(r.err().contains("round 8 of 8 (elapsed "), r.err());
    }

    @Test
    void aDamagedCheckpointIsSkippedAndCountedAndTheOthersAreSwept() throws Exception {
        Path run = threeCheckpointRun();
        Path tensors = run.resolve("checkpoints/step-000002/tensors.bin");
        byte[] whole = java.nio.file.Files.readAllBytes(tensors);
        byte[] half = java.util.Arrays.copyOf(whole, whole.length / 2);
        java.nio.file.Files.write(tensors, half);
        java.util.List<String> common = java.util.List.of("--run-dir", run.toString(), "--auto", "smiling&!male",
                "!smiling&!male", "!smiling&male", "--pool", "24", "--cache", tmp.resolve("cache").toString(),
                "--classifier-epochs", "1", "--sweep");
        var r = CliTest.run(args("arithmetic", common, "--out", tmp.resolve("s.png").toString()));
        assertEquals(0, r.code(), r.err());
        JsonObject json = JsonParser.parseString(r.out()).getAsJsonObject();
        var rows = json.getAsJsonArray("checkpoints");
        assertEquals(2, rows.size());
        assertEquals("step-000001", rows.get(0).getAsJsonObject().get("checkpoint").getAsString());
        assertEquals("step-000003", rows.get(1).getAsJsonObject().get("checkpoint").getAsString());
        var skipped = json.getAsJsonArray("skipped");
        assertEquals(1, skipped.size());
        assertEquals("step-000002", skipped.get(0).getAsJsonObject().get("checkpoint").getAsString());
        assertTrue(skipped.get(0).getAsJsonObject().get("error").getAsString().contains("tensors.bin"),
                skipped.toString());
        assertTrue(r.err().contains("[2/3] skipped step-000002: ")
                && r.err().contains("skipped 1 unreadable checkpoint"), r.err());
        assertTrue(java.util.Arrays.equals(half, java.nio.file.Files.readAllBytes(tensors)),
                "the damaged file is left as it was");

        // nothing readable at all: a clear error that names the folder
        for (String step : new String[] {"step-000001", "step-000003"}) {
            Path f = run.resolve("checkpoints/" + step + "/tensors.bin");
            java.nio.file.Files.write(f, java.util.Arrays.copyOf(java.nio.file.Files.readAllBytes(f), 10));
        }
        var none = CliTest.run(args("arithmetic", common, "--out", tmp.resolve("n.png").toString()));
        assertEquals(1, none.code());
        assertTrue(none.err().contains("no checkpoint in " + run.resolve("checkpoints")
                + " could be swept: all 3 skipped"), none.err());
        assertTrue(!java.nio.file.Files.exists(tmp.resolve("n.png")));
    }

    @Test
    void theSweepPrefersTheAveragedShareThenTheLeadOverSingleThenTheNewer() {
        var low = row(0.5, 0.4);
        var highBehind = row(0.7, 0.9);
        var highAhead = row(0.7, 0.6);
        assertTrue(io.dcganexplorer.latent.ArithmeticEvaluation.betterForArithmetic(highBehind, low),
                "a higher averaged share wins");
        assertTrue(!io.dcganexplorer.latent.ArithmeticEvaluation.betterForArithmetic(low, highBehind),
                "a lead does not buy a lower share");
        assertTrue(io.dcganexplorer.latent.ArithmeticEvaluation.betterForArithmetic(highAhead, highBehind),
                "equal shares: the wider lead");
        assertTrue(!io.dcganexplorer.latent.ArithmeticEvaluation.betterForArithmetic(highBehind, highAhead));
        assertTrue(io.dcganexplorer.latent.ArithmeticEvaluation.betterForArithmetic(row(0.7, 0.6), highAhead),
                "a full tie: the newer");
    }

    private static java.util.Map<String, Object> row(double averaged, double single) {
        return java.util.Map.of("mean_averaged_share", averaged, "mean_single_share", single);
    }

    @Test
    void sweepNeedsAutoAndNoCheckpointAndACheckpointToSweep() throws Exception {
        String out = tmp.resolve("x.png").toString();
        var noAuto = CliTest.run("arithmetic", "--run-dir", RUN, "--a", "1", "--b", "2", "--c", "3", "--sweep",
                "--out", out);
        assertEquals(2, noAuto.code());
        assertTrue(noAuto.err().contains("--sweep") && noAuto.err().contains("needs --auto"), noAuto.err());
        var withCheckpoint = CliTest.run("arithmetic", "--run-dir", RUN, "--auto", "smiling&!male", "!smiling&!male",
                "!smiling&male", "--checkpoint", "step-000002", "--sweep", "--out", out);
        assertEquals(2, withCheckpoint.code());
        assertTrue(withCheckpoint.err().contains("leave out --checkpoint"), withCheckpoint.err());
        Path empty = java.nio.file.Files.createDirectories(tmp.resolve("kept"));
        var nothing = CliTest.run("arithmetic", "--run-dir", RUN, "--auto", "smiling&!male", "!smiling&!male",
                "!smiling&male", "--sweep=" + empty, "--out", out);
        assertEquals(1, nothing.code());
        assertTrue(nothing.err().contains(empty + " holds no step-NNNNNN checkpoint folder"), nothing.err());
        assertTrue(!java.nio.file.Files.exists(Path.of(out)), "nothing written");
    }

    /** A tiny faces run in tmp/run with a checkpoint at each of its 3 steps. */
    private Path threeCheckpointRun() {
        Path run = tmp.resolve("run");
        var t = CliTest.run("train", "--dataset", "faces:64", "--image-size", "16", "--batch-size", "8", "--ngf", "8",
                "--ndf", "8", "--steps", "3", "--sample-every", "0", "--checkpoint-every", "1", "--keep-checkpoints",
                "0", "--run-dir", run.toString());
        assertEquals(0, t.code(), t.err());
        return run;
    }

    private static String[] args(String command, java.util.List<String> common, String... more) {
        java.util.List<String> all = new java.util.ArrayList<>();
        all.add(command);
        all.addAll(common);
        all.addAll(java.util.List.of(more));
        return all.toArray(String[]::new);
    }
}
