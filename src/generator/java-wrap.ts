/**
 * palantir-java-format's layout of one list (arguments, parameters, record components, `List.of` items), so the
 * Java templates render what the formatter leaves unchanged although the line length depends on the user's
 * names. Its choices for such a list, in order, at a 120-column limit and an 8-space continuation:
 *  1. everything on one line;
 *  2. for `x = call(` and `for (T x : call(`: a break after `=` / `:`, the call and its items on the next line;
 *  3. otherwise a break after `(`, the items together on the next line;
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
  if (!split && fits(`${more}${joined}${tail}`)) return `${pad}${head}\n${more}${joined}${tail}`;
  return `${pad}${head}\n${items.map((item, i) => `${more}${item}${i === items.length - 1 ? tail : ','}`).join('\n')}`;
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
  if (oneLine.length <= WIDTH) return oneLine;
  const more = indent + CONTINUATION;
  const lines = attributes.map(([key, value], i) => attribute(more, key, value, i === attributes.length - 1 ? `)${tail}` : ','));
  return `${pad}@${name}(\n${lines.join('\n')}`;
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
  if (oneLine.length <= WIDTH || typeof value === 'string') return oneLine;
  if (Array.isArray(value)) {
    const more = ' '.repeat(indent + 4);
    return `${pad}${key} = {\n${value.map((v, i) => `${more}${v}${i === value.length - 1 ? '' : ','}`).join('\n')}\n${pad}}${tail}`;
  }
  const a = value as Exclude<AnnotationValue, string | readonly string[]>;
  return `${pad}${key} =\n${annotationJava(indent + CONTINUATION, a.annotation, a.attributes, tail)}`;
}
