import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import type { FieldBootstrap, Indicator } from '../../shared/schemas/activities.ts';
import { editOf, type Correction } from './corrections.ts';
import { idbQueue, kv } from './idb.ts';
import { engine, keepStorage } from './outbox.ts';
import { PhotoPicker, type PickedPhoto } from './PhotoPicker.tsx';
import { newQueuedActivity, type ActivityDraft } from './queue.ts';
import { formatCount, indicatorUnitLabel } from '../../shared/indicator-units.ts';
import { formatDate, vnToday } from '../../shared/dates.ts';
import { DateField } from './DateField.tsx';
import { getLang, t } from './strings.ts';
import { uuid } from '../shared/uuid.ts';

const MAX_COUNT = 100_000;
/** The limits of activityCreateSchema (kept here so the field bundle does not load zod). */
const MAX_DESCRIPTION = 2000;
const MAX_LINK = 500;
const USE_KEY = 'indicatorUse';
const TEAM_KEY = 'lastTeam';

/** Indicators most used on this phone first, then in the province's order. */
function useIndicatorOrder(indicators: Indicator[]): Indicator[] {
  const [use, setUse] = useState<Record<string, number>>({});
  useEffect(() => {
    void kv.get<Record<string, number>>(USE_KEY).then(
      (u) => setUse(u ?? {}),
      () => undefined,
    );
  }, []);
  return useMemo(
    () => indicators.filter((i) => !i.retired).sort((a, b) => (use[b.code] ?? 0) - (use[a.code] ?? 0) || a.sortOrder - b.sortOrder),
    [indicators, use],
  );
}

function IndicatorRow(props: { indicator: Indicator; count: string | undefined; onToggle: () => void; onCount: (value: string) => void }) {
  const { indicator, count } = props;
  const isOn = count !== undefined;
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (isOn) input.current?.focus();
  }, [isOn]);
  return (
    <li className={`indicator${isOn ? ' on' : ''}`}>
      <button type="button" className="indicator-btn" aria-pressed={isOn} onClick={props.onToggle}>
        {indicator.name}
      </button>
      {isOn && (
        <label className="field count">
          <span>
            {t('count')} ({indicatorUnitLabel(indicator.unit, getLang())})
          </span>
          <input
            ref={input}
            type="number"
            inputMode="numeric"
            pattern="[0-9]*"
            min={1}
            max={MAX_COUNT}
            step={1}
            value={count}
            onChange={(e) => props.onCount(e.target.value)}
          />
        </label>
      )}
    </li>
  );
}

const countsOf = (values: ActivityDraft['values']) => Object.fromEntries(values.map((v) => [v.indicator, String(v.count)]));
const pickedOf = (photos: Correction['queuedPhotos']): PickedPhoto[] => photos.map((p) => ({ ...p, url: URL.createObjectURL(p.blob) }));

/**
 * Team, indicator(s) with counts, photos, description → saved to the outbox at once. With a
 * `correction` it opens filled in, shows why, and the saved item changes that activity (or
 * replaces the refused item) instead of logging new work.
 */
export function ActivityForm(props: { data: FieldBootstrap; correction?: Correction; onCancel: () => void; onSaved: () => void }) {
  const { data, correction } = props;
  const start = correction?.draft;
  // One key per opened form: tapping "Lưu" twice stores the same item, never two activities.
  const key = useMemo(() => uuid(), []);
  const [teamId, setTeamId] = useState(start?.teamId ?? data.teams[0]!.id);
  const team = data.teams.find((x) => x.id === teamId) ?? data.teams[0]!;
  const [date, setDate] = useState(start?.date ?? vnToday());
  const [village, setVillage] = useState<string>(start?.villageCode ?? '');
  const [counts, setCounts] = useState<Record<string, string>>(() => countsOf(start?.values ?? []));
  const [photos, setPhotos] = useState<PickedPhoto[]>(() => pickedOf(correction?.queuedPhotos ?? []));
  const [kept, setKept] = useState(correction?.serverPhotos ?? []);
  const [isCompressing, setCompressing] = useState(false);
  const [description, setDescription] = useState(start?.description ?? '');
  const [link, setLink] = useState(start?.links[0] ?? '');
  const [error, setError] = useState<string | null>(null);
  const [isSaving, setSaving] = useState(false);
  const indicators = useIndicatorOrder(data.indicators);

  useEffect(() => {
    if (start) return;
    void kv.get<string>(TEAM_KEY).then(
      (id) => {
        if (id && data.teams.some((x) => x.id === id)) setTeamId(id);
      },
      () => undefined,
    );
  }, [data.teams, start]);
  useEffect(() => {
    if (!start) setVillage(team.villages.some((v) => v.code === team.unitCode) ? team.unitCode : '');
  }, [team, start]);

  const toggle = (code: string) => setCounts(({ [code]: existing, ...rest }) => (existing === undefined ? { ...rest, [code]: '' } : rest));

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    const chosen = indicators.filter((i) => counts[i.code] !== undefined);
    if (!chosen.length) return setError(t('pickIndicator'));
    const values = chosen.map((i) => ({ indicator: i.code, count: Number(counts[i.code]) }));
    if (values.some((v) => !Number.isInteger(v.count) || v.count < 1 || v.count > MAX_COUNT)) return setError(t('countInvalid'));
    if (link.trim() && !/^https?:\/\/\S+$/i.test(link.trim())) return setError(t('linkInvalid'));
    if (!date) return setError(t('dateInvalid'));
    if (date > vnToday()) return setError(t('dateLate', { date: formatDate(vnToday()) }));
    // Refused here rather than cut: the server would refuse it too, after the phone had queued it.
    if (description.trim().length > MAX_DESCRIPTION)
      return setError(t('descriptionTooLong', { max: MAX_DESCRIPTION.toLocaleString('vi-VN') }));
    if (link.trim().length > MAX_LINK) return setError(t('linkTooLong', { max: MAX_LINK }));
    setError(null);
    setSaving(true);
    const draft: ActivityDraft = {
      teamId: team.id,
      date,
      villageCode: village || null,
      values,
      description: description.trim(),
      links: link.trim() ? [link.trim()] : [],
    };
    const lines = chosen.map((i) => `${i.name}: ${formatCount(Number(counts[i.code]), i.unit, getLang())}`);
    try {
      const edit =
        correction &&
        editOf(
          correction,
          kept.map((p) => p.id),
        );
      const label = { teamName: team.name, lines };
      await idbQueue.put(newQueuedActivity({ key, username: data.user.username, now: Date.now(), draft, label, photos, edit }));
      if (correction?.replacesKey) await idbQueue.remove(correction.replacesKey);
      const use = (await kv.get<Record<string, number>>(USE_KEY)) ?? {};
      for (const v of values) use[v.indicator] = (use[v.indicator] ?? 0) + 1;
      await kv.set(USE_KEY, use);
      await kv.set(TEAM_KEY, team.id);
    } catch (err) {
      setSaving(false);
      return setError(t('storageFailed', { msg: err instanceof Error ? err.message : String(err) }));
    }
    void engine.sync();
    void keepStorage();
    props.onSaved();
  };

  return (
    <form className="stack form" onSubmit={(e) => void onSubmit(e)} noValidate>
      <div className="section-head">
        <h1>{t(correction ? 'correctTitle' : 'formTitle')}</h1>
        <button type="button" className="link" onClick={props.onCancel}>
          {t('back')}
        </button>
      </div>
      {correction?.reason && (
        <p className="banner warn" role="note">
          <strong>{t(correction.replacesKey ? 'refusedReason' : 'reviewComment')}</strong> {correction.reason}
        </p>
      )}
      {data.teams.length > 1 && !start ? (
        <label className="field">
          <span>{t('team')}</span>
          <select value={team.id} onChange={(e) => setTeamId(e.target.value)}>
            {data.teams.map((x) => (
              <option key={x.id} value={x.id}>
                {x.name}
              </option>
            ))}
          </select>
        </label>
      ) : (
        <p className="muted">{team.name}</p>
      )}
      <fieldset className="stack tight">
        <legend>{t('indicators')}</legend>
        <p className="muted small">{t('indicatorsHint')}</p>
        <ul className="indicators">
          {indicators.map((i) => (
            <IndicatorRow
              key={i.code}
              indicator={i}
              count={counts[i.code]}
              onToggle={() => toggle(i.code)}
              onCount={(value) => setCounts((c) => ({ ...c, [i.code]: value }))}
            />
          ))}
        </ul>
      </fieldset>
      <div className="row">
        <DateField label={t('date')} value={date} max={vnToday()} onChange={setDate} />
        {team.villages.length > 1 && (
          <label className="field grow">
            <span>{t('village')}</span>
            <select value={village} onChange={(e) => setVillage(e.target.value)}>
              <option value="">—</option>
              {team.villages.map((v) => (
                <option key={v.code} value={v.code}>
                  {v.name}
                </option>
              ))}
            </select>
          </label>
        )}
      </div>
      <PhotoPicker
        photos={photos}
        onChange={setPhotos}
        maxPhotos={data.limits.maxPhotos}
        maxBytes={data.limits.maxPhotoBytes}
        onBusy={setCompressing}
        kept={kept}
        onRemoveKept={(id) => setKept((list) => list.filter((p) => p.id !== id))}
      />
      <label className="field">
        <span>{t('description')}</span>
        <textarea rows={3} value={description} onChange={(e) => setDescription(e.target.value)} />
      </label>
      <label className="field">
        <span>{t('link')}</span>
        <input type="url" inputMode="url" value={link} onChange={(e) => setLink(e.target.value)} />
      </label>
      <div className="sticky-actions">
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" className="btn primary huge" disabled={isSaving || isCompressing}>
          {isCompressing ? t('compressing') : t(correction ? 'resend' : 'save')}
        </button>
      </div>
    </form>
  );
}
