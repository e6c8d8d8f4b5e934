package dev.lifecycle.sample.fleet;

import com.zaxxer.hikari.SQLExceptionOverride;
import java.sql.SQLException;

/**
 * Tells HikariCP to evict an H2 connection whose server went away: H2 reports it as "connection is broken" (90067)
 * and then "database is already closed" (90121), error codes HikariCP does not know, so a pool used more often than
 * its validation bypass window (500 ms) would otherwise hand out the dead connection for ever. Set on the instances
 * of a fleet on {@link H2FleetDatabase} through {@code spring.datasource.hikari.exception-override-class-name}.
 */
public final class H2BrokenConnectionOverride implements SQLExceptionOverride {

    private static final int CONNECTION_BROKEN = 90067;

    private static final int DATABASE_CLOSED = 90121;

    @java.lang.Override
    public Override adjudicate(SQLException ex) {
        return ex.getErrorCode() == CONNECTION_BROKEN || ex.getErrorCode() == DATABASE_CLOSED ? Override.MUST_EVICT
                : Override.CONTINUE_EVICT;
    }
}
