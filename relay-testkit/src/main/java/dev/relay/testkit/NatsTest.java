package dev.relay.testkit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks a JUnit 5 test class that gets a real nats-server injected as a {@link NatsServer} parameter;
 * shorthand for {@code @ExtendWith(NatsServerExtension.class)}. Configure the server with
 * {@link NatsServerOptions}.
 *
 * <p>{@code @NatsTest class PublishIT { @Test void publishes(NatsServer server) { ... server.url() ... } }}
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.ANNOTATION_TYPE})
@ExtendWith(NatsServerExtension.class)
public @interface NatsTest {
}
