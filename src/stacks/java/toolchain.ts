import type { InstallCommand } from '../types.js';

/** What the install post-step runs: the JDK must be on PATH; the Maven wrapper brings Maven and every dependency. */

export const JAVA_HINT = 'install a JDK 17 or newer (e.g. `apt-get install openjdk-17-jdk`, or https://adoptium.net) so that `java` is on PATH, then run: ./mvnw -B -DskipTests package';

export const javaInstallCommands = (): readonly InstallCommand[] => [
  { file: 'java', args: ['-version'], missingHint: JAVA_HINT },
  { file: 'sh', args: ['mvnw', '-q', '-B', '-DskipTests', 'package'], missingHint: JAVA_HINT },
];
