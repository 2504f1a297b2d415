package dev.relay.testkit;

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
 * JUnit 5 extension that injects a formed {@link NatsCluster} into test constructors, lifecycle
 * methods and test methods, starting it lazily and closing it afterwards. Thread-safe: clusters live
 * in JUnit's per-context stores; the extension itself holds only its immutable base config.
 *
 * <p>Scoping follows {@link NatsServerExtension}: one cluster per test class by default; with
 * {@code @NatsClusterOptions(perMethod = true)} on the class, or any {@code @NatsClusterOptions} on
 * a method, each test method gets a fresh cluster. When a test fails every node's log is copied to
 * {@code target/nats-server-logs/<TestClass>-<method>-node<i>.log}; temporary files are deleted.
 *
 * <p>{@code @RegisterExtension static NatsClusterExtension nats = new NatsClusterExtension(config);}
 */
public final class NatsClusterExtension implements ParameterResolver, AfterEachCallback, AfterAllCallback {

    private static final Namespace NAMESPACE = Namespace.create(NatsClusterExtension.class);
    private static final String METHOD_KEY = "method-cluster";

    private final NatsClusterConfig base;

    /** Creates the extension with {@link NatsClusterConfig#defaults()}; used by the annotations. */
    public NatsClusterExtension() {
        this(NatsClusterConfig.defaults());
    }

    /**
     * Creates the extension with a base config, for {@code @RegisterExtension}; a
     * {@link NatsClusterOptions} annotation is applied on top of it (its extraConfig is appended).
     *
     * @param base the config clusters start from
     */
    public NatsClusterExtension(NatsClusterConfig base) {
        this.base = Objects.requireNonNull(base, "base");
    }

    /** Resolves constructors in the test-method scope, so a per-method cluster can be injected there. */
    @Override
    public ExtensionContextScope getTestInstantiationExtensionContextScope(ExtensionContext rootContext) {
        return ExtensionContextScope.TEST_METHOD;
    }

    /** Supports parameters of type {@link NatsCluster}. */
    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == NatsCluster.class;
    }

    /**
     * Returns the cluster for this context, starting it on first use (blocks until it is formed).
     *
     * @throws ParameterResolutionException if a per-method cluster is requested outside a test method
     */
    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Optional<Method> method = context.getTestMethod();
        Optional<NatsClusterOptions> methodOptions =
                method.flatMap(m -> AnnotationSupport.findAnnotation(m, NatsClusterOptions.class));
        Optional<NatsClusterOptions> classOptions =
                ExtensionScopes.classAnnotation(context.getRequiredTestClass(), NatsClusterOptions.class);
        NatsClusterConfig config = methodOptions.or(() -> classOptions).map(this::apply).orElse(base);
        boolean perMethod = methodOptions.isPresent()
                || classOptions.map(NatsClusterOptions::perMethod).orElse(false);
        if (!perMethod) {
            ExtensionContext classContext = ExtensionScopes.classContext(context);
            return classContext.getStore(NAMESPACE).getOrComputeIfAbsent(
                    classKey(classContext), k -> NatsCluster.start(config), NatsCluster.class);
        }
        if (method.isEmpty()) {
            throw new ParameterResolutionException("A per-method NatsCluster cannot be injected into "
                    + parameter.getDeclaringExecutable() + ": it exists only for a test method, its "
                    + "@BeforeEach/@AfterEach methods and (per-method lifecycle) its constructor");
        }
        return context.getStore(NAMESPACE).getOrComputeIfAbsent(
                METHOD_KEY, k -> NatsCluster.start(config), NatsCluster.class);
    }

    /** Closes the method's own cluster; on failure copies its (or the class cluster's) node logs first. */
    @Override
    public void afterEach(ExtensionContext context) {
        boolean failed = context.getExecutionException().isPresent();
        String testName = context.getRequiredTestClass().getSimpleName() + "-"
                + context.getRequiredTestMethod().getName();
        NatsCluster own = context.getStore(NAMESPACE).remove(METHOD_KEY, NatsCluster.class);
        if (own != null) {
            finish(own, failed, testName);
            return;
        }
        if (failed) {
            ExtensionContext classContext = ExtensionScopes.classContext(context);
            NatsCluster shared = classContext.getStore(NAMESPACE).get(classKey(classContext), NatsCluster.class);
            if (shared != null) {
                copyLogs(shared, testName);
            }
        }
    }

    /** Closes the class's shared cluster; copies its node logs if a class-level callback failed. */
    @Override
    public void afterAll(ExtensionContext context) {
        NatsCluster shared = context.getStore(NAMESPACE).remove(classKey(context), NatsCluster.class);
        if (shared != null) {
            finish(shared, context.getExecutionException().isPresent(),
                    context.getRequiredTestClass().getSimpleName());
        }
    }

    /** Stops every node first so each copied log ends with its shutdown, then deletes the files. */
    private static void finish(NatsCluster cluster, boolean failed, String testName) {
        try {
            cluster.nodes().forEach(NatsServer::stop);
            if (failed) {
                copyLogs(cluster, testName);
            }
        } finally {
            cluster.close();
        }
    }

    private static void copyLogs(NatsCluster cluster, String testName) {
        for (int i = 0; i < cluster.size(); i++) {
            FailureLogs.copy(cluster.node(i), testName + "-node" + i);
        }
    }

    private NatsClusterConfig apply(NatsClusterOptions options) {
        String extra = base.extraConfig().isEmpty() ? options.extraConfig()
                : base.extraConfig() + "\n" + options.extraConfig();
        return base.toBuilder()
                .nodes(options.nodes())
                .jetStream(options.jetStream())
                .debug(base.debug() || options.debug())
                .extraConfig(extra)
                .build();
    }

    /** Keyed by class so a {@code @Nested} class never sees its enclosing class's cluster by store lookup. */
    private static String classKey(ExtensionContext classContext) {
        return "class-cluster:" + classContext.getRequiredTestClass().getName();
    }
}
