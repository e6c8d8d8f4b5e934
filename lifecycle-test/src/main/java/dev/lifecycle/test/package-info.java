/**
 * A test kit for applications of the lifecycle engine: a registry on manual time whose services' code runs on the
 * test's own thread ({@link dev.lifecycle.test.TestLifecycle}), faults to inject into named services
 * ({@link dev.lifecycle.test.Faults}), and a recording listener ({@link dev.lifecycle.test.RecordingListener}); AssertJ
 * assertions are in {@code dev.lifecycle.test.assertj}.
 */
@NullMarked
package dev.lifecycle.test;

import org.jspecify.annotations.NullMarked;
