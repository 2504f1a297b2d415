package dev.relay.testkit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Configures the cluster that {@link NatsClusterExtension} injects as a {@link NatsCluster}
 * parameter, and registers that extension, so this annotation alone is enough. On a class it applies
 * to the class's shared cluster (or, with {@link #perMethod()}, to each method's cluster); on a
 * method it gives that method its own fresh cluster. Inner {@code @Nested} classes inherit it.
 * Read by the extension at resolution time.
 *
 * <p>{@code @NatsClusterOptions(nodes = 3) class FailoverIT { @Test void t(NatsCluster c) { c.node(0).kill(); } }}
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@ExtendWith(NatsClusterExtension.class)
public @interface NatsClusterOptions {

    /** @return the number of nodes, 1..16; default 3 */
    int nodes() default 3;

    /** @return whether clustered JetStream runs on every node; default false */
    boolean jetStream() default false;

    /** @return raw nats-server config text appended to every node's config; default none */
    String extraConfig() default "";

    /** @return whether {@code debug} and {@code trace} logging are on; default false */
    boolean debug() default false;

    /** @return whether every test method gets a fresh cluster instead of one per class; default false */
    boolean perMethod() default false;
}
