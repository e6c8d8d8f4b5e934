/**
 * The lifecycle test kit in Spring Boot tests: {@link dev.lifecycle.test.spring.AutoConfigureLifecycleTest} puts the
 * application's registry on manual time, with its services' code on the test's thread, faults and a recorder.
 */
@NullMarked
package dev.lifecycle.test.spring;

import org.jspecify.annotations.NullMarked;
