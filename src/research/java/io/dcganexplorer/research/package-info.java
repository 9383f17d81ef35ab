/**
 * Research programs: the measurements behind the README's face-arithmetic findings, kept where
 * the build compiles them (a test source root, {@code src/research/java}, added by
 * build-helper-maven-plugin), so an API change that breaks one fails {@code mvn verify}. They are
 * plain {@code main} classes, not tests: the test run does not execute them, and they are not
 * packaged in the app's jar.
 *
 * <p>Each class's documentation says what question it answers, how to run it and where its result
 * is written up. All run the same way, from the repository root:
 *
 * <pre>
 * mvn -B -o -q test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -cp target/test-classes:target/classes:$(cat target/cp.txt) io.dcganexplorer.research.CLASS ARGS
 * </pre>
 *
 * <p>They call the product's classes for everything the product does: the programs that measure
 * the arithmetic open it as {@code arithmetic --auto} does ({@link SmileArithmetic}: an
 * {@link io.dcganexplorer.latent.ArithmeticEvaluation}, its probes and expressions) and choose
 * exemplars with {@link io.dcganexplorer.latent.AutoExemplars}; what they compute beyond it (other
 * exemplar counts, Y at other norms, directions by gender) is theirs, and says so.
 */
package io.dcganexplorer.research;
