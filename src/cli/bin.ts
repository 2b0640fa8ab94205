#!/usr/bin/env node
// Kept free of modern syntax so that an old Node reaches the version check and prints one line.
import module from 'node:module';

var REQUIRED = [22, 12];
var parts = process.versions.node.split('.').map(Number);
if (parts[0] < REQUIRED[0] || (parts[0] === REQUIRED[0] && parts[1] < REQUIRED[1])) {
  process.stderr.write('create-backend needs Node.js ' + REQUIRED.join('.') + ' or newer; this is ' + process.version + '.\n');
  process.exit(2);
}
// Node's on-disk compile cache (in the OS temp folder) makes every later start skip parsing our modules.
module.enableCompileCache?.();
import('./main.js').then(function (m) { return m.main(process.argv.slice(2)); });
