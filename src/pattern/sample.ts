import { RegExpParser, type AST } from '@eslint-community/regexpp';
import { FORMAT_RULES, type TextFormat } from './formats.js';

/**
 * Deterministic strings that match a field's `pattern` (ECMA-262, `u` mode) within its length limits, so
 * every stack's tests, seeds and examples get values the server accepts.
 *
 * The pattern is parsed into an AST; a "plan" fixes every choice that changes the length (which alternative,
 * how many repetitions), leaving one slot per character, each with the characters its atom accepts. Value n
 * is the n-th combination of those characters counted from the end ("Ab", "Ac", …), so successive values
 * differ in their free parts and stay distinct. Plans are tried shortest first; every value is checked with
 * the real RegExp before it is returned, which also takes care of assertions (anchors, \b, lookahead).
 * An email or url field's values satisfy its format rule too (formats.ts): a match of the pattern is offered
 * as it is, then wrapped in the rule's affixes (`x` → `x@example.com`) where the pattern leaves room.
 */
export interface LengthLimits {
  readonly minLength?: number;
  readonly maxLength?: number;
}

/** Characters offered to each slot, most readable first; a slot keeps those its atom accepts. */
const POOL = [...'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ-_.@:/+ !#%&*,;=?~^()[]{}|<>\'"`$\\éüßñ'];
/** Per slot, more would only slow the search: distinct values come from combining slots. */
const MAX_SLOT = 64;
/** Bounds the search on pathological patterns; a pattern this hard gets no sample (and a clear problem). */
const BUDGET = 200_000;
/** Combinations tried per plan and value wanted: assertions (lookahead) may reject the first ones. */
const TRIES_PER_VALUE = 512;
/** Lengths tried above the shortest possible one before giving up on a length-hungry pattern. */
const LENGTHS_TRIED = 256;
/** The same for an email or url field: most values a plan yields are no address, so trying many is slow. */
const FORMAT_TRIES_PER_VALUE = 32;
const FORMAT_LENGTHS_TRIED = 64;

type Slot = readonly string[];
type Plan = readonly Slot[];

export function parsePattern(source: string): AST.Pattern {
  return new RegExpParser({ ecmaVersion: 2025 }).parsePattern(source, 0, source.length, { unicode: true });
}

export interface PatternSampling {
  /** Distinct matching values, at most the number asked for. */
  readonly values: readonly string[];
  /**
   * True when fewer values than asked means the pattern admits no more within the limits; false when the
   * search stopped early (a lookahead, a very long minimum length, a pattern too intricate to explore).
   */
  readonly exhaustive: boolean;
}

const cache = new Map<string, PatternSampling>();

/**
 * Up to `count` distinct strings that match `pattern` (as JSON Schema reads it: a search, unanchored unless
 * written with ^…$), have a length within `limits` and, for an email or url field, satisfy that `format`'s rule.
 * Fewer when the pattern admits fewer.
 */
export function samplePattern(pattern: string, limits: LengthLimits, count: number, format?: TextFormat): PatternSampling {
  const key = JSON.stringify([pattern, limits.minLength ?? 0, limits.maxLength ?? null, count, format ?? null]);
  let result = cache.get(key);
  if (!result) {
    result = compute(pattern, limits, count, format);
    cache.set(key, result);
  }
  return result;
}

export const patternSamples = (pattern: string, limits: LengthLimits, count: number, format?: TextFormat): readonly string[] =>
  samplePattern(pattern, limits, count, format).values;

function compute(pattern: string, limits: LengthLimits, count: number, format: TextFormat | undefined): PatternSampling {
  let ast: AST.Pattern;
  let search: RegExp;
  let full: RegExp;
  try {
    ast = parsePattern(pattern);
    search = new RegExp(pattern, 'u');
    full = new RegExp(`^(?:${pattern})$`, 'u');
  } catch {
    return { values: [], exhaustive: false };
  }
  const min = limits.minLength ?? 0;
  const max = limits.maxLength ?? Infinity;
  const fits = (s: string) => length(s) >= min && length(s) <= max;
  const rule = format === undefined ? undefined : FORMAT_RULES[format];
  const formatted = rule === undefined ? undefined : new RegExp(rule.pattern, 'u');
  /** The value a match becomes: itself, or wrapped in the first of the format's affixes that satisfies every rule. */
  const admit = (match: string, n = ''): string | undefined => {
    if (formatted === undefined) return fits(match) ? match : undefined;
    return rule!.affixes
      .filter(([before, after]) => n === '' || `${before}${after}`.includes('N'))
      .map(([before, after]) => before.replace('N', n) + match + after.replace('N', n))
      .find((v) => search.test(v) && formatted.test(v) && fits(v));
  };
  const out = new Set<string>();
  const gen = new Planner();
  const [lo, hi] = gen.range(ast);
  // A format needs room around the match: a match as short as minLength may still need its affixes. A match
  // that is no address or URL is common there, so fewer of each length are tried, over fewer lengths.
  const from = formatted === undefined ? Math.max(min, lo) : lo;
  const to = Math.min(max, hi, from + (formatted === undefined ? LENGTHS_TRIED : FORMAT_LENGTHS_TRIED));
  const tries = formatted === undefined ? TRIES_PER_VALUE : FORMAT_TRIES_PER_VALUE;
  // With a format, a search that found nothing proves nothing: only some values of a plan and a few wrappings
  // of each are tried.
  let exhaustive = to === Math.min(max, hi) && !hasLookaround(ast) && formatted === undefined;
  const matches: string[] = [];
  try {
    for (let len = from; len <= to && out.size < count; len++) {
      for (const plan of gen.plans(ast, len)) {
        for (const s of combinations(plan, (count - out.size) * tries)) {
          gen.step();
          const value = full.test(s) ? admit(s) : undefined;
          if (value !== undefined && !out.has(value)) {
            out.add(value);
            matches.push(s);
          }
          if (out.size >= count) break;
        }
        if (out.size >= count) break;
      }
    }
    // A pattern that admits few values (`corp`) still gives distinct ones, each wrapped with its own number.
    for (let n = 1; formatted !== undefined && n <= count && out.size < count; n++) {
      for (const s of matches) {
        const value = admit(s, String(n));
        if (value !== undefined) out.add(value);
        if (out.size >= count) break;
      }
    }
    // An unanchored pattern only has to occur in the value: too short a match is padded up to minLength.
    if (out.size < count && min > lo) {
      if (Math.min(hi, max) > lo + LENGTHS_TRIED) exhaustive = false;
      for (let len = lo; len <= Math.min(hi, max, lo + LENGTHS_TRIED) && out.size < count; len++) {
        for (const plan of gen.plans(ast, len)) {
          for (const s of combinations(plan, (count - out.size) * TRIES_PER_VALUE)) {
            const pad = 'x'.repeat(Math.max(0, min - length(s)));
            gen.step();
            // After the match, or before it for a pattern anchored at the end only (`[0-9]{2}$`).
            const padded = [s + pad, pad + s].map((v) => (search.test(v) ? admit(v) : undefined)).find((v) => v !== undefined);
            if (padded !== undefined) out.add(padded);
            if (out.size >= count) break;
          }
          if (out.size >= count) break;
        }
      }
    }
  } catch (e) {
    if (!(e instanceof OutOfBudget)) throw e;
    exhaustive = false;
  }
  return { values: [...out], exhaustive };
}

/** Lookaheads are checked on finished values only, so a search that found nothing proves nothing. */
function hasLookaround(node: AST.Node): boolean {
  if (node.type === 'Assertion' && (node.kind === 'lookahead' || node.kind === 'lookbehind')) return true;
  if ('alternatives' in node) return node.alternatives.some(hasLookaround);
  if ('elements' in node && node.type === 'Alternative') return node.elements.some(hasLookaround);
  if (node.type === 'Quantifier') return hasLookaround(node.element);
  return false;
}

/** Length in code points, as JSON Schema, Python and the databases count it. */
const length = (s: string) => [...s].length;

/** The first `limit` strings of a plan, varying the last slots first. */
function* combinations(plan: Plan, limit: number): Generator<string> {
  let total = 1;
  for (const slot of plan) {
    total *= slot.length;
    if (total >= limit) break;
  }
  for (let n = 0; n < Math.min(total, limit); n++) {
    const chars = new Array<string>(plan.length);
    let rest = n;
    for (let i = plan.length - 1; i >= 0; i--) {
      const slot = plan[i]!;
      chars[i] = slot[rest % slot.length]!;
      rest = Math.floor(rest / slot.length);
    }
    yield chars.join('');
  }
}

class OutOfBudget extends Error {}

type Node = AST.Pattern | AST.Alternative | AST.Element;

class Planner {
  private steps = 0;
  private readonly ranges = new Map<Node, readonly [number, number]>();
  private readonly slots = new Map<Node, Slot>();

  step(): void {
    if (++this.steps > BUDGET) throw new OutOfBudget();
  }

  /** Shortest and longest match of a node, in characters (Infinity for an unbounded quantifier). */
  range(node: Node): readonly [number, number] {
    let r = this.ranges.get(node);
    if (!r) {
      r = this.computeRange(node);
      this.ranges.set(node, r);
    }
    return r;
  }

  private computeRange(node: Node): readonly [number, number] {
    switch (node.type) {
      case 'Pattern':
      case 'Group':
      case 'CapturingGroup': {
        const rs = node.alternatives.map((a) => this.range(a));
        return rs.length ? [Math.min(...rs.map((r) => r[0])), Math.max(...rs.map((r) => r[1]))] : [0, 0];
      }
      case 'Alternative':
        return node.elements.reduce<readonly [number, number]>((acc, e) => {
          const r = this.range(e);
          return [acc[0] + r[0], acc[1] + r[1]];
        }, [0, 0]);
      case 'Quantifier': {
        const [lo, hi] = this.range(node.element);
        return [node.min * lo, node.max === 0 || hi === 0 ? 0 : node.max * hi];
      }
      case 'Character':
      case 'CharacterClass':
      case 'CharacterSet':
      case 'ExpressionCharacterClass':
        return [1, 1];
      case 'Assertion':
        return [0, 0];
      case 'Backreference':
        // Refused by the pattern-subset rule; plans() yields nothing for it.
        return [0, 0];
    }
  }

  /** Every way `node` can produce exactly `len` characters, lazily, in order of preference. */
  *plans(node: Node, len: number): Generator<Plan> {
    this.step();
    const [lo, hi] = this.range(node);
    if (len < lo || len > hi) return;
    switch (node.type) {
      case 'Pattern':
      case 'Group':
      case 'CapturingGroup':
        for (const alt of node.alternatives) yield* this.plans(alt, len);
        return;
      case 'Alternative':
        yield* this.sequence(node.elements, 0, len);
        return;
      case 'Quantifier':
        yield* this.repeat(node, len);
        return;
      case 'Assertion':
        yield [];
        return;
      case 'Backreference':
        return;
      default: {
        const slot = this.slot(node);
        if (slot.length) yield [slot];
      }
    }
  }

  /** Elements from `i` on producing `len` characters; earlier elements take as much as they can (greedy). */
  private *sequence(elements: readonly Node[], i: number, len: number): Generator<Plan> {
    if (i === elements.length) {
      if (len === 0) yield [];
      return;
    }
    let restLo = 0;
    let restHi = 0;
    for (let k = i + 1; k < elements.length; k++) {
      const r = this.range(elements[k]!);
      restLo += r[0];
      restHi += r[1];
    }
    const [lo, hi] = this.range(elements[i]!);
    for (let own = Math.min(hi, len - restLo); own >= Math.max(lo, len - restHi); own--) {
      for (const head of this.plans(elements[i]!, own)) {
        for (const tail of this.sequence(elements, i + 1, len - own)) yield [...head, ...tail];
      }
    }
  }

  /** The fewest repetitions that can make `len` characters first. */
  private *repeat(node: AST.Quantifier, len: number): Generator<Plan> {
    const [lo, hi] = this.range(node.element);
    if (hi === 0) {
      if (len === 0) yield* this.sequence(new Array<Node>(Math.min(node.min, 1)).fill(node.element), 0, 0);
      return;
    }
    const fewest = Math.max(node.min, Math.ceil(len / hi));
    const most = Math.min(node.max, lo === 0 ? node.min + len : Math.floor(len / lo));
    for (let times = fewest; times <= most; times++) {
      yield* this.sequence(new Array<Node>(times).fill(node.element), 0, len);
    }
  }

  /** The characters a one-character atom accepts, found by testing candidates against the atom itself. */
  private slot(node: Node): Slot {
    let s = this.slots.get(node);
    if (!s) {
      const re = new RegExp(`^(?:${node.raw})$`, 'u');
      const picked = new Set<string>();
      for (const c of [...POOL, ...this.ownCharacters(node)]) {
        if (picked.size >= MAX_SLOT) break;
        if (re.test(c)) picked.add(c);
      }
      s = [...picked];
      this.slots.set(node, s);
    }
    return s;
  }

  /** Characters a class names itself, for classes the pool does not reach (`[à-ÿ]`, `[\u4e00-\u9fff]`). */
  private ownCharacters(node: Node): string[] {
    if (node.type === 'Character') return [String.fromCodePoint(node.value)];
    if (node.type !== 'CharacterClass') return [];
    const out: string[] = [];
    for (const e of node.elements) {
      if (e.type === 'Character') out.push(String.fromCodePoint(e.value));
      else if (e.type === 'CharacterClassRange') {
        for (let c = e.min.value; c <= Math.min(e.max.value, e.min.value + MAX_SLOT); c++) out.push(String.fromCodePoint(c));
      }
    }
    return out;
  }
}

/**
 * The pattern for an engine that matches whole values (Java's `Pattern.matches`, Bean Validation's `@Pattern`)
 * with the meaning JSON Schema gives it: a search. A pattern anchored at both ends stays as written; any
 * other may have anything around its match.
 */
export function wholeValuePattern(pattern: string): string {
  let ast: AST.Pattern;
  try {
    ast = parsePattern(pattern);
  } catch {
    return pattern;
  }
  return anchoredAtBothEnds(ast) ? pattern : `[\\s\\S]*(?:${pattern})[\\s\\S]*`;
}

/** Every alternative starts with ^ and ends with $: the pattern matches whole values only. */
function anchoredAtBothEnds(ast: AST.Pattern): boolean {
  return ast.alternatives.every((a) => {
    const first = a.elements[0];
    const last = a.elements[a.elements.length - 1];
    return first?.type === 'Assertion' && first.kind === 'start' && last?.type === 'Assertion' && last.kind === 'end';
  });
}
