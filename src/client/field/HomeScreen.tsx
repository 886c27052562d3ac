import type { Activity, FieldBootstrap } from '../../shared/schemas/activities.ts';
import { correctRefused, correctReturned, type Correction } from './corrections.ts';
import { idbQueue } from './idb.ts';
import { engine, useNeedsLogin, useOutbox, usePersistentStorage } from './outbox.ts';
import { useState } from 'react';
import { isPending, needsNewDate, withNewDate, type ItemState, type QueuedActivity } from './queue.ts';
import { formatDate, vnToday } from '../../shared/dates.ts';
import { formatCount } from '../../shared/indicator-units.ts';
import { getLang, t, type StringKey } from './strings.ts';
import { DateField } from './DateField.tsx';
import { NotifyButton } from './NotifyButton.tsx';

const STATE_TEXT: Record<ItemState, StringKey> = {
  waiting: 'stateWaiting',
  sending: 'stateSending',
  sent: 'stateSent',
  failed: 'stateFailed',
  rejected: 'stateRejected',
};
const REVIEW_TEXT: Record<Activity['status'], StringKey> = {
  submitted: 'reviewSubmitted',
  verified: 'reviewVerified',
  returned: 'reviewReturned',
};

/** A refused activity whose day's report is approved: the member picks another day and sends it again. */
function NewDate({ item }: { item: QueuedActivity }) {
  const [date, setDate] = useState(item.draft.date);
  const resend = async () => {
    await idbQueue.put(withNewDate(item, date, Date.now()));
    void engine.sync(true);
  };
  return (
    <div className="stack small">
      <DateField label={t('newDate')} value={date} max={vnToday()} onChange={setDate} />
      <button type="button" className="btn small primary" disabled={!date || date === item.draft.date} onClick={() => void resend()}>
        {t('resendWithDate')}
      </button>
    </div>
  );
}

function QueueItem({ item, onCorrect }: { item: QueuedActivity; onCorrect: (c: Correction) => void }) {
  const refused = item.photos.filter((p) => p.state === 'rejected').length;
  const remove = async () => {
    if (!window.confirm(t('removeConfirm'))) return;
    await idbQueue.remove(item.key);
    void engine.sync();
  };
  return (
    <li className="item" data-state={item.state}>
      <div className="item-head">
        <div className="item-lines">
          {item.label.lines.map((line) => (
            <div key={line}>{line}</div>
          ))}
        </div>
        <span className={`state state-${item.state}`}>{t(STATE_TEXT[item.state])}</span>
      </div>
      <div className="muted small">
        {formatDate(item.draft.date)} · {item.label.teamName}
        {item.photos.length > 0 && ` · ${t('photosCount', { n: item.photos.length })}`}
      </div>
      {item.error && (item.state === 'failed' || item.state === 'rejected') && <div className="error small">{item.error}</div>}
      {refused > 0 && <div className="error small">{t('photoRejected', { n: refused })}</div>}
      {needsNewDate(item) && <NewDate item={item} />}
      {item.state === 'rejected' && (
        <div className="row">
          <button type="button" className="btn small" onClick={() => onCorrect(correctRefused(item))}>
            {t('correct')}
          </button>
          <button type="button" className="btn small" onClick={() => void remove()}>
            {t('remove')}
          </button>
        </div>
      )}
    </li>
  );
}

function RecentItem({ activity, onCorrect }: { activity: Activity; onCorrect: (c: Correction) => void }) {
  const isReturned = activity.status === 'returned';
  return (
    <li className="item" id={`activity-${activity.id}`}>
      <div className="item-head">
        <div className="item-lines">
          {activity.values.map((v) => (
            <div key={v.indicator}>
              {v.name}: {formatCount(v.count, v.unit, getLang())}
            </div>
          ))}
        </div>
        <span className={`review review-${activity.status}`}>{t(REVIEW_TEXT[activity.status])}</span>
      </div>
      <div className="muted small">
        {formatDate(activity.date)}
        {activity.createdByName ? ` · ${activity.createdByName}` : ''}
        {activity.photos.length > 0 && ` · ${t('photosCount', { n: activity.photos.length })}`}
      </div>
      {isReturned && activity.reviewComment && (
        <p className="error small">
          {t('reviewComment')} {activity.reviewComment}
        </p>
      )}
      {isReturned && activity.canEdit && (
        <button type="button" className="btn small" onClick={() => onCorrect(correctReturned(activity))}>
          {t('correct')}
        </button>
      )}
    </li>
  );
}

/** How many activities wait on the phone, and whether the browser promised to keep them. */
function StorageStatus({ pending }: { pending: number }) {
  const isPersistent = usePersistentStorage();
  const storage = isPersistent === null ? 'storageUnknown' : isPersistent ? 'storagePersistent' : 'storageBestEffort';
  return (
    <div className="storage-status small" data-persistent={isPersistent === null ? 'unknown' : String(isPersistent)}>
      <p className={pending > 0 ? 'pending' : 'muted'} aria-live="polite">
        {pending > 0 ? t('pendingCount', { n: pending }) : t('pendingNone')}
      </p>
      <p className={isPersistent === false && pending > 0 ? 'warn-text' : 'muted'}>{t(storage)}</p>
    </div>
  );
}

/** The start screen: the big "log activity" button, the outbox with each item's state, recent team work. */
export function HomeScreen(props: {
  data: FieldBootstrap;
  flash: string | null;
  onDismissFlash: () => void;
  onNew: () => void;
  onCorrect: (correction: Correction) => void;
  onLogin: () => void;
}) {
  const { data } = props;
  const items = useOutbox(data.user.username);
  const needsLogin = useNeedsLogin();
  const pending = items.filter(isPending).length;
  // Activities in the outbox (new, or corrections on their way) are shown there, not twice.
  const keys = new Set(items.flatMap((i) => [i.key, i.edit?.activityId]));
  const recent = data.recent.filter((a) => !keys.has(a.idempotencyKey) && !keys.has(a.id));

  return (
    <div className="stack">
      {data.teams.length === 0 ? (
        <p className="card note">{t('noTeam')}</p>
      ) : (
        <button type="button" className="btn primary huge" onClick={props.onNew}>
          {t('logActivity')}
        </button>
      )}
      {props.flash && (
        <p className="banner ok" role="status" onClick={props.onDismissFlash}>
          {props.flash}
        </p>
      )}
      {needsLogin && (
        <div className="banner warn" role="alert">
          <p>{t('sessionExpired')}</p>
          <button type="button" className="btn" onClick={props.onLogin}>
            {t('loginAgain')}
          </button>
        </div>
      )}
      <NotifyButton />
      <section aria-labelledby="queue-title">
        <div className="section-head">
          <h2 id="queue-title">{t('queueTitle')}</h2>
          {pending > 0 && (
            <button type="button" className="btn small" onClick={() => void engine.sync(true)}>
              {t('sendNow')}
            </button>
          )}
        </div>
        <StorageStatus pending={pending} />
        {items.length === 0 ? (
          <p className="muted">{t('queueEmpty')}</p>
        ) : (
          <ul className="list" aria-labelledby="queue-title" aria-live="polite">
            {items.map((item) => (
              <QueueItem key={item.key} item={item} onCorrect={props.onCorrect} />
            ))}
          </ul>
        )}
      </section>
      {recent.length > 0 && (
        <section aria-labelledby="recent-title">
          <h2 id="recent-title">{t('recentTitle')}</h2>
          <ul className="list" aria-labelledby="recent-title">
            {recent.map((a) => (
              <RecentItem key={a.id} activity={a} onCorrect={props.onCorrect} />
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}
