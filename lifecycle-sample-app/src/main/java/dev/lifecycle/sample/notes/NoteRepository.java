package dev.lifecycle.sample.notes;

import dev.lifecycle.core.ServiceNotRunningException;
import dev.lifecycle.core.ServiceState;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;

/**
 * Notes in one database: the value the {@code repository} service publishes, valid for one start cycle. Thread-safe.
 *
 * <p>When the service stops, {@link #close} waits for the calls in progress to end, so that the connection pool is
 * never closed under a request; calls made after that throw {@link ServiceNotRunningException}, which the web layer
 * turns into a 503 like any other call made while the repository is not running.
 */
public final class NoteRepository {

    /** The longest note, in characters. */
    public static final int MAX_TEXT_LENGTH = 500;

    /** How many notes a listing shows when nothing else is set. */
    public static final int DEFAULT_LIST_LIMIT = 50;

    private final JdbcClient jdbc;
    private final String jdbcUrl;
    private final int listLimit;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition idle = lock.newCondition();

    /** Calls in progress; guarded by {@link #lock}. */
    private int inFlight;

    /** Whether {@link #close} has been called; guarded by {@link #lock}. */
    private boolean closed;

    /**
     * A repository over {@code dataSource}.
     *
     * @param dataSource the database
     * @param jdbcUrl the URL of that database, as its driver reports it
     */
    public NoteRepository(DataSource dataSource, String jdbcUrl) {
        this(dataSource, jdbcUrl, DEFAULT_LIST_LIMIT);
    }

    /**
     * A repository over {@code dataSource} whose listings show {@code listLimit} notes.
     *
     * @param dataSource the database
     * @param jdbcUrl the URL of that database, as its driver reports it
     * @param listLimit how many notes a listing shows at most
     */
    public NoteRepository(DataSource dataSource, String jdbcUrl, int listLimit) {
        this.jdbc = JdbcClient.create(Objects.requireNonNull(dataSource, "dataSource"));
        this.jdbcUrl = Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        if (listLimit < 1) {
            throw new IllegalArgumentException("notes.list-limit must be at least 1, was " + listLimit);
        }
        this.listLimit = listLimit;
    }

    /** The URL of the database the notes are stored in. */
    public String jdbcUrl() {
        return jdbcUrl;
    }

    /** How many notes a listing shows at most ({@code notes.list-limit}). */
    public int listLimit() {
        return listLimit;
    }

    /**
     * The most recent notes, newest first.
     *
     * @param limit how many at most
     */
    public List<Note> latest(int limit) {
        return call(() -> jdbc.sql("SELECT id, text, created_at FROM note ORDER BY id DESC LIMIT ?")
                .param(limit)
                .query(NoteRepository::note)
                .list());
    }

    /** The note with this id, if the current database has it. */
    public Optional<Note> find(long id) {
        return call(() -> jdbc.sql("SELECT id, text, created_at FROM note WHERE id = ?")
                .param(id)
                .query(NoteRepository::note)
                .optional());
    }

    /**
     * Stores a note.
     *
     * @param text what it says: not blank, at most {@value #MAX_TEXT_LENGTH} characters
     * @return the stored note
     */
    public Note add(String text) {
        if (text.isBlank() || text.length() > MAX_TEXT_LENGTH) {
            throw new IllegalArgumentException("A note's text must not be blank and at most " + MAX_TEXT_LENGTH
                    + " characters long; it has " + text.length());
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        return call(() -> {
            KeyHolder keys = new GeneratedKeyHolder();
            jdbc.sql("INSERT INTO note (text, created_at) VALUES (?, ?)")
                    .params(text, OffsetDateTime.ofInstant(now, ZoneOffset.UTC))
                    .update(keys, "id");
            return new Note(Objects.requireNonNull(keys.getKey(), "generated id").longValue(), text, now);
        });
    }

    /** How many notes the current database holds. */
    public long count() {
        return call(() -> jdbc.sql("SELECT COUNT(*) FROM note").query(Long.class).single());
    }

    /**
     * Refuses new calls and waits for the calls in progress to end.
     *
     * @param timeout how long to wait
     * @return whether every call ended in time
     */
    boolean close(Duration timeout) throws InterruptedException {
        lock.lock();
        try {
            closed = true;
            long nanos = timeout.toNanos();
            while (inFlight > 0 && nanos > 0) {
                nanos = idle.awaitNanos(nanos);
            }
            return inFlight == 0;
        }
        finally {
            lock.unlock();
        }
    }

    private <T> T call(Supplier<T> work) {
        lock.lock();
        try {
            if (closed) {
                throw new ServiceNotRunningException(NoteRepositoryService.KEY.id(), ServiceState.STOPPING,
                        "it stopped while the request was being handled", null);
            }
            inFlight++;
        }
        finally {
            lock.unlock();
        }
        try {
            return work.get();
        }
        finally {
            lock.lock();
            try {
                if (--inFlight == 0) {
                    idle.signalAll();
                }
            }
            finally {
                lock.unlock();
            }
        }
    }

    private static Note note(ResultSet row, int rowNumber) throws SQLException {
        OffsetDateTime createdAt = row.getObject("created_at", OffsetDateTime.class);
        return new Note(row.getLong("id"), row.getString("text"), createdAt.toInstant());
    }

    @Override
    public String toString() {
        return "NoteRepository[" + jdbcUrl + "]";
    }
}
