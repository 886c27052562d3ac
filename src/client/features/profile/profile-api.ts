import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Profile } from '../../../shared/schemas/accounts.ts';
import type { NotificationChannels } from '../../../shared/schemas/notifications.ts';
import { apiFetch } from '../../api.ts';
import { ME_KEY } from '../auth/session.ts';

/** The signed-in user's contact and notification channels (GET /api/me/profile). */
export function useProfile() {
  return useQuery({ queryKey: ['profile'], queryFn: ({ signal }) => apiFetch<Profile>('/api/me/profile', { signal }) });
}

/** The channels this server delivers on (which choices mean something here). */
export function useChannels() {
  return useQuery({
    queryKey: ['notifications', 'channels'],
    queryFn: ({ signal }) => apiFetch<NotificationChannels>('/api/notifications/channels', { signal }),
  });
}

/** PATCH /api/me with what changed. */
export function useUpdateProfile() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (patch: Partial<Profile>) => apiFetch<Profile>('/api/me', { method: 'PATCH', body: patch }),
    onSuccess: (profile) => {
      qc.setQueryData(['profile'], profile);
      void qc.invalidateQueries({ queryKey: ME_KEY });
    },
  });
}
