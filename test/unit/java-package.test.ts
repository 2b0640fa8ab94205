import { describe, expect, it } from 'vitest';
import { defaultJavaPackage, javaPackageProblem } from '../../src/config/java-package.js';

describe('java package', () => {
  it('follows the project name as Spring Initializr does', () => {
    expect(defaultJavaPackage('pet-clinic')).toBe('com.example.petclinic');
    expect(defaultJavaPackage('shop')).toBe('com.example.shop');
  });
  it('never derives a name the compiler refuses', () => {
    expect(defaultJavaPackage('class')).toBe('com.example.class_');
    expect(defaultJavaPackage('3d-print')).toBe('com.example.app3dprint');
    for (const name of ['class', '3d-print', 'new', 'pet-clinic', 'a']) expect(javaPackageProblem(defaultJavaPackage(name))).toBeUndefined();
  });
  it('names what is wrong with a package the user sets', () => {
    expect(javaPackageProblem('acme')).toMatch(/two segments/);
    expect(javaPackageProblem('org.Acme')).toMatch(/segment "Acme"/);
    expect(javaPackageProblem('org.acme.new')).toMatch(/"new" is a Java keyword/);
    expect(javaPackageProblem('org.acme.record')).toBeUndefined();
  });
});
