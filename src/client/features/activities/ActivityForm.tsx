import { useState, type FormEvent } from 'react';
import { Alert, Button, Group, Progress, Select, SimpleGrid, Stack, Text, Textarea } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { MAX_LINKS, MAX_PHOTOS, type Activity, type Indicator } from '../../../shared/schemas/activities.ts';
import type { Team } from '../../../shared/schemas/teams.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { useT } from '../../i18n.ts';
import { vnToday } from '../../../shared/dates.ts';
import { DateField } from '../../components/DateField.tsx';
import { createActivity, deleteActivityPhoto, useRefreshActivities, useUpdateActivity } from './activities-api.ts';
import { createBody, draftFromActivity, emptyDraft, updateBody, type ActivityDraft, type DraftErrors } from './activity-draft.ts';
import { uploadPhotos, type PhotoFailure } from './photo-upload.ts';
import { ExistingPhotos, PhotoPicker } from './PhotoPicker.tsx';
import { uuid } from '../../shared/uuid.ts';
import { ValueRows } from './ValueRows.tsx';
import { lengthError } from '../../components/length-error.ts';

interface ActivityFormProps {
  indicators: Indicator[];
  /** Teams to choose from when creating; absent when editing. */
  teams?: Team[];
  /** The activity being edited. */
  activity?: Activity;
  onDone: () => void;
}

/** Creates or updates; an edit also deletes the photos marked for removal. */
function useSave(activity: Activity | undefined) {
  const [key] = useState(uuid);
  const update = useUpdateActivity();
  return useMutation({
    mutationFn: async ({ draft, removed }: { draft: ActivityDraft; removed: string[] }): Promise<Activity | { errors: DraftErrors }> => {
      if (activity) {
        const { body, errors } = updateBody(draft);
        if (!body) return { errors };
        const saved = await update.mutateAsync({ id: activity.id, body });
        for (const photoId of removed) await deleteActivityPhoto(activity.id, photoId);
        return saved;
      }
      const { body, errors } = createBody(draft);
      return body ? createActivity(body, key) : { errors };
    },
  });
}

function PhotoStatus({ progress, failures }: { progress: [number, number] | null; failures: PhotoFailure[] }) {
  const t = useT();
  return (
    <>
      {progress && progress[1] > 0 && progress[0] < progress[1] && (
        <Stack gap={4}>
          <Text size="sm">{t('activities.uploading', { done: progress[0] + 1, total: progress[1] })}</Text>
          <Progress value={(progress[0] / progress[1]) * 100} animated aria-label={t('activities.photosInput')} />
        </Stack>
      )}
      {failures.length > 0 && (
        <Alert color="red" variant="light" role="alert">
          {failures.map((f) => (
            <Text key={f.file.name} size="sm">
              {t('activities.photoFailed', { name: f.file.name, message: f.message })}
            </Text>
          ))}
        </Alert>
      )}
    </>
  );
}

/** Team, date, indicator rows, description, links and photos; creates (with an Idempotency-Key) or edits, then uploads the photos one by one. */
export function ActivityForm({ indicators, teams, activity, onDone }: ActivityFormProps) {
  const t = useT();
  const onlyTeam = teams?.length === 1 ? (teams[0]?.id ?? null) : null;
  const [edited, setDraft] = useState<ActivityDraft>(() => (activity ? draftFromActivity(activity) : emptyDraft(null)));
  // A unit with one team needs no choice, even when the team list arrives after the form opened.
  const draft = edited.teamId === null && onlyTeam ? { ...edited, teamId: onlyTeam } : edited;
  const [errors, setErrors] = useState<DraftErrors>({});
  const [photos, setPhotos] = useState<File[]>([]);
  const [saved, setSaved] = useState<Activity | null>(null);
  const [progress, setProgress] = useState<[number, number] | null>(null);
  const [failures, setFailures] = useState<PhotoFailure[]>([]);
  const save = useSave(activity);
  const refresh = useRefreshActivities();
  const [removed, setRemoved] = useState<string[]>([]);
  const room = MAX_PHOTOS - (activity?.photos.length ?? 0) + removed.length;
  const busy = save.isPending || (progress !== null && progress[0] < progress[1]);

  const change = (patch: Partial<ActivityDraft>) => {
    setDraft({ ...draft, ...patch });
    // An error goes away once its field is touched.
    const touched = Object.keys(patch);
    setErrors((e) => Object.fromEntries(Object.entries(e).filter(([k]) => !touched.includes(k.split('.')[0] ?? k))));
  };
  const upload = async (target: Activity, files: File[]) => {
    const failed = await uploadPhotos(target.id, files, (done, total) => setProgress([done, total]));
    setFailures(failed);
    refresh();
    if (failed.length === 0) onDone();
  };
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (saved) {
      void upload(
        saved,
        failures.map((f) => f.file),
      );
      return;
    }
    save.mutate(
      { draft, removed },
      {
        onSuccess: (answer) => {
          if ('errors' in answer) return setErrors(draft.teamId ? answer.errors : { ...answer.errors, teamId: t('activities.pickTeam') });
          setErrors({});
          setSaved(answer);
          if (photos.length > 0) void upload(answer, photos);
          else {
            refresh();
            onDone();
          }
        },
      },
    );
  };

  return (
    <form onSubmit={onSubmit} noValidate>
      <Stack gap="sm">
        <ErrorAlert error={save.error} />
        {saved && failures.length === 0 && (
          <Text size="sm" c="green.8" role="status">
            {t('activities.logged')}
          </Text>
        )}
        <SimpleGrid cols={{ base: 1, xs: teams ? 2 : 1 }} spacing="xs">
          {teams && (
            <Select
              label={t('activities.team')}
              placeholder={t('activities.pickTeam')}
              data={teams.map((team) => ({ value: team.id, label: team.name }))}
              value={draft.teamId}
              onChange={(v) => change({ teamId: v })}
              searchable
              required
              disabled={Boolean(saved)}
              nothingFoundMessage={t('activities.noTeams')}
              comboboxProps={{ withinPortal: true }}
              error={errors.teamId}
            />
          )}
          <DateField
            label={t('activities.date')}
            value={draft.date}
            max={vnToday()}
            onChange={(date) => change({ date })}
            required
            disabled={Boolean(saved)}
            error={errors.date}
          />
        </SimpleGrid>
        {!saved && <ValueRows value={draft.values} onChange={(values) => change({ values })} indicators={indicators} errors={errors} />}
        {!saved && (
          <>
            <Textarea
              label={t('activities.description')}
              placeholder={t('activities.descriptionHint')}
              value={draft.description}
              onChange={(e) => change({ description: e.currentTarget.value })}
              autosize
              minRows={2}
              maxRows={8}
              error={errors.description ?? lengthError(t, t('activities.description'), draft.description, 2000)}
            />
            <Textarea
              label={t('activities.linksInput')}
              description={t('activities.linksHint', { n: MAX_LINKS })}
              placeholder="https://"
              value={draft.links}
              onChange={(e) => change({ links: e.currentTarget.value })}
              autosize
              minRows={1}
              maxRows={MAX_LINKS}
              error={errors.links}
            />
            {activity && <ExistingPhotos activity={activity} removed={removed} onChange={setRemoved} disabled={busy} />}
            <PhotoPicker value={photos} onChange={setPhotos} room={room} disabled={busy} />
          </>
        )}
        <PhotoStatus progress={progress} failures={failures} />
        <Group justify="flex-end">
          {saved ? (
            <>
              <Button variant="default" onClick={onDone} disabled={busy}>
                {t('activities.finish')}
              </Button>
              {failures.length > 0 && (
                <Button type="submit" loading={busy}>
                  {t('activities.retryPhotos')}
                </Button>
              )}
            </>
          ) : (
            <>
              <Button variant="default" onClick={onDone} disabled={busy}>
                {t('common.cancel')}
              </Button>
              <Button type="submit" loading={busy}>
                {activity ? t('common.save') : t('activities.submit')}
              </Button>
            </>
          )}
        </Group>
      </Stack>
    </form>
  );
}
