package dev.lifecycle.core.internal;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The hard requirements of a service being installed, collected from its definition and its {@code init}: ids in
 * the order first declared, without duplicates. A requirement declared twice keeps the first type that reads a value:
 * {@code requires(key)} and {@code dependsOn(id)} of one id make one requirement that reads the value.
 */
final class Requirements {

    /** Beyond this many requirements duplicates are found through a map instead of a scan. */
    private static final int SCAN_LIMIT = 8;

    private String[] ids = ServiceRecord.NO_IDS;
    private @Nullable Class<?> @Nullable [] types;
    private int size;
    private @Nullable Map<String, Integer> index;

    /** Adds a requirement; {@code type} is {@code null} for one that reads no value. */
    void add(String id, @Nullable Class<?> type) {
        int at = indexOf(id);
        if (at >= 0) {
            if (type != null && (types == null || types[at] == null)) {
                typeAt(at, type);
            }
            return;
        }
        if (size == ids.length) {
            ids = Arrays.copyOf(ids, Math.max(4, size * 2));
            if (types != null) {
                types = Arrays.copyOf(types, ids.length);
            }
        }
        ids[size] = id;
        if (index != null) {
            index.put(id, size);
        } else if (size == SCAN_LIMIT) {
            index = new HashMap<>();
            for (int i = 0; i <= size; i++) {
                index.put(ids[i], i);
            }
        }
        size++;
        if (type != null) {
            typeAt(size - 1, type);
        }
    }

    private int indexOf(String id) {
        if (index != null) {
            Integer at = index.get(id);
            return at == null ? -1 : at;
        }
        int hash = id.hashCode();
        for (int i = 0; i < size; i++) {
            if (sameId(ids[i], id, hash)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Whether {@code a} equals {@code b}, whose hash is {@code bHash}. The hashes (cached by the strings) are compared
     * first: ids of other services are usually different strings, whose characters need not be read.
     */
    static boolean sameId(String a, String b, int bHash) {
        return a == b || (a.hashCode() == bHash && a.equals(b));
    }

    private void typeAt(int at, Class<?> type) {
        if (types == null) {
            types = new Class<?>[ids.length];
        }
        types[at] = type;
    }

    String[] ids() {
        return size == 0 ? ServiceRecord.NO_IDS : size == ids.length ? ids : Arrays.copyOf(ids, size);
    }

    /** The types, parallel to {@link #ids()}, or {@code null} if no requirement reads a value. */
    @Nullable Class<?> @Nullable [] types() {
        return types == null ? null : types.length == size ? types : Arrays.copyOf(types, size);
    }

    /** Whether a service publishing {@code provided} satisfies a requirement of type {@code required}. */
    static boolean accepts(@Nullable Class<?> required, Class<?> provided) {
        return required == null || boxed(required).isAssignableFrom(boxed(provided));
    }

    private static Class<?> boxed(Class<?> type) {
        return type.isPrimitive() ? java.lang.invoke.MethodType.methodType(type).wrap().returnType() : type;
    }
}
