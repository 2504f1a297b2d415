package dev.relay.testkit;

import java.lang.annotation.Annotation;
import java.lang.reflect.Modifier;
import java.util.Optional;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * Scope lookups shared by the test kit's JUnit extensions: the options annotation that applies to a
 * test class, and the class-level context a shared resource lives in. Stateless; thread-safe.
 */
final class ExtensionScopes {

    private ExtensionScopes() {
    }

    /**
     * Finds {@code type} on the class, its superclasses (when {@code @Inherited}), or the classes
     * enclosing a {@code @Nested} (inner) class, nearest first.
     */
    static <A extends Annotation> Optional<A> classAnnotation(Class<?> testClass, Class<A> type) {
        for (Class<?> c = testClass; c != null; c = isInner(c) ? c.getEnclosingClass() : null) {
            Optional<A> found = AnnotationSupport.findAnnotation(c, type);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    /** Walks up from a method or invocation context to the context of its test class. */
    static ExtensionContext classContext(ExtensionContext context) {
        ExtensionContext current = context;
        while (!(current.getElement().orElse(null) instanceof Class)) {
            current = current.getParent().orElseThrow(
                    () -> new IllegalStateException("no class context above " + context.getUniqueId()));
        }
        return current;
    }

    private static boolean isInner(Class<?> c) {
        return c.isMemberClass() && !Modifier.isStatic(c.getModifiers());
    }
}
