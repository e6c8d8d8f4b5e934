/**
 * The service-lifecycle engine. It exports its API, {@code dev.lifecycle.core} and {@code dev.lifecycle.core.event};
 * the engine itself, {@code dev.lifecycle.core.internal}, is not exported, and may change in any release. Besides
 * SLF4J it reads {@code jdk.jfr}, a module of every JDK 17+ runtime, for its flight-recorder events.
 */
module dev.lifecycle.core {
    requires org.slf4j;
    requires jdk.jfr;
    requires static org.jspecify;

    exports dev.lifecycle.core;
    exports dev.lifecycle.core.event;
}
