import { words } from './reserved.js';

/** JLS 3.9 reserved keywords and literals: the words no package segment may be (contextual ones such as `record` may). */
const RESERVED = words('abstract assert boolean break byte case catch char class const continue default do double else enum extends final finally float for goto if implements import instanceof int interface long native new package private protected public return short static strictfp super switch synchronized this throw throws transient try void volatile while true false null');

/**
 * The Java package of a java project (SPEC 3: the project name becomes package names per stack). Spring
 * Initializr's convention: `com.example.<artifact without separators>`, so `pet-clinic` → `com.example.petclinic`.
 * The resolved value is written to backend.yaml (`java.package`), so renaming the project later does not move
 * every source file; users who own a domain set it themselves.
 */
export function defaultJavaPackage(projectName: string): string {
  let last = projectName.toLowerCase().replace(/[^a-z0-9]/g, '');
  if (!/^[a-z]/.test(last)) last = `app${last}`;
  return `com.example.${RESERVED.has(last) ? `${last}_` : last}`;
}

/** Why `pkg` is not a package name every Java compiler accepts, or undefined when it is. */
export function javaPackageProblem(pkg: string): string | undefined {
  const segments = pkg.split('.');
  if (segments.length < 2) return 'needs at least two segments, such as com.acme';
  const bad = segments.find((s) => !/^[a-z][a-z0-9_]*$/.test(s));
  if (bad !== undefined) return `segment "${bad}" must be lower-case letters, digits and "_", starting with a letter`;
  const keyword = segments.find((s) => RESERVED.has(s));
  if (keyword !== undefined) return `segment "${keyword}" is a Java keyword`;
  return undefined;
}
