package dev.relay.testkit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks a JUnit 5 test class that gets a real 3-node nats-server cluster injected as a
 * {@link NatsCluster} parameter; shorthand for {@code @ExtendWith(NatsClusterExtension.class)}.
 * Configure the cluster with {@link NatsClusterOptions}, which also registers the extension.
 *
 * <p>{@code @NatsClusterTest class RoutingIT { @Test void t(NatsCluster cluster) { ... cluster.urls() ... } }}
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.ANNOTATION_TYPE})
@ExtendWith(NatsClusterExtension.class)
public @interface NatsClusterTest {
}
