#!/usr/bin/env node
// Kept free of modern syntax so that an old Node reaches the version check and prints one line.
import { readFileSync } from 'node:fs';
import module from 'node:module';

var REQUIRED = [22, 12];
var parts = process.versions.node.split('.').map(Number);
var args = process.argv.slice(2);
// POSIX single quotes for any argument a shell would split or expand, so the suggested command can be pasted.
function shellQuote(arg: string): string {
  return /^[\w@%+=:,./-]+$/.test(arg) ? arg : "'" + arg.replace(/'/g, "'\\''") + "'";
}
if (parts[0] < REQUIRED[0] || (parts[0] === REQUIRED[0] && parts[1] < REQUIRED[1])) {
  // One line that also says how to get there: npx can fetch a current Node for this one run, nvm installs one.
  process.stderr.write(
    'create-backend needs Node.js ' + REQUIRED.join('.') + ' or newer; this is ' + process.version +
      '. Run it with a current Node: npx -p node@22 -p create-backend create-backend ' + args.map(shellQuote).join(' ') +
      ' (or nvm install 22).\n',
  );
  process.exit(2);
} else if (args.length === 1 && (args[0] === '--help' || args[0] === '-h') && !process.env.CREATE_BACKEND_FRESH_HELP) {
  // The top-level help is rendered by commander at build time (scripts/help-text.mjs): printing it needs
  // no module at all, so `--help` costs little more than starting Node.
  process.stdout.write(readFileSync(new URL('../help.txt', import.meta.url), 'utf8'));
} else if (args.length === 1 && (args[0] === '--version' || args[0] === '-v')) {
  // What commander prints for it, without loading the CLI: dist/cli/bin.js is two folders below package.json.
  process.stdout.write(JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')).version + '\n');
} else {
  // Node's on-disk compile cache (in the OS temp folder) makes every later start skip parsing our modules.
  module.enableCompileCache?.();
  import('./main.js').then(function (m) { return m.main(args); });
}
