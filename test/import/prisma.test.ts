import { describe, expect, it } from 'vitest';
import { ImportSyntaxError } from '../../src/import/index.js';
import { imported, warningAt } from './helpers.js';

describe('import: Prisma schema', () => {
  it('maps models, scalar types and @db attributes; id and timestamps map onto ours', async () => {
    const { entities } = await imported('blog.prisma');
    expect(Object.keys(entities)).toEqual(['Author', 'Profile', 'Post', 'Tag']);
    expect(entities.Author.fields).toEqual({
      email: { type: 'string', maxLength: 254, required: true, unique: true },
      name: { type: 'string', maxLength: 80, required: true },
      bio: 'text',
      role: { type: 'enum', values: ['READER', 'AUTHOR', 'ADMIN'], required: true, default: 'READER' },
      active: { type: 'boolean', required: true, default: true },
    });
    expect(entities.Profile.fields).toEqual({ website: 'string', birthday: 'date' });
    expect(entities.Post.fields).toMatchObject({
      rating: { type: 'decimal', precision: 3, scale: 1, required: true },
      views: { type: 'bigint', required: true, default: 0 },
      score: 'number',
      meta: 'json',
      body: 'string!',
    });
  });

  it('maps relations: foreign-key side, @unique key as one-to-one, onDelete, and implicit many-to-many once', async () => {
    const { entities } = await imported('blog.prisma');
    expect(entities.Profile.relations).toEqual({ author: { kind: 'one-to-one', to: 'Author', required: true, onDelete: 'cascade' } });
    expect(entities.Post.relations).toEqual({
      author: { kind: 'many-to-one', to: 'Author', required: true },
      editor: { kind: 'many-to-one', to: 'Author', onDelete: 'set-null' },
      tags: { kind: 'many-to-many', to: 'Tag' },
    });
    // The back-relations (Author.posts, Author.profile, Tag.posts) are inverses, not new relations.
    expect(entities.Author.relations).toBeUndefined();
    expect(entities.Tag.relations).toBeUndefined();
    expect(entities.Post.fields).not.toHaveProperty('authorId');
  });

  it('warns, with the line, about Bytes, compound constraints and non-constant defaults', async () => {
    const { warnings } = await imported('blog.prisma');
    expect(warningAt(warnings, 20)).toEqual([expect.stringContaining('Author.avatar: type Bytes has no equivalent')]);
    expect(warningAt(warnings, 50)).toEqual([expect.stringContaining('@@unique(title, authorId) of Post has no equivalent')]);
    expect(warningAt(warnings, 48)).toEqual([expect.stringContaining('Post.slug: default cuid() is not a constant')]);
  });

  it('warns about a non-id @id and scalar lists', async () => {
    const text = 'model Code {\n  code String @id\n  tags String[]\n}\n';
    const { entities, warnings } = await imported('codes.prisma', text);
    expect(entities.Code.fields).toEqual({ code: { type: 'string', required: true, unique: true } });
    expect(warningAt(warnings, 2)).toEqual([expect.stringContaining('@id on Code.code')]);
    expect(warningAt(warnings, 3)).toEqual([expect.stringContaining('list of String')]);
  });

  it('reports a syntax error with its line and column', async () => {
    const err = await imported('bad.prisma', 'model X {\n  id Int @id\n  bad bad bad(\n}\n').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ImportSyntaxError);
    expect(err).toMatchObject({ line: 3 });
  });
});
