package dev.relay.bench.jmh;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collection;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Smoke test: the JMH benchmarks run at all (in this JVM, one short iteration each) and report a
 * score. Not a timing assertion: any positive score passes.
 */
class JmhSmokeTest {

    @Test
    void parserAndPublishBenchmarksRunAndScore() throws Exception {
        Options options = new OptionsBuilder()
            .include(ParserBenchmark.class.getName() + ".parse")
            .include(PublishBenchmark.class.getName() + ".(relay|jnats)")
            .forks(0)
            .warmupIterations(1).warmupTime(TimeValue.milliseconds(200))
            .measurementIterations(1).measurementTime(TimeValue.milliseconds(200))
            .shouldFailOnError(true)
            .build();

        Collection<RunResult> results = new Runner(options).run();

        assertThat(results).extracting(r -> r.getParams().getBenchmark()).containsExactlyInAnyOrder(
            ParserBenchmark.class.getName() + ".parse",
            PublishBenchmark.class.getName() + ".relay",
            PublishBenchmark.class.getName() + ".jnats");
        assertThat(results).allSatisfy(r -> assertThat(r.getPrimaryResult().getScore()).isPositive());
        assertThat(JmhMain.summary(results, true)).contains("ParserBenchmark.parse", "PublishBenchmark.relay");
    }
}
