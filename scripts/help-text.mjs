// Build step: renders the top-level `--help` once with commander into dist/help.txt, which bin.js prints
// without loading anything (80 columns, as commander formats it for a pipe).
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';

const bin = new URL('../dist/cli/bin.js', import.meta.url).pathname;
const env = { ...process.env, CREATE_BACKEND_FRESH_HELP: '1' };
delete env.COLUMNS;
const help = execFileSync(process.execPath, [bin, '--help'], { env, encoding: 'utf8' });
writeFileSync(new URL('../dist/help.txt', import.meta.url), help);
