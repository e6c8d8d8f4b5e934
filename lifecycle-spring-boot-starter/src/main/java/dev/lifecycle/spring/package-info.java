/**
 * What an application uses: the annotations declaring services and requirements, the SmartLifecycle bridge, transition events and their log, the start-up and operator exceptions, the escalation exit.
 */
@NullMarked
package dev.lifecycle.spring;

import org.jspecify.annotations.NullMarked;
