package com.example.app;

import com.example.app.config.Migrations;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * Starts the HTTP server. {@code java -jar app.jar migrate} applies the database migrations and exits;
 * {@code java -jar app.jar seed} inserts sample rows and exits.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class Application {

    public static void main(String[] args) {
        // LOG_LEVEL uses the names shared by every create-backend stack: fatal, error, warn, info, debug, trace, silent.
        String level = System.getenv("LOG_LEVEL");
        if (level != null && !level.isBlank()) {
            System.setProperty("logging.level.root", level.equalsIgnoreCase("silent") ? "off" : level);
        }
        if (args.length > 0 && args[0].equals("migrate")) {
            Migrations.migrateAndExit();
            return;
        }
        if (args.length > 0 && args[0].equals("seed")) {
            System.exit(SpringApplication.exit(new SpringApplicationBuilder(Application.class)
                    .web(WebApplicationType.NONE)
                    .properties("app.seed=true")
                    .run()));
        }
        SpringApplication.run(Application.class, args);
    }
}
