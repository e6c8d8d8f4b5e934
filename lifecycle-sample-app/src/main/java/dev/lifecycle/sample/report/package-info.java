/**
 * The fleet's report job, run by one instance at a time: the leader-only {@code report} service, which writes a row
 * to the shared {@code report_run} table every interval, and its dependent {@code reportCleanup}, which deletes the
 * rows past their retention.
 */
@NullMarked
package dev.lifecycle.sample.report;

import org.jspecify.annotations.NullMarked;
