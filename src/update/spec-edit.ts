import { isMap, parseDocument } from 'yaml';
import type { SpecInput } from '../config/input-schema.js';

type EntitiesInput = NonNullable<SpecInput['entities']>;

/**
 * `add`: new entities (and the fields and relations an existing entity lacks) put into backend.yaml as a YAML
 * document, so the user's comments, order and formatting stay as they were (SPEC 7). A file that does not
 * parse is returned as it is; the update that follows reports its problems with their lines.
 */
export interface Addition {
  readonly name: string;
  readonly entity: EntitiesInput[string];
}

export function addToSpec(text: string, additions: readonly Addition[]): { text: string; skipped: string[] } {
  const doc = parseDocument(text);
  const skipped: string[] = [];
  if (doc.errors.length > 0) return { text, skipped };
  if (!isMap(doc.get('entities'))) doc.set('entities', doc.createNode({}));
  for (const { name, entity } of additions) {
    if (!doc.hasIn(['entities', name])) {
      doc.setIn(['entities', name], doc.createNode(entity));
      continue;
    }
    for (const section of ['fields', 'relations'] as const) {
      for (const [key, value] of Object.entries((entity as Record<string, Record<string, unknown> | undefined>)[section] ?? {})) {
        if (doc.hasIn(['entities', name, section, key])) skipped.push(`${name}.${key}`);
        else if (doc.hasIn(['entities', name, section])) doc.setIn(['entities', name, section, key], doc.createNode(value));
        else doc.setIn(['entities', name, section], doc.createNode({ [key]: value }));
      }
    }
  }
  return { text: doc.toString({ lineWidth: 0 }), skipped };
}
