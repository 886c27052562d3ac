import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { Structure } from '../../../shared/schemas/org-units.ts';
import type {
  memberAddSchema,
  membershipUpdateSchema,
  Person,
  personDetailSchema,
  personUpdateSchema,
  Team,
  teamCreateSchema,
  teamDetailSchema,
  teamUpdateSchema,
} from '../../../shared/schemas/teams.ts';
import type { coverageSchema } from '../../../shared/schemas/coverage.ts';
import { apiFetch } from '../../api.ts';

/** A team with its active members and history. */
export type TeamDetail = z.infer<typeof teamDetailSchema>;
/** A person with memberships across teams. */
export type PersonDetail = z.infer<typeof personDetailSchema>;
/** Coverage of a unit and its children. */
export type Coverage = z.infer<typeof coverageSchema>;
/** Body of POST /api/teams. */
export type TeamCreate = z.input<typeof teamCreateSchema>;
/** Body of PATCH /api/teams/:id. */
export type TeamUpdate = z.input<typeof teamUpdateSchema>;
/** Body of POST /api/teams/:id/members. */
export type MemberAdd = z.input<typeof memberAddSchema>;
/** Body of PATCH /api/memberships/:id. */
export type MembershipUpdate = z.input<typeof membershipUpdateSchema>;
/** Body of PATCH /api/people/:id. */
export type PersonUpdate = z.input<typeof personUpdateSchema>;

const teamsKey = (structure: Structure, unit: string) => ['teams', structure, unit] as const;
const teamKey = (id: string) => ['team', id] as const;
const personKey = (id: string) => ['person', id] as const;

/** Teams of a unit (all statuses). */
export function useTeams(structure: Structure, unit: string, enabled = true) {
  return useQuery({
    queryKey: teamsKey(structure, unit),
    queryFn: ({ signal }) =>
      apiFetch<{ items: Team[]; total: number }>('/api/teams', { query: { unit, structure, status: 'all', limit: 500 }, signal }),
    enabled,
  });
}

/** Creates a team; refreshes the unit's team list. */
export function useCreateTeam(structure: Structure, communeCode: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: TeamCreate) => apiFetch<TeamDetail>('/api/teams', { method: 'POST', body }),
    onSuccess: (team) => {
      qc.setQueryData(teamKey(team.id), team);
      void qc.invalidateQueries({ queryKey: teamsKey(structure, communeCode) });
      void qc.invalidateQueries({ queryKey: ['coverage'] });
    },
  });
}

/** One team with members, history and warnings (not fetched while `enabled` is false). */
export function useTeam(id: string, enabled = true) {
  return useQuery({
    queryKey: teamKey(id),
    queryFn: ({ signal }) => apiFetch<TeamDetail>(`/api/teams/${encodeURIComponent(id)}`, { signal }),
    enabled,
  });
}

function useTeamMutation<V>(request: (vars: V) => Promise<TeamDetail>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: request,
    onSuccess: (team) => {
      qc.setQueryData(teamKey(team.id), team);
      void qc.invalidateQueries({ queryKey: ['teams'] });
      void qc.invalidateQueries({ queryKey: ['person'] });
      void qc.invalidateQueries({ queryKey: ['coverage'] });
    },
  });
}

/** Renames, changes decision fields, dissolves or reactivates a team. */
export function useUpdateTeam(id: string) {
  return useTeamMutation((body: TeamUpdate) => apiFetch<TeamDetail>(`/api/teams/${encodeURIComponent(id)}`, { method: 'PATCH', body }));
}

/** Adds a member (new person or existing personId). */
export function useAddMember(teamId: string) {
  return useTeamMutation((body: MemberAdd) =>
    apiFetch<TeamDetail>(`/api/teams/${encodeURIComponent(teamId)}/members`, { method: 'POST', body }),
  );
}

/** Changes a membership's role/title or ends it (toDate). */
export function useUpdateMembership() {
  return useTeamMutation(({ id, body }: { id: string; body: MembershipUpdate }) =>
    apiFetch<TeamDetail>(`/api/memberships/${encodeURIComponent(id)}`, { method: 'PATCH', body }),
  );
}

/** One person with memberships. */
export function usePerson(id: string) {
  return useQuery({
    queryKey: personKey(id),
    queryFn: ({ signal }) => apiFetch<PersonDetail>(`/api/people/${encodeURIComponent(id)}`, { signal }),
  });
}

/** Updates a person's details. */
export function useUpdatePerson(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: PersonUpdate) => apiFetch<Person>(`/api/people/${encodeURIComponent(id)}`, { method: 'PATCH', body }),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: personKey(id) });
      void qc.invalidateQueries({ queryKey: ['team'] });
    },
  });
}

/** Erases a person's identity on their request (audited on the server); their memberships stay. */
export function useErasePerson(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (reason: string) => apiFetch<Person>(`/api/people/${encodeURIComponent(id)}/erase`, { method: 'POST', body: { reason } }),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: personKey(id) });
      void qc.invalidateQueries({ queryKey: ['team'] });
      void qc.invalidateQueries({ queryKey: ['teams'] });
    },
  });
}

/** Reveals the clear CCCD number (audited on the server). */
export function useRevealCccd(id: string) {
  return useMutation({
    mutationFn: () => apiFetch<{ cccd: string | null }>(`/api/people/${encodeURIComponent(id)}/reveal-cccd`, { method: 'POST', body: {} }),
  });
}

/** Coverage of a unit: its totals and one row per child. */
export function useCoverage(structure: Structure, unit: string) {
  return useQuery({
    queryKey: ['coverage', structure, unit],
    queryFn: ({ signal }) => apiFetch<Coverage>('/api/coverage', { query: { unit, structure }, signal }),
  });
}
