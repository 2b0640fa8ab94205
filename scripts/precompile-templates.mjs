// Build step: precompiles every built-in Handlebars template (templates/**/*.hbs, partials included) into
// dist/precompiled-templates.json, keyed as src/generator/precompiled.ts looks them up.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Handlebars from 'handlebars';
import { COMPILE_OPTIONS, templateKey } from '../build/generator/precompiled.js';

const root = new URL('../templates/', import.meta.url).pathname;
const files = readdirSync(root, { recursive: true }).filter((f) => f.endsWith('.hbs')).sort();
const out = {};
for (const file of files) {
  const source = readFileSync(join(root, file), 'utf8');
  out[templateKey(source)] = Handlebars.precompile(source, { ...COMPILE_OPTIONS });
}
writeFileSync(new URL('../dist/precompiled-templates.json', import.meta.url), JSON.stringify(out));
process.stderr.write(`precompiled ${files.length} templates\n`); // stderr: `npm pack --json` owns stdout
