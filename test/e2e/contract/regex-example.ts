/**
 * Produces a string matching a simple regular expression, so fields with a `pattern` constraint can get valid
 * values. Supports literals, escapes (\d \w \s and escaped punctuation), `.`, character classes with ranges
 * and negation, groups (capturing or `?:`) with alternation, and the quantifiers ? * + {n} {n,} {n,m}.
 * Anything else (look-arounds, back-references, …) throws `UnsupportedPattern`; the caller then skips.
 */

export class UnsupportedPattern extends Error {}

type Node =
  | { kind: 'chars'; set: string }
  | { kind: 'alt'; options: Node[][] }
  | { kind: 'repeat'; node: Node; min: number; max: number };

const DIGITS = '0123456789';
const LOWER = 'abcdefghijklmnopqrstuvwxyz';
const UPPER = LOWER.toUpperCase();
const WORD = LOWER + UPPER + DIGITS + '_';
/** The alphabet used for `.` and negated classes: printable ASCII, letters first so examples stay readable. */
const PRINTABLE = LOWER + UPPER + DIGITS + ' !"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~';

class Parser {
  private i = 0;
  constructor(private readonly src: string) {}

  parse(): Node[] {
    const alt = this.alternation();
    if (this.i < this.src.length) throw new UnsupportedPattern(`unexpected "${this.src[this.i]}" at ${this.i}`);
    return alt.options.length === 1 ? alt.options[0] : [alt];
  }

  private alternation(): { kind: 'alt'; options: Node[][] } {
    const options: Node[][] = [this.sequence()];
    while (this.src[this.i] === '|') {
      this.i++;
      options.push(this.sequence());
    }
    return { kind: 'alt', options };
  }

  private sequence(): Node[] {
    const seq: Node[] = [];
    while (this.i < this.src.length && this.src[this.i] !== '|' && this.src[this.i] !== ')') {
      const c = this.src[this.i];
      // Anchors match positions, not characters; the generated string is a full match anyway.
      if (c === '^' || c === '$') {
        this.i++;
        continue;
      }
      const atom = this.atom();
      seq.push(this.quantified(atom));
    }
    return seq;
  }

  private atom(): Node {
    const c = this.src[this.i++];
    if (c === '(') {
      if (this.src[this.i] === '?') {
        if (this.src[this.i + 1] !== ':') throw new UnsupportedPattern('look-arounds and named groups are not supported');
        this.i += 2;
      }
      const alt = this.alternation();
      if (this.src[this.i] !== ')') throw new UnsupportedPattern('unclosed group');
      this.i++;
      return alt;
    }
    if (c === '[') return this.charClass();
    if (c === '.') return { kind: 'chars', set: PRINTABLE };
    if (c === '\\') return { kind: 'chars', set: this.escape() };
    if ('*+?{'.includes(c)) throw new UnsupportedPattern(`nothing to repeat at ${this.i - 1}`);
    return { kind: 'chars', set: c };
  }

  /** The characters an escape stands for (outside or inside a class). */
  private escape(): string {
    const c = this.src[this.i++];
    if (c === undefined) throw new UnsupportedPattern('trailing backslash');
    switch (c) {
      case 'd': return DIGITS;
      case 'w': return WORD;
      case 's': return ' ';
      case 'D': return without(PRINTABLE, DIGITS);
      case 'W': return without(PRINTABLE, WORD);
      case 'S': return without(PRINTABLE, ' ');
      case 'n': return '\n';
      case 't': return '\t';
      case 'b': case 'B': throw new UnsupportedPattern('word boundaries are not supported');
      default:
        if (/[0-9]/.test(c)) throw new UnsupportedPattern('back-references are not supported');
        if (/[a-zA-Z]/.test(c)) throw new UnsupportedPattern(`escape \\${c} is not supported`);
        return c;
    }
  }

  private charClass(): Node {
    let negated = false;
    if (this.src[this.i] === '^') {
      negated = true;
      this.i++;
    }
    let set = '';
    let first = true;
    while (this.i < this.src.length && (this.src[this.i] !== ']' || first)) {
      first = false;
      let lo: string;
      if (this.src[this.i] === '\\') {
        this.i++;
        const chars = this.escape();
        if (chars.length > 1) {
          set += chars;
          continue;
        }
        lo = chars;
      } else {
        lo = this.src[this.i++];
      }
      if (this.src[this.i] === '-' && this.src[this.i + 1] !== ']' && this.i + 1 < this.src.length) {
        this.i++;
        let hi = this.src[this.i++];
        if (hi === '\\') hi = this.escape();
        if (hi.length !== 1 || hi < lo) throw new UnsupportedPattern('bad range in character class');
        for (let code = lo.charCodeAt(0); code <= hi.charCodeAt(0); code++) set += String.fromCharCode(code);
      } else {
        set += lo;
      }
    }
    if (this.src[this.i] !== ']') throw new UnsupportedPattern('unclosed character class');
    this.i++;
    const chars = negated ? without(PRINTABLE, set) : set;
    if (!chars) throw new UnsupportedPattern('empty character class');
    return { kind: 'chars', set: chars };
  }

  private quantified(node: Node): Node {
    const c = this.src[this.i];
    let min: number;
    let max: number;
    if (c === '?') [min, max] = [0, 1];
    else if (c === '*') [min, max] = [0, Infinity];
    else if (c === '+') [min, max] = [1, Infinity];
    else if (c === '{') {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(this.src.slice(this.i));
      if (!m) return node; // a literal "{", as JavaScript reads it without the u flag
      min = Number(m[1]);
      max = m[2] === undefined ? min : m[3] === '' ? Infinity : Number(m[3]);
      this.i += m[0].length - 1;
    } else return node;
    this.i++;
    if (this.src[this.i] === '?') this.i++; // lazy: same language
    return { kind: 'repeat', node, min, max };
  }
}

function without(alphabet: string, remove: string): string {
  return [...alphabet].filter((ch) => !remove.includes(ch)).join('');
}

/** Small deterministic PRNG (mulberry32): the same seed gives the same example. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function render(nodes: readonly Node[], rand: () => number, out: string[]): void {
  for (const node of nodes) {
    if (node.kind === 'chars') {
      out.push(node.set[Math.floor(rand() * node.set.length)]);
    } else if (node.kind === 'alt') {
      render(node.options[Math.floor(rand() * node.options.length)], rand, out);
    } else {
      // Unbounded repeats get a few extra copies at most: short examples fit maxLength more often.
      const top = Math.min(node.max, node.min + 3);
      const count = node.min + Math.floor(rand() * (top - node.min + 1));
      for (let k = 0; k < count; k++) render([node.node], rand, out);
    }
  }
}

/** Parses once; throws UnsupportedPattern for constructs outside the supported subset. */
export function compilePattern(pattern: string): (seed: number) => string {
  const nodes = new Parser(pattern).parse();
  return (seed) => {
    const out: string[] = [];
    render(nodes, prng(seed), out);
    return out.join('');
  };
}

/** A full-match test as strict stacks (Java `matches`, Python `fullmatch`) apply it. */
export function fullyMatches(pattern: string, value: string): boolean {
  return toRegExp(`^(?:${pattern})$`).test(value);
}

/** A search test as JavaScript and JSON Schema apply it; a value failing this fails every flavour. */
export function searchMatches(pattern: string, value: string): boolean {
  return toRegExp(pattern).test(value);
}

function toRegExp(source: string): RegExp {
  try {
    return new RegExp(source, 'u');
  } catch {
    return new RegExp(source);
  }
}
