package dev.lifecycle.sample.database;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The database settings, under {@code db.}, from the settings file. A JavaBean (setters, not a record) so that the
 * starter can bind it again when the file changes, before it restarts the {@code database} service, which is given
 * this bean and therefore reads {@code db.*}.
 */
@ConfigurationProperties("db")
public class DatabaseProperties {

    /** The database user unless {@code db.username} says otherwise. */
    public static final String DEFAULT_USERNAME = "sa";

    /** The largest number of pooled connections unless {@code db.pool-size} says otherwise. */
    public static final int DEFAULT_POOL_SIZE = 4;

    /** The JDBC URL of the notes database. */
    private String url = "";

    /** The database user. */
    private String username = DEFAULT_USERNAME;

    /** The database password. */
    private String password = "";

    /** The largest number of pooled connections. */
    private int poolSize = DEFAULT_POOL_SIZE;

    public String getUrl() {
        return url;
    }

    public void setUrl(String url) {
        this.url = url;
    }

    public String getUsername() {
        return username;
    }

    public void setUsername(String username) {
        this.username = username;
    }

    public String getPassword() {
        return password;
    }

    public void setPassword(String password) {
        this.password = password;
    }

    public int getPoolSize() {
        return poolSize;
    }

    public void setPoolSize(int poolSize) {
        this.poolSize = poolSize;
    }
}
