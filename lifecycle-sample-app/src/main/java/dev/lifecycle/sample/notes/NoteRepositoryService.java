package dev.lifecycle.sample.notes;

import dev.lifecycle.core.Service;
import dev.lifecycle.core.ServiceContext;
import dev.lifecycle.core.ServiceHandle;
import dev.lifecycle.core.ServiceInit;
import dev.lifecycle.core.ServiceKey;
import dev.lifecycle.sample.database.DatabaseService;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Objects;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code repository} service: publishes a {@link NoteRepository} over the current database. At stop, it waits for
 * the requests using the repository to end before the database may close its pool.
 */
public final class NoteRepositoryService implements Service<NoteRepository> {

    /** The service name, which is also its bean name. */
    public static final String NAME = "repository";

    /** The key this service is installed under. */
    public static final ServiceKey<NoteRepository> KEY = ServiceKey.of(NAME, NoteRepository.class);

    private static final Logger logger = LoggerFactory.getLogger(NoteRepositoryService.class);

    private @Nullable ServiceHandle<DataSource> database;

    private volatile @Nullable NoteRepository repository;

    @Override
    public void init(ServiceInit init) {
        database = init.requires(DatabaseService.KEY);
    }

    @Override
    public NoteRepository start(ServiceContext context) throws SQLException {
        DataSource dataSource = Objects.requireNonNull(Objects.requireNonNull(database, "not installed").get());
        String url;
        try (Connection connection = dataSource.getConnection()) {
            url = connection.getMetaData().getURL();
        }
        NoteRepository started = new NoteRepository(dataSource, url);
        repository = started;
        return started;
    }

    @Override
    public void stop(ServiceContext context) throws InterruptedException {
        NoteRepository current = repository;
        if (current != null) {
            repository = null;
            if (!current.close(context.stopTimeout())) {
                logger.warn("Requests were still using {} after {}", current, context.stopTimeout());
            }
        }
    }
}
