import { annotationJava, type AnnotationValue } from '../../generator/java-wrap.js';
import { javaKeepsPattern, javaPattern } from '../../model/pattern-dialects.js';
import { TEXT_FORMATS } from '../../model/text-formats.js';
import type { FieldView } from '../../model/view-model.js';
import { javaString, longLiteral, messageString } from './syntax.js';

/** Bean Validation and springdoc annotations: what the server checks and what its OpenAPI document says. */

/**
 * What the document says beyond the validation annotations (which springdoc reads too): enum values (StrictValue
 * checks them), the default a create applies, the bounds of a decimal, which a JSON Schema `minimum` on a
 * string could not carry.
 */
function schemaAttributes(f: FieldView): string[] {
  const out: string[] = [];
  if (f.isEnum) out.push(`allowableValues = {${(f.values ?? []).map(javaString).join(', ')}}`);
  if (f.isEmail) out.push('format = "email"');
  if (f.isUrl) out.push('format = "uri"');
  const byDefault = documentedDefault(f);
  if (byDefault !== null) out.push(`defaultValue = ${javaString(byDefault)}`);
  if (f.isDecimal) {
    // A BigDecimal on the wire is a string of this shape (StrictValue reads it, JsonConfig writes it).
    out.push('type = "string"', `pattern = ${javaString(f.decimalPattern!)}`);
    const bounds = [f.min !== null ? `at least ${f.min}` : null, f.max !== null ? `at most ${f.max}` : null].filter((b) => b !== null);
    out.push(`description = ${javaString(`A decimal number as a string${bounds.length ? `, ${bounds.join(' and ')}` : ''}`)}`);
  }
  return out;
}

/**
 * A default as @Schema(defaultValue) takes it: swagger reads the text as JSON and falls back to the plain string,
 * so only values that read back as their own type are given (a string default "12" would become a number; the
 * document then leaves that default out).
 */
function documentedDefault(f: FieldView): string | null {
  const d = f.default;
  if (d === null || d === undefined) return null;
  if (['boolean', 'integer', 'bigint', 'number'].includes(f.type)) return String(d);
  if (!['string', 'text', 'email', 'url', 'enum'].includes(f.type)) return null;
  try {
    JSON.parse(String(d));
    return null;
  } catch {
    return String(d);
  }
}

/**
 * The pattern a create schema documents for a field whose @Pattern holds a java.util.regex translation: the
 * model's own (it is checked beside the email or url rule), else the email or url rule as ECMA-262 states it.
 * Null when springdoc's copy of @Pattern is the text already.
 */
export function documentedPattern(f: FieldView): string | null {
  if (f.pattern !== null && !f.isEnum) return javaKeepsPattern(f.pattern) && !f.isEmail && !f.isUrl ? null : f.pattern;
  if (f.isEmail) return TEXT_FORMATS.email.pattern;
  if (f.isUrl) return TEXT_FORMATS.url.pattern;
  return null;
}

export function annotations(f: FieldView): string[] {
  const out: string[] = [];
  if (f.required) out.push('@NotNull');
  const lengthTyped = ['string', 'text', 'email', 'url'].includes(f.type);
  if (lengthTyped) {
    const max = f.maxLength ?? (f.type === 'text' ? null : 255);
    const min = f.minLength && f.minLength > 0 ? f.minLength : null;
    if (min !== null && max !== null) out.push(`@Size(min = ${min}, max = ${max})`);
    else if (max !== null) out.push(`@Size(max = ${max})`);
    else if (min !== null) out.push(`@Size(min = ${min})`);
  }
  if (f.isEmail) out.push(`@Pattern(regexp = Patterns.EMAIL, message = ${javaString(TEXT_FORMATS.email.message)})`);
  if (f.isUrl) out.push(`@Pattern(regexp = Patterns.URL, message = ${javaString(TEXT_FORMATS.url.message)})`);
  if (f.pattern !== null && !f.isEnum) {
    out.push(`@Pattern(regexp = ${javaString(javaPattern(f.pattern))}, message = ${messageString(`must match the pattern ${f.pattern}`)})`);
  }
  if (f.isInteger || f.isBigint) {
    if (f.min !== null) out.push(`@Min(${longLiteral(Math.ceil(f.min))})`);
    if (f.max !== null) out.push(`@Max(${longLiteral(Math.floor(f.max))})`);
  }
  if (f.isNumber || f.isDecimal) {
    if (f.isDecimal) {
      // StrictValue refuses what is not a plain decimal numeral; the digits are the column's (precision, scale).
      const p = f.precision ?? 12;
      const s = f.scale ?? 2;
      out.push(`@Digits(integer = ${p - s}, fraction = ${s}, message = ${javaString(decimalMessage(p, s))})`);
    }
    if (f.min !== null) out.push(`@DecimalMin(${javaString(String(f.min))})`);
    if (f.max !== null) out.push(`@DecimalMax(${javaString(String(f.max))})`);
  }
  const schema = schemaAttributes(f);
  if (schema.length > 0) out.push(`@Schema(${schema.join(', ')})`);
  return out;
}

/** The wording of StrictValue.decimalMessage, for the @Digits that checks the digits. */
const decimalMessage = (precision: number, scale: number): string =>
  `must be a decimal number with at most ${precision} digits, ${scale} after the point`;

/** One method-level @Parameter of the list route: a query parameter with its schema. */
export function queryParameter(name: string, type: string | null, description: string, schema: ReadonlyArray<readonly [string, AnnotationValue]>): string {
  const typed: Array<readonly [string, AnnotationValue]> = type === null ? [...schema] : [['type', javaString(type)], ...schema];
  return annotationJava(4, 'Parameter', [['in', 'ParameterIn.QUERY'], ['name', javaString(name)], ['description', javaString(description)], ['schema', { annotation: 'Schema', attributes: typed }]]);
}

/** The @Schema attributes of an equality filter's value, as the filter parses it (see Filter.java); null when none. */
export function filterSchema(f: FieldView): Array<readonly [string, AnnotationValue]> | null {
  if (!f.filterable) return null;
  const typed = (type: string, format?: string): Array<readonly [string, AnnotationValue]> => [['type', javaString(type)], ...(format ? [['format', javaString(format)] as const] : [])];
  switch (f.type) {
    case 'enum': return [['type', '"string"'], ['allowableValues', (f.values ?? []).map(javaString)]];
    case 'integer': return typed('integer', 'int32');
    case 'bigint': return typed('integer', 'int64');
    case 'number': return typed('number', 'double');
    case 'boolean': return typed('boolean');
    case 'date': return typed('string', 'date');
    case 'datetime': return typed('string', 'date-time');
    case 'uuid': return typed('string', 'uuid');
    case 'decimal': return [['type', '"string"'], ['description', '"A decimal number as a string"']];
    case 'json': return null;
    default: return typed('string');
  }
}
