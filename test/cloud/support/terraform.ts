import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from '@cdktf/hcl2json';
import { ROOT, WORK } from './paths.js';

/**
 * Terraform checks without providers or network:
 * - parse: HashiCorp's HCL parser (as WASM, @cdktf/hcl2json), the same diagnostics as terraform;
 * - references: every var./local./data./resource reference is declared, every variable and local is used;
 * - schema-lite: every resource and data source, argument and nested block exists in the real provider schema, and
 *   every required argument is set. The schemas come from the prebuilt-provider packages' `.jsii` type systems
 *   (generated from `terraform providers schema`): aws 6.66.0, google 6.50.0, azurerm 4.73.0.
 */
export type HclJson = Record<string, any>;

export interface Module {
  readonly files: Record<string, HclJson>;
}

export async function parseModule(dir: string): Promise<Module> {
  const files: Record<string, HclJson> = {};
  for (const f of readdirSync(dir).filter((f) => f.endsWith('.tf')).sort()) files[f] = await parse(f, readFileSync(join(dir, f), 'utf8'));
  return { files };
}

/** `{ type: { name: [body] } }` of every file, merged. */
export function blocks(m: Module, kind: 'resource' | 'data'): Array<{ type: string; name: string; body: HclJson; file: string }> {
  const out: Array<{ type: string; name: string; body: HclJson; file: string }> = [];
  for (const [file, json] of Object.entries(m.files)) {
    for (const [type, byName] of Object.entries((json[kind] ?? {}) as Record<string, Record<string, HclJson[]>>)) {
      for (const [name, bodies] of Object.entries(byName)) for (const body of bodies) out.push({ type, name, body, file });
    }
  }
  return out;
}

function strings(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) value.forEach((v) => strings(v, out));
  else if (value && typeof value === 'object') Object.values(value).forEach((v) => strings(v, out));
  return out;
}

const PROVIDER_PREFIX = /^(aws|google|azurerm|random)_/;

/** Every unresolved reference and every unused variable or local, as readable messages. */
export function referenceProblems(m: Module): string[] {
  const declared = { var: new Set<string>(), local: new Set<string>(), data: new Set<string>(), resource: new Set<string>() };
  for (const json of Object.values(m.files)) {
    for (const name of Object.keys(json.variable ?? {})) declared.var.add(name);
    for (const l of (json.locals ?? []) as HclJson[]) for (const name of Object.keys(l)) declared.local.add(name);
  }
  for (const b of blocks(m, 'resource')) declared.resource.add(`${b.type}.${b.name}`);
  for (const b of blocks(m, 'data')) declared.data.add(`${b.type}.${b.name}`);

  const used = { var: new Set<string>(), local: new Set<string>() };
  const problems: string[] = [];
  for (const [file, json] of Object.entries(m.files)) {
    const { variable: _v, ...rest } = json;
    for (const raw of strings(rest)) {
      if (!raw.includes('${') && !/^(var|local|data)\./.test(raw)) continue;
      let text = raw;
      for (const [, name] of text.matchAll(/\bvar\.([A-Za-z_][\w-]*)/g)) {
        used.var.add(name);
        if (!declared.var.has(name)) problems.push(`${file}: var.${name} is not declared`);
      }
      for (const [, name] of text.matchAll(/\blocal\.([A-Za-z_][\w-]*)/g)) {
        used.local.add(name);
        if (!declared.local.has(name)) problems.push(`${file}: local.${name} is not declared`);
      }
      for (const [whole, type, name] of text.matchAll(/\bdata\.([a-z0-9_]+)\.([A-Za-z_][\w-]*)/g)) {
        if (!declared.data.has(`${type}.${name}`)) problems.push(`${file}: data.${type}.${name} is not declared`);
        text = text.replace(whole, '');
      }
      for (const [, type, name] of text.matchAll(/(?<![\w.-])([a-z0-9]+_[a-z0-9_]+)\.([A-Za-z_][\w-]*)/g)) {
        if (PROVIDER_PREFIX.test(type) && !declared.resource.has(`${type}.${name}`)) problems.push(`${file}: ${type}.${name} is not declared`);
      }
    }
  }
  for (const name of declared.var) if (!used.var.has(name)) problems.push(`variable "${name}" is never used`);
  for (const name of declared.local) if (!used.local.has(name)) problems.push(`local "${name}" is never used`);
  return problems;
}

// ---- schema-lite -------------------------------------------------------------------------------------------

interface Prop {
  readonly optional: boolean;
  readonly struct: string | null;
}
type Schema = Record<string, Record<string, Prop>>;

export const PROVIDERS = {
  aws: { pkg: '@cdktn/provider-aws', version: 'aws 6.66.0' },
  google: { pkg: '@cdktf/provider-google', version: 'google 6.50.0' },
  azurerm: { pkg: '@cdktn/provider-azurerm', version: 'azurerm 4.73.0' },
} as const;
export type ProviderName = keyof typeof PROVIDERS;

const cachePath = (p: ProviderName) => join(WORK, 'schemas', `${p}.json`);

/**
 * Reduces a provider's .jsii (85–150 MB) to the struct properties schema-lite needs (a few MB), once per machine
 * and package version, so test workers never hold the full type system in memory.
 */
export function buildSchemaCache(p: ProviderName): void {
  const { pkg } = PROVIDERS[p];
  const pkgJson = JSON.parse(readFileSync(join(ROOT, 'node_modules', pkg, 'package.json'), 'utf8')) as { version: string };
  const target = cachePath(p);
  if (existsSync(target) && (JSON.parse(readFileSync(target, 'utf8')) as { version: string }).version === pkgJson.version) return;
  const types = (JSON.parse(readFileSync(join(ROOT, 'node_modules', pkg, '.jsii'), 'utf8')) as { types: Record<string, any> }).types;
  const structOf = (ref: any): string | null => {
    if (!ref) return null;
    if (ref.fqn) return types[ref.fqn]?.kind === 'interface' ? ref.fqn : null;
    if (ref.collection) return structOf(ref.collection.elementtype);
    if (ref.union) for (const t of ref.union.types) { const s = structOf(t); if (s) return s; }
    return null;
  };
  const schema: Schema = {};
  for (const [fqn, t] of Object.entries(types)) {
    if (t.kind !== 'interface' || !t.datatype) continue;
    const props: Record<string, Prop> = {};
    const collect = (x: any) => {
      for (const prop of x.properties ?? []) props[prop.name] = { optional: Boolean(prop.optional), struct: structOf(prop.type) };
      for (const i of x.interfaces ?? []) if (types[i]) collect(types[i]);
    };
    collect(t);
    schema[fqn] = props;
  }
  mkdirSync(join(WORK, 'schemas'), { recursive: true });
  writeFileSync(target, JSON.stringify({ version: pkgJson.version, schema }));
}

const loaded = new Map<ProviderName, Schema>();
function schemaOf(p: ProviderName): Schema {
  if (!loaded.has(p)) {
    if (!existsSync(cachePath(p))) buildSchemaCache(p);
    loaded.set(p, (JSON.parse(readFileSync(cachePath(p), 'utf8')) as { schema: Schema }).schema);
  }
  return loaded.get(p)!;
}

const camel = (s: string) => s.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
const pascal = (s: string) => camel(s).replace(/^./, (c) => c.toUpperCase());
const META = new Set(['count', 'for_each', 'depends_on', 'lifecycle', 'provider', 'provisioner', 'connection']);
const META_CAMEL = new Set(['connection', 'count', 'dependsOn', 'forEach', 'lifecycle', 'provider', 'provisioners']);

function check(schema: Schema, fqn: string, body: HclJson, path: string, top: boolean, errs: string[]): void {
  const props = schema[fqn];
  if (!props) {
    errs.push(`${path}: no schema ${fqn}`);
    return;
  }
  const given = new Set(Object.keys(body).map(camel));
  for (const [k, v] of Object.entries(body)) {
    if (top && META.has(k)) continue;
    if (k === 'dynamic') {
      errs.push(`${path}: dynamic blocks are not checked; avoid them in generated files`);
      continue;
    }
    const p = props[camel(k)];
    if (!p) {
      errs.push(`${path}: unknown argument "${k}"`);
      continue;
    }
    if (p.struct && v && typeof v === 'object') {
      for (const [i, item] of (Array.isArray(v) ? v : [v]).entries()) {
        if (item && typeof item === 'object' && !Array.isArray(item)) check(schema, p.struct, item as HclJson, `${path}.${k}[${i}]`, false, errs);
      }
    }
  }
  for (const [n, p] of Object.entries(props)) if (!p.optional && !given.has(n) && !META_CAMEL.has(n)) errs.push(`${path}: missing required "${n}"`);
}

/** Schema problems of every resource and data source of a provider in the module (empty when all is well). */
export function schemaProblems(m: Module, provider: ProviderName): { problems: string[]; checked: number } {
  const schema = schemaOf(provider);
  const { pkg } = PROVIDERS[provider];
  const problems: string[] = [];
  let checked = 0;
  for (const kind of ['resource', 'data'] as const) {
    for (const b of blocks(m, kind)) {
      if (!b.type.startsWith(`${provider}_`)) continue;
      const short = b.type.slice(provider.length + 1);
      const base = kind === 'resource' ? short : `data_${provider}_${short}`;
      // jsii renames a struct that collides with a nested one (Wafv2WebAclAssociationConfig → …ConfigA).
      const plain = `${pkg}.${camel(base)}.${pascal(base)}Config`;
      const fqn = schema[plain] ? plain : `${plain}A`;
      check(schema, fqn, b.body, `${kind === 'data' ? 'data.' : ''}${b.type}.${b.name}`, true, problems);
      checked++;
    }
  }
  for (const json of Object.values(m.files)) {
    for (const body of ((json.provider ?? {})[provider] ?? []) as HclJson[]) {
      check(schema, `${pkg}.provider.${pascal(provider)}ProviderConfig`, body, `provider.${provider}`, true, problems);
      checked++;
    }
  }
  return { problems, checked };
}
