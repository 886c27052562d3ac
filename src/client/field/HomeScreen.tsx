import type { Activity, FieldBootstrap } from '../../shared/schemas/activities.ts';
import { idbQueue } from './idb.ts';
import { engine, useNeedsLogin, useOutbox, usePersistentStorage } from './outbox.ts';
import { isPending, type ItemState, type QueuedActivity } from './queue.ts';
import { formatDate } from '../../shared/dates.ts';
import { formatCount } from '../../shared/indicator-units.ts';
import { getLang, t, type StringKey } from './strings.ts';

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

function QueueItem({ item }: { item: QueuedActivity }) {
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
      {item.state === 'rejected' && (
        <button type="button" className="btn small" onClick={() => void remove()}>
          {t('remove')}
        </button>
      )}
    </li>
  );
}

function RecentItem({ activity }: { activity: Activity }) {
  return (
    <li className="item">
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
  onLogin: () => void;
}) {
  const { data } = props;
  const items = useOutbox(data.user.username);
  const needsLogin = useNeedsLogin();
  const pending = items.filter(isPending).length;
  const keys = new Set(items.map((i) => i.key));
  const recent = data.recent.filter((a) => !keys.has(a.idempotencyKey));

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
              <QueueItem key={item.key} item={item} />
            ))}
          </ul>
        )}
      </section>
      {recent.length > 0 && (
        <section aria-labelledby="recent-title">
          <h2 id="recent-title">{t('recentTitle')}</h2>
          <ul className="list" aria-labelledby="recent-title">
            {recent.map((a) => (
              <RecentItem key={a.id} activity={a} />
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}
