package dev.relay.testkit;

import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Method;
import java.util.Objects;
import java.util.Optional;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * JUnit 5 extension that injects a running {@link NatsServer} into test constructors, lifecycle
 * methods and test methods, starting it lazily and stopping it afterwards. Thread-safe: servers live
 * in JUnit's per-context stores; the extension itself holds only its immutable base config.
 *
 * <p>By default one server per test class, stopped after all its tests. With
 * {@code @NatsServerOptions(perMethod = true)} on the class, or any {@code @NatsServerOptions} on a
 * method, each test method gets a fresh server, stopped after it. When a test fails its server log is
 * copied to {@code target/nats-server-logs/<TestClass>-<method>.log}; temporary files are deleted.
 *
 * <p>{@code @RegisterExtension static NatsServerExtension nats = new NatsServerExtension(config);}
 */
public final class NatsServerExtension implements ParameterResolver, AfterEachCallback, AfterAllCallback {

    private static final Namespace NAMESPACE = Namespace.create(NatsServerExtension.class);
    private static final String METHOD_KEY = "method-server";

    private final NatsServerConfig base;

    /** Creates the extension with {@link NatsServerConfig#defaults()}; used by {@link NatsTest}. */
    public NatsServerExtension() {
        this(NatsServerConfig.defaults());
    }

    /**
     * Creates the extension with a base config, for {@code @RegisterExtension}; a
     * {@link NatsServerOptions} annotation is applied on top of it (its extraConfig is appended).
     *
     * @param base the config servers start from
     */
    public NatsServerExtension(NatsServerConfig base) {
        this.base = Objects.requireNonNull(base, "base");
    }

    /**
     * Resolves constructors in the test-method scope, so a per-method server can be injected into
     * the constructor of a default (per-method lifecycle) test instance.
     */
    @Override
    public ExtensionContextScope getTestInstantiationExtensionContextScope(ExtensionContext rootContext) {
        return ExtensionContextScope.TEST_METHOD;
    }

    /** Supports parameters of type {@link NatsServer}. */
    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == NatsServer.class;
    }

    /**
     * Returns the server for this context, starting it on first use (blocks until it is ready).
     *
     * @throws ParameterResolutionException if a per-method server is requested outside a test method
     */
    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Optional<Method> method = context.getTestMethod();
        Optional<NatsServerOptions> methodOptions = method.flatMap(m -> options(m));
        Optional<NatsServerOptions> classOptions = classOptions(context.getRequiredTestClass());
        NatsServerConfig config = methodOptions.or(() -> classOptions).map(this::apply).orElse(base);
        boolean perMethod = methodOptions.isPresent() || classOptions.map(NatsServerOptions::perMethod).orElse(false);
        if (!perMethod) {
            ExtensionContext classContext = classContext(context);
            return classContext.getStore(NAMESPACE).getOrComputeIfAbsent(
                    classKey(classContext), k -> NatsServer.start(config), NatsServer.class);
        }
        if (method.isEmpty()) {
            throw new ParameterResolutionException("A per-method NatsServer cannot be injected into "
                    + parameter.getDeclaringExecutable() + ": it exists only for a test method, its "
                    + "@BeforeEach/@AfterEach methods and (per-method lifecycle) its constructor");
        }
        return context.getStore(NAMESPACE).getOrComputeIfAbsent(
                METHOD_KEY, k -> NatsServer.start(config), NatsServer.class);
    }

    /** Closes the method's own server; on failure copies its (or the class server's) log first. */
    @Override
    public void afterEach(ExtensionContext context) {
        boolean failed = context.getExecutionException().isPresent();
        String testName = context.getRequiredTestClass().getSimpleName() + "-"
                + context.getRequiredTestMethod().getName();
        NatsServer own = context.getStore(NAMESPACE).remove(METHOD_KEY, NatsServer.class);
        if (own != null) {
            finish(own, failed, testName);
            return;
        }
        if (failed) {
            ExtensionContext classContext = classContext(context);
            NatsServer shared = classContext.getStore(NAMESPACE).get(classKey(classContext), NatsServer.class);
            if (shared != null) {
                FailureLogs.copy(shared, testName);
            }
        }
    }

    /** Closes the class's shared server; copies its log if a class-level callback failed. */
    @Override
    public void afterAll(ExtensionContext context) {
        NatsServer shared = context.getStore(NAMESPACE).remove(classKey(context), NatsServer.class);
        if (shared != null) {
            finish(shared, context.getExecutionException().isPresent(),
                    context.getRequiredTestClass().getSimpleName());
        }
    }

    /** Stops first so the copied log ends with the shutdown, then deletes the temporary files. */
    private static void finish(NatsServer server, boolean failed, String testName) {
        try {
            server.stop();
            if (failed) {
                FailureLogs.copy(server, testName);
            }
        } finally {
            server.close();
        }
    }

    private NatsServerConfig apply(NatsServerOptions options) {
        String extra = base.extraConfig().isEmpty() ? options.extraConfig()
                : base.extraConfig() + "\n" + options.extraConfig();
        NatsServerConfig.Builder config = base.toBuilder()
                .jetStream(options.jetStream())
                .debug(base.debug() || options.debug())
                .extraConfig(extra);
        if (!options.version().isBlank()) {
            config.serverVersion(options.version());
        }
        return config.build();
    }

    private static Optional<NatsServerOptions> classOptions(Class<?> testClass) {
        return ExtensionScopes.classAnnotation(testClass, NatsServerOptions.class);
    }

    private static Optional<NatsServerOptions> options(AnnotatedElement element) {
        return AnnotationSupport.findAnnotation(element, NatsServerOptions.class);
    }

    private static ExtensionContext classContext(ExtensionContext context) {
        return ExtensionScopes.classContext(context);
    }

    /** Keyed by class so a {@code @Nested} class never sees its enclosing class's server by store lookup. */
    private static String classKey(ExtensionContext classContext) {
        return "class-server:" + classContext.getRequiredTestClass().getName();
    }
}
