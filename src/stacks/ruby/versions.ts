import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../../version.js';

/**
 * The gem requirements of every generated Ruby project live in one real Gemfile, `templates/ruby/versions/Gemfile`,
 * whose ranges admit Debian 12's packages and the current releases alike.
 */
const VERSIONS_FILE = join(PACKAGE_ROOT, 'templates/ruby/versions/Gemfile');

export interface RubyVersions {
  /** The `ruby` requirement, e.g. `>= 3.1`. */
  readonly ruby: string;
  /** The Dockerfile's build image (`ruby:3.4-bookworm`: compilers and headers for native gems). */
  readonly image: string;
  /** The Dockerfile's runtime image (`ruby:3.4-slim-bookworm`). */
  readonly runtimeImage: string;
  /** Each gem's requirement arguments as written (`'>= 3.0.5', '< 5'`), by gem name. */
  readonly gems: Readonly<Record<string, string>>;
}

let versions: RubyVersions | undefined;
/** The versions manifest, read once per process. */
export const rubyVersions = (): RubyVersions => (versions ??= readRubyVersions());

export function readRubyVersions(text: string = readFileSync(VERSIONS_FILE, 'utf8')): RubyVersions {
  const ruby = /^ruby '([^']+)'$/m.exec(text)?.[1];
  if (!ruby) throw new Error('ruby versions: no ruby line in templates/ruby/versions/Gemfile');
  const image = /^# image: (\S+)$/m.exec(text)?.[1];
  const runtimeImage = /^# runtime-image: (\S+)$/m.exec(text)?.[1];
  if (!image || !runtimeImage) throw new Error('ruby versions: no "# image:" or "# runtime-image:" line in templates/ruby/versions/Gemfile');
  const gems: Record<string, string> = {};
  for (const [, name, requirement] of text.matchAll(/^gem '([^']+)', (.+)$/gm)) gems[name!] = requirement!;
  return { ruby, image, runtimeImage, gems };
}

/** The `gem` line of a pinned gem, as the versions Gemfile writes it. */
export function gemLine(name: string): string {
  const requirement = rubyVersions().gems[name];
  if (!requirement) throw new Error(`ruby versions: ${name} is not pinned in templates/ruby/versions/Gemfile`);
  return `gem '${name}', ${requirement}`;
}
