import { describe, expect, it } from 'vitest';
import type { Role } from '../../../shared/permissions.ts';
import type { Actor } from '../../http/context.ts';
import { jobReaderOf, mau2ImportScope } from './imports.policy.ts';

const actor = (role: Role, unitPath: string | null): Actor => ({
  userId: 'u1',
  username: 'thu.nghiem',
  displayName: 'Thử nghiệm',
  mustChangePassword: false,
  personId: null,
  organization: null,
  assignments: [{ id: 'a1', role, structure: unitPath ? 'current' : null, unitCode: null, unitName: null, unitPath }],
  ip: '127.0.0.1',
});

describe('mau2ImportScope', () => {
  it('lets a province or a commune of it import the province file, with their own scope', () => {
    expect(mau2ImportScope(actor('province_officer', 'current:/82/'), 'current', '82')).toEqual(['current:/82/']);
    expect(mau2ImportScope(actor('commune_officer', 'current:/82/29905/'), 'current', '82')).toEqual(['current:/82/29905/']);
    expect(mau2ImportScope(actor('admin', null), 'legacy', '84')).toBe('all');
  });
  it('answers 404 for a province the scope does not touch, and 403 without team.manage', () => {
    expect(() => mau2ImportScope(actor('province_officer', 'current:/86/'), 'current', '82')).toThrow(
      expect.objectContaining({ code: 'NOT_FOUND' }),
    );
    expect(() => mau2ImportScope(actor('commune_officer', 'current:/82/29905/'), 'legacy', '82')).toThrow(
      expect.objectContaining({ code: 'NOT_FOUND' }),
    );
    expect(() => mau2ImportScope(actor('team_member', 'current:/82/29905/'), 'current', '82')).toThrow(
      expect.objectContaining({ code: 'FORBIDDEN' }),
    );
  });
});

describe('jobReaderOf', () => {
  it('reads with the user and their team.manage scope, and refuses those who manage no team', () => {
    expect(jobReaderOf(actor('commune_officer', 'current:/82/29905/'))).toEqual({ userId: 'u1', scope: ['current:/82/29905/'] });
    expect(() => jobReaderOf(actor('partner', 'current:/82/'))).toThrow(expect.objectContaining({ code: 'FORBIDDEN' }));
  });
});
