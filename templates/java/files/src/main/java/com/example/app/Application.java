package com.example.app;

import com.example.app.config.Migrations;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * Starts the HTTP server. {@code java -jar app.jar migrate} applies the database migrations and exits.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class Application {

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("migrate")) {
            Migrations.migrateAndExit();
            return;
        }
        SpringApplication.run(Application.class, args);
    }
}
