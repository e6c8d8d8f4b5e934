/**
 * The REST API over the services, and its answer while they restart.
 */
@NullMarked
package dev.lifecycle.sample.web;

import org.jspecify.annotations.NullMarked;
