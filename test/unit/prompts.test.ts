import { describe, expect, it } from 'vitest';
import { ask, type Prompter } from '../../src/cli/prompts.js';
import type { Answers } from '../../src/config/resolve.js';

/**
 * Interactive mode driven programmatically: a script answers each question (by its message); an input is
 * tried with each scripted attempt in turn, as a user re-typing after a rejection, and the rejections are kept.
 */
type Script = Array<[RegExp, string | string[] | boolean]>;

function scripted(script: Script) {
  const asked: Array<{ message: string; choices?: string[] }> = [];
  const rejections: Array<{ message: string; answer: string; why: string }> = [];
  const next = (message: string) => {
    const i = script.findIndex(([pattern]) => pattern.test(message));
    if (i < 0) throw new Error(`unexpected question: ${message}`);
    return script.splice(i, 1)[0][1];
  };
  const prompter: Prompter = {
    input: async ({ message, validate }) => {
      asked.push({ message });
      const attempts = next(message) as string | string[];
      for (const answer of Array.isArray(attempts) ? attempts : [attempts]) {
        const verdict = validate ? validate(answer) : true;
        if (verdict === true) return answer;
        rejections.push({ message, answer, why: verdict });
      }
      throw new Error(`every answer to "${message}" was rejected: ${JSON.stringify(rejections)}`);
    },
    select: async <T extends string>({ message, choices }: { message: string; choices: Array<{ name: string; value: T }> }) => {
      asked.push({ message, choices: choices.map((c) => c.value) });
      const answer = next(message) as string;
      if (!choices.some((c) => c.value === answer)) throw new Error(`"${answer}" is not offered for ${message}: ${choices.map((c) => c.value).join(', ')}`);
      return answer as T;
    },
    checkbox: async <T extends string>({ message, choices, validate }: { message: string; choices: Array<{ name: string; value: T }>; validate?: (v: readonly T[]) => true | string }) => {
      asked.push({ message, choices: choices.map((c) => c.value) });
      const attempts = next(message) as string | string[];
      for (const attempt of (Array.isArray(attempts) ? attempts : [attempts]).map((a) => (a === '' ? [] : a.split(',')) as T[])) {
        const verdict = validate ? validate(attempt) : true;
        if (verdict === true) return attempt;
        rejections.push({ message, answer: attempt.join(','), why: verdict });
      }
      throw new Error(`every choice for "${message}" was rejected`);
    },
    confirm: async ({ message }) => {
      asked.push({ message });
      return next(message) as boolean;
    },
  };
  return { prompter, asked, rejections, left: script };
}

const PET: Script = [
  [/First entity name/, 'Pet'],
  [/Pet: field name/, 'name'],
  [/name: type/, 'string'],
  [/name: required/, true],
  [/name: unique/, false],
  [/name: max length/, '80'],
  [/Pet: field name/, ''],
  [/Pet: relation name/, ''],
  [/Another entity/, ''],
];

describe('interactive answers', () => {
  it('with a cloud target given, SQLite is not offered', async () => {
    const s = scripted([[/Database/, 'postgres'], [/AWS infrastructure/, 'terraform'], [/Authentication/, 'none'], ...PET]);
    const a = await ask({ name: 'pets', stack: 'node', cloud: ['aws'] } as Answers, s.prompter);
    expect(s.asked.find((q) => q.message === 'Database')!.choices).toEqual(['postgres', 'mysql', 'mongodb']);
    expect(a).toMatchObject({ database: 'postgres', cloud: ['aws'] });
  });

  it('with MongoDB on AWS, the infrastructure is Terraform without asking (the CDK app describes RDS only)', async () => {
    const s = scripted([[/Database/, 'mongodb'], [/Authentication/, 'none'], ...PET]);
    const a = await ask({ name: 'pets', stack: 'node', cloud: ['aws'] } as Answers, s.prompter);
    expect(s.asked.map((q) => q.message)).not.toContain('AWS infrastructure as code');
    expect(a).toMatchObject({ database: 'mongodb', cloud: ['aws'], iac: 'terraform' });
    expect(s.left).toEqual([]);
  });

  it('with SQLite chosen, no cloud target is asked for', async () => {
    const s = scripted([[/Database/, 'sqlite'], [/Authentication/, 'none'], ...PET]);
    const a = await ask({ name: 'pets', stack: 'node' }, s.prompter);
    expect(s.asked.map((q) => q.message)).not.toContain('Cloud targets (none selected = Docker only)');
    expect(a.cloud).toEqual([]);
    expect(s.left).toEqual([]);
  });

  it('a cloud choice that breaks a rule is re-asked with the rule message', async () => {
    const s = scripted([[/Database/, 'postgres'], [/Cloud targets/, ['gcp', 'aws,gcp']], [/Authentication/, 'none'], ...PET]);
    const a = await ask({ name: 'pets', stack: 'node', iac: 'cdk' }, s.prompter);
    expect(s.rejections).toEqual([expect.objectContaining({ answer: 'gcp', why: expect.stringMatching(/iac "cdk".*aws/) })]);
    expect(a.cloud).toEqual(['aws', 'gcp']);
  });

  it('each answer is checked against the rules as soon as it is given', async () => {
    const s = scripted([
      [/Project name/, ['My API', 'my-api']],
      [/Stack/, 'node'],
      [/Database/, 'mysql'],
      [/Cloud targets/, ''],
      [/Authentication/, 'none'],
      [/First entity name/, 'Pet'],
      [/Pet: field name/, 'code'],
      [/code: type/, 'string'],
      [/code: required/, true],
      [/code: unique/, true],
      [/code: max length/, ['20000', '2000', '64']],
      [/Pet: field name/, 'age'],
      [/age: type/, 'integer'],
      [/age: required/, false],
      [/age: unique/, false],
      [/age: minimum/, ['3000000000', '0']],
      [/age: maximum/, '30'],
      [/Pet: field name/, ''],
      [/Pet: relation name/, ''],
      [/Another entity/, ''],
    ]);
    const a = await ask({}, s.prompter);
    expect(s.rejections.map((r) => [r.answer, r.why])).toEqual([
      ['My API', expect.stringMatching(/kebab-case.*try "my-api"/)],
      ['20000', expect.stringMatching(/too long for a string column.*use type text/)],
      ['2000', expect.stringMatching(/768/)],
      ['3000000000', expect.stringMatching(/not a 32-bit integer.*bigint/)],
    ]);
    expect(a).toMatchObject({ name: 'my-api', database: 'mysql', cloud: [], entities: { Pet: { fields: { code: { maxLength: 64, unique: true }, age: { min: 0, max: 30 } } } } });
    expect(s.left).toEqual([]);
  });
});
