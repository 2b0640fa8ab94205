import type { IToken, TokenType } from 'chevrotain';
import { camelCase, pluralize } from '../config/naming.js';
import { At, Comma, Equals, LCurly, LParen, Name, RCurly, RParen, tokenize } from './jdl-lexer.js';
import { ImportSyntaxError, ModelBuilder, type FieldOut, type RelationOut } from './model.js';

interface Side {
  readonly entity: string;
  readonly field?: string;
  readonly required: boolean;
  readonly line: number;
}
interface Relationship {
  readonly kind: string;
  readonly from: Side;
  readonly to: Side;
  readonly onDelete?: string;
  readonly builtInEntity: boolean;
}
interface JdlField {
  readonly name: string;
  readonly type: string;
  readonly line: number;
  readonly validations: Array<{ name: string; value?: string; line: number }>;
}

const RELATIONSHIP_KINDS = ['OneToOne', 'OneToMany', 'ManyToOne', 'ManyToMany'];

/**
 * JHipster JDL → model: entities with their fields, types and validations, enums, relationships of every
 * cardinality. The application and deployment blocks and the option statements (paginate, dto, service, …)
 * describe JHipster's own generator and are warnings. JHipster's built-in `User`, when a relationship points
 * to it and the model does not declare it, becomes an ordinary entity `User` (with a warning).
 */
export function importJdl(text: string, file: string): ModelBuilder {
  const lexed = tokenize(text);
  if (lexed.error) throw new ImportSyntaxError(`${file} is not valid JDL: ${lexed.error.message}`, lexed.error.line, lexed.error.column);
  return new JdlParser(lexed.tokens, file).parse();
}

class JdlParser {
  private i = 0;
  private readonly b = new ModelBuilder();
  private readonly constants = new Map<string, string>();
  private readonly enums = new Map<string, string[]>();
  private readonly entities: Array<{ name: string; line: number; fields: JdlField[] }> = [];
  private readonly relationships: Relationship[] = [];

  constructor(
    private readonly tokens: IToken[],
    private readonly file: string,
  ) {}

  parse(): ModelBuilder {
    while (!this.done()) this.statement();
    this.build();
    return this.b;
  }

  private statement(): void {
    const t = this.peek();
    if (t.tokenType === At) return void this.annotation();
    const word = this.expect(Name, 'a JDL statement (entity, enum, relationship, application, …)');
    if (this.peek()?.tokenType === Equals) {
      this.next();
      this.constants.set(word.image, this.next().image);
      return;
    }
    switch (word.image) {
      case 'entity':
        return this.entity();
      case 'enum':
        return this.enumeration();
      case 'relationship':
        return this.relationship();
      case 'application':
      case 'deployment':
        this.skipBlock();
        this.b.warn(word.startLine!, `the ${word.image} block configures JHipster's generator and is not imported; choose stack, database and auth with flags`);
        return;
      default:
        this.option(word);
    }
  }

  /** `paginate A, B with pagination except C`, `service * with serviceClass`, `dto all with mapstruct`, … */
  private option(word: IToken): void {
    const list = () => {
      do this.next();
      while (this.accept(Comma));
    };
    list();
    if (this.peekName('with')) {
      this.next();
      this.next();
    }
    if (this.peekName('except')) {
      this.next();
      list();
    }
    this.b.warn(word.startLine!, `option "${word.image}" configures JHipster's generator and has no equivalent (every entity gets paging, filters and a service)`);
  }

  private entity(): void {
    const name = this.expect(Name, 'an entity name');
    if (this.accept(LParen)) {
      const table = this.next();
      this.expect(RParen, '")"');
      this.b.warn(table.startLine!, `table name ${table.image} of ${name.image} is not kept; tables are named after the entity`);
    }
    const fields: JdlField[] = [];
    if (this.accept(LCurly)) {
      while (!this.accept(RCurly)) {
        if (this.peek()?.tokenType === At) {
          this.annotation();
          continue;
        }
        const field = this.expect(Name, 'a field name or "}"');
        const type = this.expect(Name, `the type of field ${field.image}`);
        const validations: JdlField['validations'] = [];
        while (this.peek()?.tokenType === Name && isValidation(this.peek().image) && !this.isFieldStart()) {
          const v = this.next();
          let value: string | undefined;
          if (this.accept(LParen)) {
            const arg = this.next();
            value = arg.tokenType === Name ? (this.constants.get(arg.image) ?? arg.image) : arg.image;
            this.expect(RParen, '")"');
          }
          validations.push({ name: v.image, value, line: v.startLine! });
        }
        this.accept(Comma);
        fields.push({ name: field.image, type: type.image, line: field.startLine!, validations });
      }
    }
    this.entities.push({ name: name.image, line: name.startLine!, fields });
  }

  /** A validation keyword followed by a type (types are PascalCase in JDL) is the next field: `unique Boolean`. */
  private isFieldStart(): boolean {
    const next = this.tokens[this.i + 1];
    return next?.tokenType === Name && /^[A-Z]/.test(next.image);
  }

  private enumeration(): void {
    const name = this.expect(Name, 'an enum name');
    this.expect(LCurly, '"{"');
    const values: string[] = [];
    while (!this.accept(RCurly)) {
      const v = this.expect(Name, 'an enum value or "}"');
      if (this.accept(LParen)) {
        const custom = this.next();
        this.expect(RParen, '")"');
        this.b.warn(v.startLine!, `enum value ${v.image}(${custom.image}) of ${name.image}: the custom value is not kept; the name is stored`);
      }
      values.push(v.image);
      this.accept(Comma);
    }
    this.enums.set(name.image, values);
  }

  private relationship(): void {
    const kind = this.expect(Name, `a relationship kind (${RELATIONSHIP_KINDS.join(', ')})`);
    if (!RELATIONSHIP_KINDS.includes(kind.image)) this.fail(kind, `"${kind.image}" is not a relationship kind`);
    this.expect(LCurly, '"{"');
    while (!this.accept(RCurly)) {
      let onDelete: string | undefined;
      while (this.peek()?.tokenType === At) {
        const a = this.annotation();
        if (a.name.toLowerCase() === 'ondelete') onDelete = a.value?.replace(/"/g, '').toLowerCase();
      }
      const from = this.side();
      if (!this.peekName('to')) this.fail(this.peek(), 'expected "to" between the two sides of a relationship');
      this.next();
      while (this.peek()?.tokenType === At) this.annotation();
      const to = this.side();
      let builtInEntity = false;
      if (this.peekName('with')) {
        this.next();
        builtInEntity = this.next().image === 'builtInEntity';
      }
      this.relationships.push({ kind: kind.image, from, to, onDelete, builtInEntity });
      this.accept(Comma);
    }
  }

  /** `Entity{field(display) required}` or just `Entity`. The display field only matters to JHipster's UI. */
  private side(): Side {
    const entity = this.expect(Name, 'an entity name');
    let field: string | undefined;
    let required = false;
    if (this.accept(LCurly)) {
      field = this.expect(Name, 'a relationship name').image;
      if (this.accept(LParen)) {
        this.next();
        this.expect(RParen, '")"');
      }
      while (!this.accept(RCurly)) {
        const w = this.next();
        if (w.image === 'required') required = true;
      }
    }
    return { entity: entity.image, field, required, line: entity.startLine! };
  }

  private annotation(): { name: string; value?: string } {
    this.expect(At, '"@"');
    const name = this.expect(Name, 'an annotation name').image;
    let value: string | undefined;
    if (this.accept(LParen)) {
      value = this.next().image;
      this.expect(RParen, '")"');
    }
    return { name, value };
  }

  private skipBlock(): void {
    this.expect(LCurly, '"{"');
    let depth = 1;
    while (depth > 0) {
      if (this.done()) this.fail(this.tokens[this.tokens.length - 1], 'unclosed "{"');
      const t = this.next();
      if (t.tokenType === LCurly) depth++;
      if (t.tokenType === RCurly) depth--;
    }
  }

  private build(): void {
    const declared = new Set(this.entities.map((e) => e.name));
    for (const e of this.entities) this.b.entity(e.name);
    const userRelation = this.relationships.find((r) => !declared.has('User') && (r.to.entity === 'User' || r.from.entity === 'User'));
    if (userRelation) {
      // JHipster's User is its account table; here it becomes an ordinary entity holding what JHipster's has.
      const user = this.b.entity('User');
      user.fields.set('login', { type: 'string', required: true, unique: true, maxLength: 50 });
      user.fields.set('email', { type: 'email', unique: true });
      user.fields.set('firstName', { type: 'string', maxLength: 50 });
      user.fields.set('lastName', { type: 'string', maxLength: 50 });
      this.b.warn(userRelation.from.line, "relationship to JHipster's built-in User: imported as an ordinary entity User (login, email, firstName, lastName); with --auth jwt the accounts are separate, use owned: true for rows that belong to the signed-in user");
    }
    for (const e of this.entities) {
      const entity = this.b.entity(e.name);
      for (const f of e.fields) {
        if (['id', 'createdAt', 'updatedAt'].includes(f.name)) continue;
        const field = this.field(e.name, f);
        if (field) entity.fields.set(f.name, field);
      }
    }
    for (const r of this.relationships) this.relation(r);
  }

  private field(entity: string, f: JdlField): FieldOut | undefined {
    const type = mapType(f.type, this.enums);
    if (!type) {
      this.b.warn(f.line, `${entity}.${f.name}: type ${f.type} has no equivalent${/Blob$/.test(f.type) ? ' (binary data belongs in object storage)' : ''}; the field is not imported`);
      return undefined;
    }
    const field: FieldOut = { ...type };
    for (const v of f.validations) {
      const n = Number(v.value);
      switch (v.name) {
        case 'required':
        case 'unique':
          field[v.name] = true;
          break;
        case 'min':
        case 'max':
          if (['integer', 'bigint', 'number', 'decimal'].includes(type.type)) field[v.name] = n;
          else field[v.name === 'min' ? 'minLength' : 'maxLength'] = n;
          break;
        case 'minlength':
          field.minLength = n;
          break;
        case 'maxlength':
          field.maxLength = n;
          break;
        case 'pattern':
          field.pattern = v.value!.replace(/^\/|\/$/g, '').replace(/^'|'$/g, '');
          break;
        default:
          this.b.warn(v.line, `${entity}.${f.name}: validation ${v.name} has no equivalent`);
      }
    }
    // A long JHipster String (maxlength over our default) is what our `text` type is for.
    if (type.type === 'string' && typeof field.maxLength === 'number' && field.maxLength > 10_000) field.type = 'text';
    return field;
  }

  private relation(r: Relationship): void {
    const toName = (side: Side, other: Side, many: boolean) => {
      const base = camelCase(side.field ?? other.entity);
      return many ? camelCase(pluralize(base)) : base;
    };
    const onDelete: RelationOut['onDelete'] = r.onDelete === 'cascade' ? 'cascade' : r.onDelete === 'set null' ? 'set-null' : undefined;
    if (r.onDelete && !onDelete && r.onDelete !== 'restrict' && r.onDelete !== 'no action') this.b.warn(r.from.line, `@OnDelete(${r.onDelete}) has no equivalent; restrict is used`);
    const set = (owner: Side, target: Side, rel: RelationOut) => this.b.entity(owner.entity).relations.set(toName(owner, target, rel.kind === 'many-to-many'), rel);
    const opts = (side: Side) => ({ ...(side.required ? { required: true } : {}), ...(onDelete ? { onDelete } : {}) });
    switch (r.kind) {
      case 'ManyToOne':
        return void set(r.from, r.to, { kind: 'many-to-one', to: r.to.entity, ...opts(r.from) });
      case 'OneToOne':
        return void set(r.from, r.to, { kind: 'one-to-one', to: r.to.entity, ...opts(r.from) });
      case 'OneToMany':
        // The foreign key lives on the "many" side: a many-to-one from it, named by its side of the JDL.
        return void set(r.to, r.from, { kind: 'many-to-one', to: r.from.entity, ...opts(r.to) });
      case 'ManyToMany':
        return void set(r.from, r.to, { kind: 'many-to-many', to: r.to.entity });
    }
  }

  private peek(): IToken {
    return this.tokens[this.i];
  }
  private peekName(word: string): boolean {
    return this.peek()?.tokenType === Name && this.peek().image === word;
  }
  private done(): boolean {
    return this.i >= this.tokens.length;
  }
  private next(): IToken {
    if (this.done()) this.fail(this.tokens[this.tokens.length - 1], 'unexpected end of file');
    return this.tokens[this.i++];
  }
  private accept(type: TokenType): IToken | undefined {
    return this.peek()?.tokenType === type ? this.tokens[this.i++] : undefined;
  }
  private expect(type: TokenType, what: string): IToken {
    const t = this.peek();
    if (t?.tokenType !== type) this.fail(t ?? this.tokens[this.tokens.length - 1], `expected ${what}${t ? `, found "${t.image}"` : ' before the end of the file'}`);
    return this.tokens[this.i++];
  }
  private fail(at: IToken | undefined, message: string): never {
    throw new ImportSyntaxError(`${this.file} is not valid JDL: ${message}`, at?.startLine ?? 1, at?.startColumn ?? 1);
  }
}

const VALIDATIONS = new Set(['required', 'unique', 'min', 'max', 'minlength', 'maxlength', 'pattern', 'minbytes', 'maxbytes']);
const isValidation = (word: string): boolean => VALIDATIONS.has(word);

function mapType(t: string, enums: Map<string, string[]>): FieldOut | undefined {
  switch (t) {
    case 'String':
      return { type: 'string' };
    case 'TextBlob':
      return { type: 'text' };
    case 'Integer':
      return { type: 'integer' };
    case 'Long':
      return { type: 'bigint' };
    case 'Float':
    case 'Double':
      return { type: 'number' };
    case 'BigDecimal':
      return { type: 'decimal' };
    case 'Boolean':
      return { type: 'boolean' };
    case 'LocalDate':
      return { type: 'date' };
    case 'Instant':
    case 'ZonedDateTime':
    case 'LocalDateTime':
      return { type: 'datetime' };
    case 'UUID':
      return { type: 'uuid' };
    default:
      return enums.has(t) ? { type: 'enum', values: enums.get(t)! } : undefined;
  }
}
