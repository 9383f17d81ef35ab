package io.dcganexplorer.latent;

import com.google.gson.annotations.SerializedName;
import io.dcganexplorer.train.Provenance;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * What produced an arithmetic report or a sweep (after Tribuo's provenance): the app and its
 * commit, the run, the checkpoint, the generator's weights and every setting, so that a report
 * read later says how to make it again and file names need not.
 *
 * @param app the app and its version
 * @param appVersion the app's version alone
 * @param commit the git commit the app was built from; "unknown" when the build did not record it
 * @param created when the report was made (ISO-8601, UTC)
 * @param run the run folder whose data and attributes were read (absolute, as are the other paths)
 * @param checkpoint the checkpoint folder measured; for a sweep, the folder swept
 * @param weights which of the checkpoint's generators drew the samples (auto, ema or trained)
 * @param expressions the expressions A, B and C as given
 * @param target the target as given; null when derived from the expressions
 * @param targetUsed the target the shares count (as given, or derived)
 * @param scorer whose features the probes read: "cnn" or "d"
 * @param scorerFolder the scoring CNN's folder; null with the discriminator's features
 * @param probeSeed the seed the probes were fitted with (the run's)
 * @param means how a group became one vector
 * @param perGroup exemplars per group
 * @param pool generated samples scored per round
 * @param scale the noise around Y, per dimension
 * @param repeat rounds (seeds) per checkpoint
 * @param seeds the first and last seed of the rounds
 * @param noiseSeed the seed given for the pools and the noise (a sweep's held-out rounds start after its own)
 * @param zoom the picture's integer upscale
 * @param picture the picture written; null when none was
 */
public record ArithmeticProvenance(
        String app,
        @SerializedName("app_version") String appVersion,
        String commit,
        String created,
        String run,
        String checkpoint,
        String weights,
        List<String> expressions,
        String target,
        @SerializedName("target_used") String targetUsed,
        String scorer,
        @SerializedName("scorer_folder") String scorerFolder,
        @SerializedName("probe_seed") long probeSeed,
        String means,
        @SerializedName("per_group") int perGroup,
        int pool,
        float scale,
        int repeat,
        List<Long> seeds,
        @SerializedName("noise_seed") long noiseSeed,
        int zoom,
        String picture) {

    public ArithmeticProvenance {
        expressions = List.copyOf(expressions);
        seeds = List.copyOf(seeds);
    }

    /** The settings' provenance now, with this build's app version and commit. */
    static ArithmeticProvenance of(ArithmeticEvaluation.Settings s, Path run, Path checkpoint, String weights,
            String targetUsed, Path scorerFolder, long probeSeed, long firstSeed, long noiseSeed, Path picture) {
        return new ArithmeticProvenance("dcgan-explorer " + Provenance.APP_VERSION, Provenance.APP_VERSION,
                Provenance.COMMIT, Instant.now().toString(), absolute(run), absolute(checkpoint), weights, s.groups(),
                s.target(), targetUsed, scorerFolder != null ? "cnn" : "d", absolute(scorerFolder), probeSeed,
                s.means().label(),
                s.perGroup(), s.pool(), s.scale(), s.repeat(), List.of(firstSeed, firstSeed + s.repeat() - 1),
                noiseSeed, s.zoom(), absolute(picture));
    }

    /** The path made absolute, so that a report read elsewhere still names it; null stays null. */
    private static String absolute(Path p) {
        return p == null ? null : p.toAbsolutePath().normalize().toString();
    }
}
