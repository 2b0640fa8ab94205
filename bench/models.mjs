// The models the benchmarks generate. `library` is the 3-entity model also written as JHipster JDL
// (bench/models/library.jdl); `things(n)` is the synthetic model of the scale curve.

/** Author, Book (many-to-one Author), Review (many-to-one Book): the same model as models/library.jdl. */
export function library({ stack = 'node', database = 'postgres', auth = 'jwt', name = 'library' } = {}) {
  return `name: ${name}
stack: ${stack}
database: ${database}
auth: ${auth}
entities:
  Author:
    fields:
      name: string!
      bio: text
  Book:
    fields:
      title: string!
      isbn: string
      publishedAt: date
    relations:
      author: { kind: many-to-one, to: Author }
  Review:
    fields:
      rating: { type: integer, min: 1, max: 5 }
      body: string
    relations:
      book: { kind: many-to-one, to: Book }
`;
}

/** n entities, each with 6 fields of mixed types and a many-to-one relation to the one before it. */
export function things(n, { stack = 'node', database = 'postgres', auth = 'jwt' } = {}) {
  const lines = ['name: bench', `stack: ${stack}`, `database: ${database}`, `auth: ${auth}`, 'entities:'];
  for (let i = 0; i < n; i++) {
    lines.push(`  Thing${i}:`, '    fields:', '      title: { type: string, required: true, maxLength: 120 }', '      body: text',
      '      amount: { type: decimal, precision: 10, scale: 2 }', '      count: { type: integer, min: 0 }',
      '      active: { type: boolean, default: true }', '      kind: { type: enum, values: [a, b, c] }');
    if (i > 0) lines.push('    relations:', `      parent: { kind: many-to-one, to: Thing${i - 1} }`);
  }
  return lines.join('\n') + '\n';
}
