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
import org.springframework.core.env.PropertyResolver;
import org.springframework.core.env.StandardEnvironment;

/**
 * The {@code repository} service: publishes a {@link NoteRepository} over the current database, listing as many notes
 * as {@value #LIST_LIMIT} says when it starts. At stop, it waits for the requests using the repository to end before
 * the database may close its pool. It reads that key straight from the environment, so its bean declares it:
 * {@code @LifecycleService(restartOnChange = "notes.")}, and a change of {@code notes.*} restarts it alone.
 */
public final class NoteRepositoryService implements Service<NoteRepository> {

    /** The service name, which is also its bean name. */
    public static final String NAME = "repository";

    /** The key this service is installed under. */
    public static final ServiceKey<NoteRepository> KEY = ServiceKey.of(NAME, NoteRepository.class);

    private static final Logger logger = LoggerFactory.getLogger(NoteRepositoryService.class);

    /** The key of the number of notes a listing shows. */
    public static final String LIST_LIMIT = "notes.list-limit";

    private final PropertyResolver configuration;

    private @Nullable ServiceHandle<DataSource> database;

    private volatile @Nullable NoteRepository repository;

    /** A repository service whose listings show {@value NoteRepository#DEFAULT_LIST_LIMIT} notes. */
    public NoteRepositoryService() {
        this(new StandardEnvironment());
    }

    /**
     * A repository service reading {@value #LIST_LIMIT} from {@code configuration} at each start.
     *
     * @param configuration where the settings are
     */
    public NoteRepositoryService(PropertyResolver configuration) {
        this.configuration = Objects.requireNonNull(configuration, "configuration");
    }

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
        int listLimit = configuration.getProperty(LIST_LIMIT, Integer.class, NoteRepository.DEFAULT_LIST_LIMIT);
        NoteRepository started = new NoteRepository(dataSource, url, listLimit);
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
