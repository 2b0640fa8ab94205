import { POSIX_SH_URL_ENCODE, PRIVATE_NETWORKS } from '../../model/deployment.js';
import { STACK_DATABASES, STACK_LABELS } from '../capabilities.js';
import type { StackDescriptor } from '../types.js';
import { JAVA_HINT, javaInstallCommands } from './toolchain.js';
import { javaEntityView, javaView } from './view.js';

/**
 * Java: Spring Boot 4 (Web MVC, Data JPA/Hibernate 7, Bean Validation, Flyway, Spring Security with JWT,
 * springdoc). The view of its templates is built in view.ts from the entity, field and relation views beside it
 * (types.ts, annotations.ts, syntax.ts), pinned versions come from versions.ts, the install from toolchain.ts.
 */
export const javaStack: StackDescriptor = {
  id: 'java',
  label: STACK_LABELS.java,
  databases: STACK_DATABASES.java.length > 0 ? STACK_DATABASES.java : ['sqlite', 'postgres', 'mysql'],
  packs: ['java'],
  databasePacks: { mongodb: ['java-mongodb'] },
  extendView: javaView,
  extendEntityView: javaEntityView,
  commands: ({ config }) => {
    const jar = `target/${config.name}.jar`;
    return {
      install: './mvnw -q -B -DskipTests package',
      migrate: `java -jar ${jar} migrate`,
      build: './mvnw -q -B -DskipTests package',
      start: `java -jar ${jar}`,
      test: './mvnw -q -B test',
      lint: './mvnw -q -B spotless:check',
    };
  },
  readsDotEnv: false,
  // Spring Boot (templates/java): the image's ENTRYPOINT runs the layered jar; `migrate` as argument migrates and exits.
  // The JRE image has no scripting runtime, so the password is percent-encoded in POSIX sh (RFC 3986 unreserved kept).
  container: {
    start: ['java', '-XX:MaxRAMPercentage=75', 'org.springframework.boot.loader.launch.JarLauncher'],
    migrate: ['java', '-XX:MaxRAMPercentage=75', 'org.springframework.boot.loader.launch.JarLauncher', 'migrate'],
    uid: 10001,
    urlEncodePassword: POSIX_SH_URL_ENCODE,
    env: { APP_ENV: 'production', HOST: '0.0.0.0', TRUSTED_PROXIES: PRIVATE_NETWORKS },
  },
  installCommands: javaInstallCommands,
  formatter: {
    kind: 'project',
    command: { file: 'sh', args: ['mvnw', '-q', '-B', 'spotless:apply'], missingHint: JAVA_HINT },
    offlineArgs: ['mvnw', '-q', '-B', '-o', 'spotless:apply'],
    formats: (path) => /^src\/(main|test)\/java\/.*\.java$/.test(path),
    needs: (path) => /^(pom\.xml|mvnw|\.mvn\/.*)$/.test(path),
  },
};
