/**
 * Every case style of a name, derived from one canonical form. Templates never convert case themselves;
 * they read these precomputed forms from the view model, so all stacks agree on every identifier.
 */

/** Splits `OrderItem`, `orderItem`, `order_item`, `order-items`, `HTTPServer2` into lower-case words. */
export function words(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w.toLowerCase());
}

const cap = (w: string): string => w.charAt(0).toUpperCase() + w.slice(1);

export const pascalCase = (name: string): string => words(name).map(cap).join('');
export const camelCase = (name: string): string => {
  const p = pascalCase(name);
  return p.charAt(0).toLowerCase() + p.slice(1);
};
export const snakeCase = (name: string): string => words(name).join('_');
export const kebabCase = (name: string): string => words(name).join('-');
/** Words written in capitals in a title (`my-api` → "My API", `ApiKey` → "API Key"). */
const ACRONYMS = new Set(['api', 'apis', 'id', 'ids', 'url', 'urls', 'uri', 'http', 'https', 'json', 'xml', 'html', 'css', 'sql', 'db', 'ui', 'ux', 'ai', 'ml', 'iot', 'crm', 'erp', 'cms', 'hr', 'pdf', 'csv', 'sms', 'jwt', 'sso', 'ip', 'dns', 'ssh', 'tls', 'ssl', 'vpn', 'sdk', 'cli', 'gpu', 'cpu', 'faq', 'kpi', 'rest', 'rpc', 'grpc', 'uuid', 'iso', 'qr', 'b2b', 'b2c', 'saas', 'aws', 'gcp']);
const titleWord = (w: string): string => (ACRONYMS.has(w) ? w.toUpperCase().replace(/S$/, 's') : cap(w));
export const titleCase = (name: string): string => words(name).map(titleWord).join(' ');

/** Letters whose spoken name starts with a vowel sound: "an SQL table", "an HTTP call". */
const VOWEL_SOUND_LETTERS = new Set('aefhilmnorsx');
/** Words spelt with a vowel but spoken with a consonant ("a user", "a one-off"), and the reverse ("an hour"). */
const CONSONANT_SOUND = /^(u[bcfhjkqrstn][aeiou]|uni|use|usu|usa|uti|ure|eu|ewe|one|once|ouija)/;
const SILENT_H = /^(hour|honest|honou?r|heir)/;

/** "a" or "an" before a title, by how its first word is spoken. */
export function article(title: string): 'a' | 'an' {
  const first = title.split(' ')[0] ?? '';
  const lower = first.toLowerCase();
  if (first.length > 1 && first === first.toUpperCase() && /^[A-Z]/.test(first) && ACRONYMS.has(lower) && !['rest', 'saas'].includes(lower)) {
    return VOWEL_SOUND_LETTERS.has(lower[0]!) ? 'an' : 'a';
  }
  if (SILENT_H.test(lower)) return 'an';
  if (CONSONANT_SOUND.test(lower)) return 'a';
  return /^[aeiou]/.test(lower) ? 'an' : 'a';
}

/** Maps without prototypes: user text is the key, and `constructor` must not find Object's. */
const IRREGULAR: Readonly<Record<string, string>> = Object.assign(Object.create(null) as Record<string, string>, {
  person: 'people', child: 'children', man: 'men', woman: 'women', mouse: 'mice', goose: 'geese',
  tooth: 'teeth', foot: 'feet', ox: 'oxen', datum: 'data', criterion: 'criteria', medium: 'media',
  index: 'indexes', matrix: 'matrices', vertex: 'vertices', quiz: 'quizzes', knife: 'knives', life: 'lives',
  wife: 'wives', leaf: 'leaves', loaf: 'loaves', half: 'halves', shelf: 'shelves', wolf: 'wolves', calf: 'calves',
  thief: 'thieves', bus: 'buses', status: 'statuses', campus: 'campuses', virus: 'viruses', census: 'censuses',
  address: 'addresses', analysis: 'analyses', axis: 'axes', crisis: 'crises', thesis: 'theses', cactus: 'cacti',
});
const UNCOUNTABLE = new Set(['data', 'equipment', 'information', 'rice', 'money', 'species', 'series', 'fish', 'sheep', 'deer', 'news', 'metadata', 'feedback', 'staff']);

/** English plural of the last word of a name, keeping its case style (`OrderItem` → `OrderItems`). */
export function pluralize(name: string): string {
  return mapLastWord(name, (w) => {
    if (UNCOUNTABLE.has(w)) return w;
    if (IRREGULAR[w]) return IRREGULAR[w];
    if (/[^aeiou]y$/.test(w)) return w.slice(0, -1) + 'ies';
    if (/(s|x|z|ch|sh)$/.test(w)) return w + 'es';
    return w + 's';
  });
}

const SINGULAR_IRREGULAR: Readonly<Record<string, string>> = Object.assign(Object.create(null) as Record<string, string>, Object.fromEntries(Object.entries(IRREGULAR).map(([s, p]) => [p, s])));

/** English singular of the last word (`vets` → `vet`, `categories` → `category`). */
export function singularize(name: string): string {
  return mapLastWord(name, (w) => {
    if (UNCOUNTABLE.has(w)) return w;
    if (SINGULAR_IRREGULAR[w]) return SINGULAR_IRREGULAR[w];
    if (IRREGULAR[w]) return w; // already singular (bus, status, leaf)
    if (/[^aeiou]ies$/.test(w)) return w.slice(0, -3) + 'y';
    if (/(ss|x|z|ch|sh|us)es$/.test(w)) return w.slice(0, -2);
    if (/(ss|us|is)$/.test(w)) return w; // class, status, analysis: singular already
    if (/[^s]s$/.test(w)) return w.slice(0, -1);
    return w;
  });
}

/** Applies `fn` to the lower-cased last word of `name`, restoring that word's capitalisation. */
function mapLastWord(name: string, fn: (word: string) => string): string {
  const m = /([A-Z]?[a-z0-9]+|[A-Z0-9]+)$/.exec(name);
  if (!m) return name;
  const last = m[1];
  const replaced = fn(last.toLowerCase());
  const restored = /^[A-Z0-9]+$/.test(last) && last.length > 1
    ? replaced.toUpperCase()
    : /^[A-Z]/.test(last) ? cap(replaced) : replaced;
  return name.slice(0, m.index) + restored;
}

/** All forms of one name, as templates see them. */
export interface Names {
  readonly pascal: string;
  readonly camel: string;
  readonly snake: string;
  readonly kebab: string;
  readonly upperSnake: string;
  readonly title: string;
  /** The title after its indefinite article: "an Owner", "a User". */
  readonly aTitle: string;
  readonly pluralPascal: string;
  readonly pluralCamel: string;
  readonly pluralSnake: string;
  readonly pluralKebab: string;
  readonly pluralTitle: string;
}

export function names(name: string): Names {
  const plural = pluralize(pascalCase(name));
  return {
    pascal: pascalCase(name),
    camel: camelCase(name),
    snake: snakeCase(name),
    kebab: kebabCase(name),
    upperSnake: snakeCase(name).toUpperCase(),
    title: titleCase(name),
    aTitle: `${article(titleCase(name))} ${titleCase(name)}`,
    pluralPascal: plural,
    pluralCamel: camelCase(plural),
    pluralSnake: snakeCase(plural),
    pluralKebab: kebabCase(plural),
    pluralTitle: titleCase(plural),
  };
}
