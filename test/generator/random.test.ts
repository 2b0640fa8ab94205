import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import ts from 'typescript';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { FIELD_TYPES, ON_DELETE, RELATION_KINDS, type DatabaseId, type StackId } from '../../src/config/options.js';
import { VirtualTree } from '../../src/generator/tree.js';
import { STACK_DATABASES } from '../../src/stacks/capabilities.js';
import { randomModel, type RandomSpec } from '../fixtures/random-model.js';
import { renderer, resolveSpec, validateSpec } from '../fixtures/render.js';

/**
 * The generative test, fast layer (issue #11 §2): seeded random valid models (test/fixtures/random-model.ts)
 * are validated, then resolved and rendered in memory on node, python, java, go and ruby, the database rotating with
 * the seed. Nothing is installed: this layer checks naming and rendering (no template error, no leaked
 * `undefined`/`null`/`[object Object]`, no two files on one path, every TypeScript file parses, every Python
 * file compiles, every Java file passes a lexical check, every Go file parses and is gofmt-clean, every Ruby file compiles). Compiling, linting and running the projects is the e2e layer's job (test/e2e/random.test.ts).
 *
 * CB_RANDOM_SEEDS=n renders seeds 1..n (default 80: about 30 s of CPU); a failure names its seed: replay it with
 * `randomModel(seed)`, or write it as a spec with `writeRandomSpec(path, seed)` and run the CLI on it.
 */
const SEEDS = Number(process.env.CB_RANDOM_SEEDS ?? 80);
const STACKS: StackId[] = ['node', 'python', 'java', 'go', 'ruby'];
const seeds = Array.from({ length: SEEDS }, (_, i) => i + 1);

function databaseFor(stack: StackId, seed: number): DatabaseId {
  const databases = STACK_DATABASES[stack];
  return databases[(seed + STACKS.indexOf(stack)) % databases.length];
}

/** Every name and enum value of the model: a word the user chose may of course appear in the code. */
function modelWords(spec: RandomSpec): Set<string> {
  const out = new Set<string>();
  for (const [entity, e] of Object.entries(spec.entities)) {
    out.add(entity);
    for (const [field, f] of Object.entries(e.fields)) {
      out.add(field);
      for (const v of (f.values as string[] | undefined) ?? []) out.add(v);
    }
    for (const relation of Object.keys(e.relations ?? {})) out.add(relation);
  }
  return out;
}

const COMMENT = /^\s*(\/\/|\/?\*|#|--)/;
const STRINGS = /"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'/g;
/**
 * Values a template or the view model printed that should never reach code: an object turned into text, a
 * JavaScript `undefined` or `NaN` in Python or Java, `null` in Python, and a TypeScript property whose value
 * is a bare `null` (how a missing sample once showed up in a required field of src/db/samples.ts). TypeScript
 * code itself uses `undefined` and `null`, so only that shape is looked for there.
 */
function leakedValues(path: string, text: string, allowed: Set<string>): string[] {
  const ext = /\.([a-z]+)$/.exec(path)?.[1] ?? '';
  const words = ext === 'py' || ext === 'rb' ? ['undefined', 'NaN', 'null'] : ext === 'java' || ext === 'go' ? ['undefined', 'NaN'] : [];
  const leak = new RegExp(`\\[object Object\\]${words.filter((w) => !allowed.has(w)).map((w) => `|\\b${w}\\b`).join('')}`);
  const bareNull = ext === 'ts' && !allowed.has('null') ? /^\s*[\w$'"]+\??:\s*null,?\s*$/ : undefined;
  const out: string[] = [];
  text.split('\n').forEach((line, i) => {
    if (COMMENT.test(line)) return;
    const code = line.replace(STRINGS, '""');
    if (leak.test(line.includes('[object') ? line : code) || bareNull?.test(line)) out.push(`${path}:${i + 1}: ${line.trim().slice(0, 160)}`);
  });
  return out;
}

function typescriptErrors(path: string, text: string): string[] {
  const file = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  // Syntax errors only: type checking needs the installed dependencies (the e2e layer runs tsc).
  const diagnostics = (file as unknown as { parseDiagnostics: ts.DiagnosticWithLocation[] }).parseDiagnostics;
  return diagnostics.map((d) => {
    const { line, character } = file.getLineAndCharacterOfPosition(d.start);
    return `${path}:${line + 1}:${character + 1}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
  });
}

/**
 * Java has no parser at hand in this repository, so a lexical check stands in for one: brackets balance
 * outside comments, strings, characters and text blocks, and no two string literals stand side by side (how a
 * missing separator once rendered `Set.of("a""b")`). The e2e layer compiles the projects.
 */
function javaErrors(path: string, text: string): string[] {
  const errors: string[] = [];
  const open: Array<{ char: string; line: number }> = [];
  const pairs: Record<string, string> = { ')': '(', ']': '[', '}': '{' };
  let line = 1;
  let afterString = false;
  for (let i = 0; i < text.length && errors.length < 3; i++) {
    const c = text[i];
    if (c === '\n') line++;
    if (c === '/' && text[i + 1] === '/') {
      while (i < text.length && text[i] !== '\n') i++;
      line++;
    } else if (c === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      line += (text.slice(i, end < 0 ? text.length : end).match(/\n/g) ?? []).length;
      i = end < 0 ? text.length : end + 1;
    } else if (c === '"' || c === "'") {
      if (afterString && c === '"') errors.push(`${path}:${line}: two string literals side by side`);
      const block = c === '"' && text.startsWith('"""', i);
      const close = block ? '"""' : c;
      let j = i + (block ? 3 : 1);
      while (j < text.length && !text.startsWith(close, j)) j += text[j] === '\\' ? 2 : 1;
      line += (text.slice(i, j).match(/\n/g) ?? []).length;
      i = j + close.length - 1;
      afterString = c === '"';
      continue;
    } else if ('([{'.includes(c)) {
      open.push({ char: c, line });
    } else if (c in pairs) {
      const top = open.pop();
      if (top?.char !== pairs[c]) errors.push(`${path}:${line}: "${c}" closes ${top ? `"${top.char}" of line ${top.line}` : 'nothing'}`);
    }
    if (!/\s/.test(c)) afterString = false;
  }
  for (const o of open.slice(0, 3 - errors.length)) errors.push(`${path}:${o.line}: "${o.char}" is never closed`);
  return errors;
}

/** One python3 process compiles every file of a batch: `{key: source}` in, `{key: error}` out. */
function pythonErrors(files: Map<string, string>): Map<string, string> {
  if (files.size === 0) return new Map();
  const script = [
    'import json, sys',
    'errors = {}',
    'for key, source in json.load(sys.stdin).items():',
    '    try:',
    '        compile(source, key, "exec")',
    '    except SyntaxError as e:',
    '        errors[key] = f"{e.lineno}:{e.offset}: {e.msg}: {(e.text or \'\').strip()}"',
    'json.dump(errors, sys.stdout)',
  ].join('\n');
  const out = execFileSync('python3', ['-c', script], { input: JSON.stringify(Object.fromEntries(files)), maxBuffer: 1 << 28 });
  return new Map(Object.entries(JSON.parse(out.toString('utf8')) as Record<string, string>));
}

/**
 * One ruby process compiles every file of a batch (RubyVM::InstructionSequence, as `ruby -c` does): `{key:
 * source}` in, `{key: error}` out. Without Ruby on the machine the check is skipped (CI installs it).
 */
function rubyErrors(files: Map<string, string>): Map<string, string> {
  if (files.size === 0 || spawnSync('ruby', ['--version']).status !== 0) return new Map();
  const script = [
    'require "json"',
    'errors = {}',
    'JSON.parse($stdin.read).each do |key, source|',
    '  RubyVM::InstructionSequence.compile(source, key)',
    'rescue SyntaxError => e',
    '  errors[key] = e.message',
    'end',
    'print JSON.generate(errors)',
  ].join('\n');
  const out = execFileSync('ruby', ['-W0', '-e', script], { input: JSON.stringify(Object.fromEntries(files)), maxBuffer: 1 << 28 });
  return new Map(Object.entries(JSON.parse(out.toString('utf8')) as Record<string, string>));
}

describe('random valid models', () => {
  it(`validate accepts every one of the ${SEEDS} seeds`, () => {
    const refused: string[] = [];
    for (const seed of seeds) {
      const { problems } = validateSpec(randomModel(seed), `random-${seed}.json`);
      if (problems.length) refused.push(`seed ${seed}: ${problems.map((p) => `${p.rule} at ${p.path}: ${p.message}`).join('; ')}`);
    }
    expect(refused, 'validate refused a model built to be valid (replay with randomModel(seed))').toEqual([]);
  }, 120_000);

  // Over at least 80 seeds (building models is cheap), so a short CB_RANDOM_SEEDS run does not fail here.
  it('cover every field type, option and relation kind', () => {
    const seen = new Set<string>();
    for (let seed = 1; seed <= Math.max(SEEDS, 80); seed++) {
      const spec = randomModel(seed);
      for (const [name, e] of Object.entries(spec.entities)) {
        if (e.owned) seen.add('owned');
        if (name === 'User' && spec.auth === 'jwt') seen.add('entity User with auth');
        for (const f of Object.values(e.fields)) {
          seen.add(`type ${String(f.type)}`);
          for (const option of Object.keys(f)) seen.add(`option ${option}`);
          if (f.type === 'enum' && f.default !== undefined) seen.add('enum default');
        }
        const parents = Object.values(e.relations ?? {}).map((r) => String(r.to));
        for (const r of Object.values(e.relations ?? {})) {
          seen.add(`relation ${String(r.kind)}`);
          if (r.onDelete) seen.add(`onDelete ${String(r.onDelete)}`);
          if (r.required) seen.add('required relation');
          if (r.to === name) seen.add('self-relation');
        }
        if (new Set(parents).size < parents.length) seen.add('several relations to one parent');
      }
    }
    const expected = [
      ...FIELD_TYPES.map((t) => `type ${t}`),
      ...['required', 'unique', 'index', 'default', 'min', 'max', 'minLength', 'maxLength', 'pattern', 'values', 'precision', 'scale'].map((o) => `option ${o}`),
      ...RELATION_KINDS.map((k) => `relation ${k}`),
      ...ON_DELETE.map((o) => `onDelete ${o}`),
      'enum default', 'required relation', 'self-relation', 'several relations to one parent', 'owned', 'entity User with auth',
    ];
    expect(expected.filter((x) => !seen.has(x))).toEqual([]);
  });

  it('are reproducible from their seed and differ between seeds', () => {
    expect(randomModel(7)).toEqual(randomModel(7));
    expect(randomModel(7)).not.toEqual(randomModel(8));
  });
});

/**
 * gofmt over every Go file of a batch, written under one temporary folder (`<key>/<path>`): a parse error, or a
 * file gofmt would change (the generated project's CI runs `gofmt -l`), is reported under its key.
 */
function goErrors(files: Map<string, string>): string[] {
  if (files.size === 0) return [];
  const root = mkdtempSync(join(tmpdir(), 'cb-random-go-'));
  try {
    for (const [key, text] of files) {
      const path = join(root, key);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, text);
    }
    const run = spawnSync('gofmt', ['-l', '-e', root], { encoding: 'utf8', maxBuffer: 1 << 26 });
    if (run.error) throw run.error;
    const lines = `${run.stdout}${run.stderr}`.split('\n').filter(Boolean);
    // `gofmt -l` prints a path alone; `-e` prints `path:line:column: message`.
    return lines.map((line) => {
      const [path, ...where] = line.split(':');
      const key = relative(root, path);
      return where.length ? `${key}: Go syntax: ${where.join(':').trim()}` : `${key}: not gofmt-clean`;
    });
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

describe.each(STACKS)('%s: random models render cleanly', (stack) => {
  // Every path generate() writes, including one written twice (the tree itself would keep only the last).
  const set = vi.spyOn(VirtualTree.prototype, 'set');
  afterAll(() => set.mockRestore());

  it(`${SEEDS} seeds, the database rotating`, async () => {
    const render = await renderer(stack);
    const failures: string[] = [];
    const python = new Map<string, string>();
    const go = new Map<string, string>();
    const ruby = new Map<string, string>();
    for (const seed of seeds) {
      const database = databaseFor(stack, seed);
      const label = `seed ${seed} (${stack}/${database})`;
      const spec = randomModel(seed, stack, database);
      const { config, problems } = resolveSpec(spec, { stack, database });
      if (!config) {
        failures.push(`${label}: refused: ${problems.map((p) => p.message).join('; ')}`);
        continue;
      }
      set.mockClear();
      let tree: VirtualTree;
      try {
        tree = render(config);
      } catch (err) {
        failures.push(`${label}: render failed: ${(err as Error).message}`);
        continue;
      }
      const seen = new Map<string, string>();
      for (const [path] of set.mock.calls) {
        const key = path.toLowerCase();
        if (seen.has(key)) failures.push(`${label}: two files on one path (case-insensitively, as on macOS and Windows): ${seen.get(key)} and ${path}`);
        seen.set(key, path);
      }
      const allowed = modelWords(spec);
      for (const [path, content] of tree.entries()) {
        const text = content.toString('utf8');
        for (const leak of leakedValues(path, text, allowed)) failures.push(`${label}: leaked value at ${leak}`);
        if (/\.(ts|mts)$/.test(path)) for (const e of typescriptErrors(path, text)) failures.push(`${label}: TypeScript syntax: ${e}`);
        if (path.endsWith('.py')) python.set(`${label} ${path}`, text);
        if (path.endsWith('.java')) for (const e of javaErrors(path, text)) failures.push(`${label}: Java syntax: ${e}`);
        if (path.endsWith('.go')) go.set(`seed-${seed}-${database}/${path}`, text);
        if (/(\.rb|^Rakefile|^Gemfile|\.ru)$/.test(path)) ruby.set(`${label} ${path}`, text);
      }
    }
    for (const [key, error] of pythonErrors(python)) failures.push(`${key}: Python syntax: ${error}`);
    failures.push(...goErrors(go));
    for (const [key, error] of rubyErrors(ruby)) failures.push(`${key}: Ruby syntax: ${error}`);
    expect(failures, 'replay a seed with randomModel(seed), or writeRandomSpec(path, seed) and the CLI').toEqual([]);
  }, 600_000);
});
