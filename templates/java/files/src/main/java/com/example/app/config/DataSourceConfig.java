package com.example.app.config;

import com.zaxxer.hikari.HikariDataSource;
import javax.sql.DataSource;
import org.springframework.boot.flyway.autoconfigure.FlywayConfigurationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The connection pool, built from DATABASE_URL (see {@link DatabaseUrl}). */
@Configuration(proxyBeanMethods = false)
public class DataSourceConfig {

    @Bean
    DataSource dataSource(AppProperties properties) {
        DatabaseUrl url = DatabaseUrl.parse(properties.databaseUrl());
        HikariDataSource dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(url.jdbcUrl());
        dataSource.setUsername(url.username());
        dataSource.setPassword(url.password());
        dataSource.setPoolName("db");
        dataSource.setConnectionTimeout(5_000);
        if (url.isSqlite()) {
            // SQLite has one writer: one connection avoids SQLITE_BUSY under concurrent requests.
            dataSource.setMaximumPoolSize(1);
        }
        return dataSource;
    }

    /** Flyway at start-up migrates on {@link DatabaseUrl#migrationJdbcUrl()} (SQLite: foreign keys off). */
    @Bean
    FlywayConfigurationCustomizer migrationConnection(AppProperties properties) {
        DatabaseUrl url = DatabaseUrl.parse(properties.databaseUrl());
        return configuration -> {
            if (url.isSqlite()) {
                configuration.dataSource(url.migrationJdbcUrl(), null, null);
            }
        };
    }
}
