import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { User } from '../../../shared/schemas/accounts.ts';
import type { Role } from '../../../shared/permissions.ts';
import type { Structure } from '../../../shared/schemas/org-units.ts';
import { apiFetch } from '../../api.ts';

/** Assignment as sent to the API. */
export interface AssignmentInput {
  role: Role;
  structure: Structure | null;
  unitCode: string | null;
}
/** Body of POST /api/users. */
export interface UserCreateBody {
  username: string;
  displayName: string;
  password?: string;
  /** A partner account's telecom business. */
  organization?: string | null;
  assignments: AssignmentInput[];
}
/** Body of PATCH /api/users/:id. */
export interface UserUpdateBody {
  displayName?: string;
  isDisabled?: boolean;
  organization?: string | null;
  assignments?: AssignmentInput[];
}
/** A user plus the password generated for them (null when the creator chose it). */
export interface GeneratedPassword {
  user: User;
  password: string | null;
}

/** Page size of the users table. */
export const USERS_PAGE_SIZE = 50;

/** One page of users matching `q`. */
export function useUsers(q: string, offset: number) {
  return useQuery({
    queryKey: ['users', q, offset],
    queryFn: ({ signal }) =>
      apiFetch<{ items: User[]; total: number }>('/api/users', { query: { q, limit: USERS_PAGE_SIZE, offset }, signal }),
    placeholderData: keepPreviousData,
  });
}

/** One user by id. */
export function useUser(id: string) {
  return useQuery({
    queryKey: ['user', id],
    queryFn: ({ signal }) => apiFetch<User>(`/api/users/${encodeURIComponent(id)}`, { signal }),
  });
}

/** Creates an account; answers the generated password once. */
export function useCreateUser() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: UserCreateBody) => apiFetch<GeneratedPassword>('/api/users', { method: 'POST', body }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['users'] }),
  });
}

/** Updates display name, assignments or the disabled flag. */
export function useUpdateUser(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: UserUpdateBody) => apiFetch<User>(`/api/users/${encodeURIComponent(id)}`, { method: 'PATCH', body }),
    onSuccess: (user) => {
      qc.setQueryData(['user', id], user);
      void qc.invalidateQueries({ queryKey: ['users'] });
    },
  });
}

/** Resets a user's password to a generated one. */
export function useResetPassword(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => apiFetch<GeneratedPassword>(`/api/users/${encodeURIComponent(id)}/reset-password`, { method: 'POST' }),
    onSuccess: ({ user }) => {
      qc.setQueryData(['user', id], user);
      void qc.invalidateQueries({ queryKey: ['users'] });
    },
  });
}
