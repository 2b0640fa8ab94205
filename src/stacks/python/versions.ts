import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../../version.js';

const VERSIONS_FILE = join(PACKAGE_ROOT, 'templates/python/versions/requirements.txt');

/** Groups of pinned requirements (`# [group]` headers) from the one versions manifest. */
export function readVersions(text: string = readFileSync(VERSIONS_FILE, 'utf8')): Record<string, string[]> {
  const groups: Record<string, string[]> = {};
  let current: string | null = null;
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    const header = /^#\s*\[([a-z0-9-]+)\]$/.exec(line);
    if (header) {
      current = header[1];
      groups[current] = [];
    } else if (line && !line.startsWith('#')) {
      if (!current) throw new Error(`python versions: requirement ${line} before any # [group] line`);
      groups[current].push(line);
    }
  }
  return groups;
}

/** A requirement's distribution name, without version, extras or markers (`psycopg[binary]==3` → `psycopg`). */
export const requirementName = (req: string): string => req.split(/[=<>~![; ]/)[0].replace(/\[.*\]$/, '');
