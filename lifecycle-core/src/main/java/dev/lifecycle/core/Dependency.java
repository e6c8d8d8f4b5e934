package dev.lifecycle.core;

import org.jspecify.annotations.Nullable;

/**
 * One hard requirement of a service: the required id, and the type its value must have ({@code null} for a
 * {@code dependsOn} requirement, which reads no value).
 */
record Dependency(String id, @Nullable Class<?> type) {

    /** Whether a service publishing {@code provided} satisfies this requirement. */
    boolean acceptsType(Class<?> provided) {
        return type == null || boxed(type).isAssignableFrom(boxed(provided));
    }

    private static Class<?> boxed(Class<?> type) {
        return type.isPrimitive() ? java.lang.invoke.MethodType.methodType(type).wrap().returnType() : type;
    }
}
