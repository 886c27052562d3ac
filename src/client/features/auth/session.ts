import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { User } from '../../../shared/schemas/accounts.ts';
import { roleCan, type Action } from '../../../shared/permissions.ts';
import { ApiError, apiFetch } from '../../api.ts';

/** Query key of the signed-in user. */
export const ME_KEY = ['me'] as const;

async function fetchMe(): Promise<User | null> {
  try {
    const body = await apiFetch<{ user: User }>('/api/me', { quiet: true });
    return body.user;
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) return null;
    throw err;
  }
}

/** Where to go after login: a same-site path from `?next=`, or home. */
export function safeNext(search: string): string {
  const next = new URLSearchParams(search).get('next');
  return next && next.startsWith('/') && !next.startsWith('//') && next !== '/login' ? next : '/';
}

/** The signed-in user (null when anonymous); `isPending` while the first check runs. */
export function useMe() {
  return useQuery({ queryKey: ME_KEY, queryFn: fetchMe, staleTime: 60_000, retry: false });
}

/** True when any of the user's assignments has a role granting the action. */
export function userCan(user: User | null | undefined, action: Action): boolean {
  return Boolean(user?.assignments.some((a) => roleCan(a.role, action)));
}

/** Logs in; on success the user is stored as the current session. */
export function useLogin() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { username: string; password: string }) =>
      apiFetch<{ user: User }>('/api/auth/login', { method: 'POST', body, quiet: true }),
    onSuccess: ({ user }) => {
      qc.clear();
      qc.setQueryData(ME_KEY, user);
    },
  });
}

/** Changes the signed-in user's password. */
export function useChangePassword() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { currentPassword: string; newPassword: string }) =>
      apiFetch<{ user: User }>('/api/auth/change-password', { method: 'POST', body, quiet: true }),
    onSuccess: ({ user }) => {
      qc.setQueryData(ME_KEY, user);
    },
  });
}

/** Logs out and forgets every cached query. */
export function useLogout() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => apiFetch<void>('/api/auth/logout', { method: 'POST', quiet: true }),
    onSettled: () => {
      qc.clear();
      qc.setQueryData(ME_KEY, null);
    },
  });
}
