import { describe, expect, it } from 'vitest';
import { formatInScratch } from '../../src/steps/format.js';
import type { ProjectToolFormatter } from '../../src/stacks/types.js';
import { javaStack } from '../../src/stacks/java/stack.js';

/**
 * `update` formats its new render in a scratch folder with the project's own formatter (src/steps/format.ts).
 * A shell script stands in for the formatter: it rewrites the files it formats and needs its "build file".
 */
const fake = (script: string, offline = script): ProjectToolFormatter => ({
  kind: 'project',
  command: { file: 'sh', args: ['-c', script], missingHint: 'install the formatter' },
  offlineArgs: ['-c', offline],
  formats: (p) => p.endsWith('.java'),
  needs: (p) => p === 'pom.xml',
});
const files = () => new Map([
  ['pom.xml', Buffer.from('<project/>')],
  ['src/A.java', Buffer.from('class A {  }\n')],
  ['README.md', Buffer.from('class  text, not formatted\n')],
]);
const squeeze = 'test -f pom.xml && test ! -f README.md && sed -i "s/  */ /g" src/A.java';

describe('formatInScratch', () => {
  it('returns the formatted files and leaves the others as rendered', () => {
    const out = formatInScratch(fake(squeeze), files());
    expect(out.error).toBeUndefined();
    expect(out.files.get('src/A.java')!.toString()).toBe('class A { }\n');
    expect(out.files.get('README.md')!.toString()).toBe('class  text, not formatted\n');
  });

  it('falls back to the online command when the offline one fails', () => {
    const out = formatInScratch(fake(squeeze, 'exit 1'), files());
    expect(out.error).toBeUndefined();
    expect(out.files.get('src/A.java')!.toString()).toBe('class A { }\n');
  });

  it('says why when the formatter cannot run, and returns the files unchanged', () => {
    const out = formatInScratch(fake('echo "no plugin in the cache" >&2; exit 1'), files());
    expect(out.error).toMatch(/failed \(install the formatter\): no plugin in the cache/);
    expect(out.files.get('src/A.java')!.toString()).toBe('class A {  }\n');
  });

  it('java formats its sources and needs only the build file and the wrapper', () => {
    const f = javaStack.formatter!;
    expect(['src/main/java/com/example/a/App.java', 'src/test/java/com/example/a/AppTest.java'].every(f.formats)).toBe(true);
    expect(f.formats('src/main/resources/application.properties')).toBe(false);
    expect(['pom.xml', 'mvnw', '.mvn/wrapper/maven-wrapper.properties'].every(f.needs)).toBe(true);
    expect(f.needs('README.md')).toBe(false);
  });
});
