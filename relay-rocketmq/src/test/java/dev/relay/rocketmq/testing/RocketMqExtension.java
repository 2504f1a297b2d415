package dev.relay.rocketmq.testing;

import java.util.Optional;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * JUnit 5 extension that injects a running {@link RocketMqServer}. Because a broker takes seconds to
 * start, one server per {@link RocketMqServer.Mode} is shared by every test class of the run (kept
 * in the root store, stopped when the run ends). The mode comes from {@link RocketMqTest#mode()}.
 * Thread-safe: servers live in JUnit's store.
 *
 * <p>{@code @RocketMqTest class SendIT { @Test void sends(RocketMqServer server) { ... server.nameServer() ... } }}
 */
public final class RocketMqExtension implements ParameterResolver {
    private static final Namespace NAMESPACE = Namespace.create(RocketMqExtension.class);

    /** Supports parameters of type {@link RocketMqServer}. */
    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == RocketMqServer.class;
    }

    /** Returns the shared server of the class's mode, starting it on first use. */
    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Optional<RocketMqTest> options = AnnotationSupport.findAnnotation(context.getRequiredTestClass(), RocketMqTest.class);
        RocketMqServer.Mode mode = options.map(RocketMqTest::mode).orElse(RocketMqServer.Mode.PLAIN);
        return context.getRoot().getStore(NAMESPACE)
            .getOrComputeIfAbsent("server-" + mode, k -> new Shared(RocketMqServer.start(mode)), Shared.class).server;
    }

    /** Closes the server when the root context (the whole run) closes. */
    private record Shared(RocketMqServer server) implements AutoCloseable {
        @Override
        public void close() {
            server.close();
        }
    }
}
