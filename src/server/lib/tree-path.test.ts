import { describe, expect, it } from 'vitest';
import { childPath, isWithin, likePrefix, pathCodes, rootPath } from './tree-path.ts';

describe('tree paths', () => {
  it('builds paths that carry the structure', () => {
    const province = childPath(rootPath('current'), '82');
    const commune = childPath(province, '29905');
    expect(commune).toBe('current:/82/29905/');
    expect(pathCodes(commune)).toEqual(['82', '29905']);
  });

  it('keeps structures apart even when codes are reused', () => {
    const legacy = childPath(rootPath('legacy'), '01');
    const current = childPath(rootPath('current'), '01');
    expect(isWithin(childPath(current, '00004'), legacy)).toBe(false);
    expect(isWithin(childPath(current, '00004'), current)).toBe(true);
  });

  it('does not treat a longer sibling code as a descendant', () => {
    expect(isWithin('current:/821/', 'current:/82/')).toBe(false);
  });

  it('escapes LIKE wildcards', () => {
    expect(likePrefix('a_b%/')).toBe('a\\_b\\%/%');
  });
});
