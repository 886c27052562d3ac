import { describe, expect, it } from 'vitest';
import { isBelowScope, isInScope, overlapsScope } from './scope.ts';

const province = 'current:/82/';
const commune = 'current:/82/29905/';
const village = 'current:/82/29905/29905-001/';
const otherProvince = 'current:/86/';

describe('isInScope', () => {
  it('holds for the scope unit itself and everything beneath it', () => {
    expect(isInScope([commune], commune)).toBe(true);
    expect(isInScope([commune], village)).toBe(true);
    expect(isInScope('all', otherProvince)).toBe(true);
  });
  it('refuses the parent, a sibling, another structure and the empty scope', () => {
    expect(isInScope([commune], province)).toBe(false);
    expect(isInScope([commune], 'current:/82/29906/')).toBe(false);
    expect(isInScope([commune], 'legacy:/82/29905/')).toBe(false);
    expect(isInScope([], commune)).toBe(false);
  });
  it('does not take a code that merely starts like the scope code', () => {
    expect(isInScope(['current:/8/'], province)).toBe(false);
  });
});

describe('overlapsScope', () => {
  it('holds both ways: a unit inside the scope and a scope inside the unit', () => {
    expect(overlapsScope([province], commune)).toBe(true);
    expect(overlapsScope([commune], province)).toBe(true);
    expect(overlapsScope('all', province)).toBe(true);
  });
  it('refuses disjoint subtrees and the empty scope', () => {
    expect(overlapsScope([commune], otherProvince)).toBe(false);
    expect(overlapsScope([], province)).toBe(false);
  });
});

describe('isBelowScope', () => {
  it('holds for units strictly beneath a scope unit', () => {
    expect(isBelowScope([province], commune)).toBe(true);
    expect(isBelowScope([province], village)).toBe(true);
    expect(isBelowScope('all', province)).toBe(true);
  });
  it('refuses the scope unit itself, units above or beside it, and the empty scope', () => {
    expect(isBelowScope([commune], commune)).toBe(false);
    expect(isBelowScope([commune], province)).toBe(false);
    expect(isBelowScope([commune], otherProvince)).toBe(false);
    expect(isBelowScope([], commune)).toBe(false);
  });
  it('holds when another scope unit lies above a unit the actor also runs', () => {
    expect(isBelowScope([commune, province], commune)).toBe(true);
  });
});
