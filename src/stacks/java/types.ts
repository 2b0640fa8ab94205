import type { FieldView } from '../../model/view-model.js';

/**
 * The Java types of a field in the entity, the create record and the response; the filter of each. An enum field's
 * type is its own nested enum (enum-view.ts), which replaces the `String` here.
 */

export const JAVA_TYPE: Record<FieldView['type'], string> = {
  string: 'String', text: 'String', email: 'String', url: 'String', enum: 'String',
  integer: 'Integer', bigint: 'Long', number: 'Double', decimal: 'BigDecimal', boolean: 'Boolean',
  date: 'LocalDate', datetime: 'Instant', uuid: 'UUID', json: 'String',
};
/** Type of the value in the create record (json is the JSON value, stored as its text). */
export const INPUT_TYPE: Record<FieldView['type'], string> = { ...JAVA_TYPE, json: 'JsonNode' };
/** A json value is returned as the JSON it holds; a decimal as a string (JsonConfig writes every BigDecimal so). */
export const RESPONSE_TYPE: Record<FieldView['type'], string> = { ...JAVA_TYPE, json: 'JsonNode' };
export const FILTER: Partial<Record<FieldView['type'], string>> = {
  string: 'string', text: 'string', email: 'string', url: 'string', enum: 'oneOf', integer: 'integer', bigint: 'bigint',
  number: 'number', decimal: 'decimal', boolean: 'bool', date: 'date', datetime: 'datetime', uuid: 'uuid',
};
