import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../../version.js';

/**
 * Versions of a Java project live in one real manifest, `templates/java/versions/pom.xml`: the Spring Boot parent
 * pins everything it manages, the properties pin the rest.
 */
export interface JavaVersions {
  readonly springBoot: string;
  readonly properties: Readonly<Record<string, string>>;
}

let cached: JavaVersions | undefined;
export function javaVersions(): JavaVersions {
  if (cached) return cached;
  const xml = readFileSync(join(PACKAGE_ROOT, 'templates/java/versions/pom.xml'), 'utf8');
  const parent = /<parent>[\s\S]*?<version>([^<]+)<\/version>[\s\S]*?<\/parent>/.exec(xml);
  const props = /<properties>([\s\S]*?)<\/properties>/.exec(xml);
  if (!parent || !props) throw new Error('templates/java/versions/pom.xml has no <parent> version or <properties>');
  const properties: Record<string, string> = {};
  for (const m of props[1].matchAll(/<([\w.-]+)>([^<]*)<\/\1>/g)) properties[m[1]] = m[2].trim();
  cached = { springBoot: parent[1].trim(), properties };
  return cached;
}
