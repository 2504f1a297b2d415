package dev.relay.testkit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Configures the server that {@link NatsServerExtension} injects; read by the extension at
 * resolution time. On a class it applies to the class's shared server (or, with {@link #perMethod()},
 * to each method's server); on a method it gives that method its own fresh server with these options.
 * Inner {@code @Nested} classes inherit it from their enclosing class.
 *
 * <p>{@code @NatsTest @NatsServerOptions(perMethod = true) class CrashIT { ... server.kill(); ... }}
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface NatsServerOptions {

    /** @return whether JetStream is enabled (fresh temporary store); default true */
    boolean jetStream() default true;

    /** @return raw nats-server config text appended to the generated config; default none */
    String extraConfig() default "";

    /** @return whether {@code debug} and {@code trace} logging are on; default false */
    boolean debug() default false;

    /** @return whether every test method gets a fresh server instead of one per class; default false */
    boolean perMethod() default false;

    /**
     * The nats-server version to run, or a prefix of it: {@code "2.9"} runs Debian's 2.9.10, for tests
     * that show a newer feature refused or a behaviour that differs between versions. Default: the
     * default server (the pinned current one, or {@code RELAY_NATS_SERVER}); see
     * {@link NatsServerConfig.Builder#serverVersion(String)}.
     *
     * @return the version or prefix; empty for the default server
     */
    String version() default "";
}
