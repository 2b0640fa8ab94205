/**
 * palantir-java-format's layout of one list (arguments, parameters, record components, `List.of` items), so the
 * Java templates render what the formatter leaves unchanged although the line length depends on the user's
 * names. Its choices for such a list, in order, at a 120-column limit and an 8-space continuation:
 *  1. everything on one line;
 *  2. for `x = call(` and `for (T x : call(`: a break after `=` / `:`, the call and its items on the next line;
 *  3. a break after `(`, the items together on the next line;
 *  4. a break after `(` and one item per line, the closing text on the last one.
 */
const WIDTH = 120;
const CONTINUATION = 8;

export function wrapJava(indent: number, head: string, items: readonly string[], tail: string): string {
  const pad = ' '.repeat(indent);
  const more = ' '.repeat(indent + CONTINUATION);
  const fits = (line: string) => line.length <= WIDTH;
  const joined = items.join(', ');
  const oneLine = `${pad}${head}${joined}${tail}`;
  if (fits(oneLine)) return oneLine;
  const split = /^(.*? (?:=|:)) (\S.*)$/.exec(head);
  if (split && fits(`${more}${split[2]}${joined}${tail}`)) return `${pad}${split[1]}\n${more}${split[2]}${joined}${tail}`;
  if (fits(`${more}${joined}${tail}`)) return `${pad}${head}\n${more}${joined}${tail}`;
  if (items.length > 1 && items.every((item) => LITERAL.test(item) && item.length < FILL_ITEM)) return `${pad}${head}\n${fill(more, items, tail)}`;
  return `${pad}${head}\n${items.map((item, i) => `${more}${item}${i === items.length - 1 ? tail : ','}`).join('\n')}`;
}

/** A list of only short string literals (under FILL_ITEM characters) is filled line by line, not one per line. */
const LITERAL = /^"(?:[^"\\]|\\.)*"$/;
const FILL_ITEM = 10;

function fill(pad: string, items: readonly string[], tail: string): string {
  const lines: string[] = [];
  let line = '';
  items.forEach((item, i) => {
    const piece = `${item}${i === items.length - 1 ? tail : ','}`;
    if (line && `${pad}${line} ${piece}`.length > WIDTH) {
      lines.push(`${pad}${line}`);
      line = piece;
    } else line = line ? `${line} ${piece}` : piece;
  });
  lines.push(`${pad}${line}`);
  return lines.join('\n');
}

/**
 * A condition of `&&`-joined operands (`if (` first, `) {` last): on one line when it fits, else a break
 * before each `&&`, as palantir does.
 */
export function conditionBlock(indent: number, block: string): string {
  const lines = block.split('\n').map((l) => l.trim()).filter(Boolean);
  if (lines.length < 3) throw new Error(`condition needs a head, operands and a tail, got ${JSON.stringify(block)}`);
  const [head, operands, tail] = [lines[0]!, lines.slice(1, -1), lines.at(-1)!];
  const pad = ' '.repeat(indent);
  const oneLine = `${pad}${head}${operands.join(' && ')}${tail}`;
  if (oneLine.length <= WIDTH) return `${oneLine}\n`;
  const more = ' '.repeat(indent + CONTINUATION);
  return `${pad}${head}${operands[0]}\n${operands.slice(1).map((o, i) => `${more}&& ${o}${i === operands.length - 2 ? tail : ''}`).join('\n')}\n`;
}

/**
 * The block form for templates: the first line of the block is the head (up to and with the opening bracket),
 * the last line the tail, every line between one item; blank lines are dropped, so `{{#each}}` can emit items.
 */
export function wrapBlock(indent: number, block: string): string {
  const lines = block.split('\n').map((l) => l.trim()).filter(Boolean);
  if (lines.length < 2) throw new Error(`wrap needs a head line and a tail line, got ${JSON.stringify(block)}`);
  return `${wrapJava(indent, lines[0]!, lines.slice(1, -1), lines.at(-1)!)}\n`;
}

/**
 * An annotation with named attributes, palantir's way: on one line when it fits, else one attribute per line.
 * An attribute whose value is a list (`allowableValues = {…}`) is given as its items, laid out the same way.
 */
export type AnnotationValue = string | { readonly annotation: string; readonly attributes: ReadonlyArray<readonly [string, AnnotationValue]> } | readonly string[];

export function annotationJava(indent: number, name: string, attributes: ReadonlyArray<readonly [string, AnnotationValue]>, tail = ''): string {
  const pad = ' '.repeat(indent);
  const oneLine = `${pad}${flat({ annotation: name, attributes })}${tail}`;
  if (oneLine.length <= WIDTH && !brokenAlways({ annotation: name, attributes })) return oneLine;
  const more = indent + CONTINUATION;
  const lines = attributes.map(([key, value], i) => attribute(more, key, value, i === attributes.length - 1 ? `)${tail}` : ','));
  return `${pad}@${name}(\n${lines.join('\n')}`;
}

/** An annotation with several attributes, one of them a list, or holding such an annotation: never on one line. */
function brokenAlways(value: AnnotationValue): boolean {
  if (typeof value === 'string' || Array.isArray(value)) return false;
  const a = value as Exclude<AnnotationValue, string | readonly string[]>;
  return (a.attributes.length > 1 && a.attributes.some(([, v]) => Array.isArray(v))) || a.attributes.some(([, v]) => brokenAlways(v));
}

function flat(value: AnnotationValue): string {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return `{${value.join(', ')}}`;
  const a = value as Exclude<AnnotationValue, string | readonly string[]>;
  return `@${a.annotation}(${a.attributes.map(([k, v]) => `${k} = ${flat(v)}`).join(', ')})`;
}

function attribute(indent: number, key: string, value: AnnotationValue, tail: string): string {
  const pad = ' '.repeat(indent);
  const oneLine = `${pad}${key} = ${flat(value)}${tail}`;
  if (oneLine.length <= WIDTH && !brokenAlways(value)) return oneLine;
  if (typeof value === 'string') return `${pad}${key} =\n${pad}${' '.repeat(CONTINUATION)}${value}${tail}`;
  if (Array.isArray(value)) {
    // Items that fit without the closing brace stay on the line; the brace and the tail go on the next.
    const open = `${pad}${key} = {${value.join(', ')}`;
    if (open.length <= WIDTH) return `${open}\n${pad}}${tail}`;
    const more = ' '.repeat(indent + 4);
    return `${pad}${key} = {\n${value.map((v, i) => `${more}${v}${i === value.length - 1 ? '' : ','}`).join('\n')}\n${pad}}${tail}`;
  }
  const a = value as Exclude<AnnotationValue, string | readonly string[]>;
  return `${pad}${key} =\n${annotationJava(indent + CONTINUATION, a.annotation, a.attributes, tail)}`;
}

/**
 * The last column a record component's annotations may reach on their line, measured with palantir on records of
 * one to three annotated components, annotations with and without arguments, first, middle and last: inline up to
 * column 60, broken from 61 (random seed 8's two annotations ending at 64 were broken; seed 10's `@NotNull`s would
 * have ended at 74 on the header's line, so its components went to a continuation line).
 */
const ANNOTATIONS_END = 60;

/**
 * palantir's layout of a record's header. No annotation of a component reaches past ANNOTATIONS_END on its line:
 * components share a line (the header's, or one continuation line) only when all their annotations end by then, and
 * a component alone on its line whose annotations take arguments and reach past it gets them on a line of their
 * own, the type and name on the next, set off from the other components by blank lines (the annotations one per
 * line when they do not fit on one).
 */
export function recordJava(indent: number, head: string, components: readonly string[], tail: string): string {
  const pad = ' '.repeat(indent);
  const more = ' '.repeat(indent + CONTINUATION);
  const parsed = components.map(parseComponent);
  const joined = components.join(', ');
  const forced = parsed.some((c) => c.annotations.some(alwaysBroken));
  // Whether the components fit on one line after `prefix`, up to `end`, their annotations ending in time.
  const fits = (prefix: string, end: string) => !forced && `${prefix}${joined}${end}`.length <= WIDTH && annotationsReach(prefix.length, parsed) <= ANNOTATIONS_END;
  if (fits(`${pad}${head}`, tail)) return `${pad}${head}${joined}${tail}`;
  // An `implements` clause that does not fit goes on a line of its own after the closing parenthesis of the header
  // line; else the components take one continuation line, with the clause when it fits there (palantir's order of
  // preference, measured).
  const clause = /^\)\s+(implements\b.*)$/.exec(tail)?.[1];
  const close = clause ? ')' : tail;
  const after = clause ? `\n${more}${clause}` : '';
  if (clause && fits(`${pad}${head}`, close)) return `${pad}${head}${joined}${close}${after}`;
  if (fits(more, tail)) return `${pad}${head}\n${more}${joined}${tail}`;
  if (clause && fits(more, close)) return `${pad}${head}\n${more}${joined}${close}${after}`;
  const blocks = parsed.map((c, i) => componentLines(indent + CONTINUATION, c, i === parsed.length - 1 ? close : ','));
  const lines: string[] = [`${pad}${head}`];
  blocks.forEach((block, i) => {
    if (i > 0 && (block.includes('\n') || blocks[i - 1]!.includes('\n'))) lines.push('');
    lines.push(block);
  });
  // One component per line: the clause stays on the last one when the components would fit on one line of the full
  // width, that is when only their annotations broke them (measured).
  const last = `${lines.at(-1)!.slice(0, -close.length)}${tail}`;
  if (clause && `${more}${joined}${close}`.length <= WIDTH && last.length <= WIDTH) return [...lines.slice(0, -1), last].join('\n');
  return lines.join('\n') + after;
}

/** The last column the components' annotations reach when the components share one line from column `start`. */
function annotationsReach(start: number, components: readonly Component[]): number {
  let column = start;
  let reach = 0;
  for (const c of components) {
    if (c.annotations.length > 0) reach = Math.max(reach, column + c.annotations.join(' ').length);
    column += c.text.length + 2;
  }
  return reach;
}

/** `{{#record 0}}`: like `wrap`, the head line, one component per line, the tail line. */
export function recordBlock(indent: number, block: string): string {
  const lines = block.split('\n').map((l) => l.trim()).filter(Boolean);
  if (lines.length < 2) throw new Error(`record needs a head line and a tail line, got ${JSON.stringify(block)}`);
  return `${recordJava(indent, lines[0]!, lines.slice(1, -1), lines.at(-1)!)}\n`;
}

interface Component {
  readonly annotations: string[];
  readonly declaration: string;
  readonly text: string;
}

function componentLines(indent: number, c: Component, tail: string): string {
  const pad = ' '.repeat(indent);
  const oneLine = `${pad}${c.text}${tail}`;
  const short = !shortened(c) || `${pad}${c.annotations.join(' ')}`.length <= ANNOTATIONS_END;
  if (!c.annotations.some(alwaysBroken) && short && oneLine.length <= WIDTH) return oneLine;
  const together = `${pad}${c.annotations.join(' ')}`;
  const annotations = !c.annotations.some(alwaysBroken) && together.length <= WIDTH ? [together] : c.annotations.map((a) => layoutAnnotation(indent, a));
  return [...annotations, `${pad}${c.declaration}${tail}`].join('\n');
}

/** One annotation of a component on its own line(s): kept whole when it fits, else one attribute per line. */
function layoutAnnotation(indent: number, annotation: string): string {
  const open = annotation.indexOf('(');
  if (open < 0) return `${' '.repeat(indent)}${annotation}`;
  const name = annotation.slice(1, open);
  const parts = splitTopLevel(annotation.slice(open + 1, -1));
  const attributes = parts.map((p): readonly [string, AnnotationValue] => {
    const eq = /^(\w+) = ([\s\S]*)$/.exec(p);
    if (!eq) return ['', p];
    const value = eq[2]!;
    return [eq[1]!, value.startsWith('{') ? splitTopLevel(value.slice(1, -1)) : value];
  });
  if (attributes.some(([key]) => key === '')) return `${' '.repeat(indent)}${annotation}`;
  return annotationJava(indent, name, attributes);
}

function parseComponent(text: string): Component {
  const annotations: string[] = [];
  let rest = text.trim();
  while (rest.startsWith('@')) {
    let i = 1;
    while (i < rest.length && /[\w.]/.test(rest[i]!)) i++;
    if (rest[i] === '(') i = closing(rest, i) + 1;
    annotations.push(rest.slice(0, i));
    rest = rest.slice(i).trimStart();
  }
  return { annotations, declaration: rest, text: text.trim() };
}

/**
 * Components whose line palantir shortens: with an annotation of named attributes (`@Size(max = 80)`), or with
 * several annotations one of which takes arguments; a lone `@JsonProperty("x")` does not.
 */
const shortened = (c: Component) =>
  c.annotations.some((a) => /^@[\w.]+\(\s*\w+ = /.test(a)) || (c.annotations.length > 1 && c.annotations.some((a) => a.includes('(')));

/** An annotation with several attributes one of which is a list: palantir always gives each attribute its line. */
const alwaysBroken = (annotation: string) => {
  const open = annotation.indexOf('(');
  if (open < 0) return false;
  const parts = splitTopLevel(annotation.slice(open + 1, -1));
  return parts.length > 1 && parts.some((p) => /^\w+ = \{/.test(p));
};

/** The index of the bracket closing the one at `start`, skipping string and character literals. */
function closing(text: string, start: number): number {
  let depth = 0;
  for (let i = start; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === '"' || ch === "'") {
      for (i++; i < text.length && text[i] !== ch; i++) if (text[i] === '\\') i++;
    } else if ('({['.includes(ch)) depth++;
    else if (')}]'.includes(ch) && --depth === 0) return i;
  }
  throw new Error(`unbalanced brackets in ${JSON.stringify(text)}`);
}

/** Splits `a = 1, b = {2, 3}, c = "x, y"` at its top-level commas. */
function splitTopLevel(text: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === '"' || ch === "'") {
      for (i++; i < text.length && text[i] !== ch; i++) if (text[i] === '\\') i++;
    } else if ('({['.includes(ch)) depth++;
    else if (')}]'.includes(ch)) depth--;
    else if (ch === ',' && depth === 0) {
      out.push(text.slice(start, i).trim());
      start = i + 1;
    }
  }
  if (text.trim()) out.push(text.slice(start).trim());
  return out;
}
