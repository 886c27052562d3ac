import { describe, expect, it } from 'vitest';
import { classifyStatus, needsNewDate, newQueuedActivity, retryDelay, sentToPrune, withNewDate, type QueuedActivity } from './queue.ts';
import { correctRefused, correctReturned, editOf } from './corrections.ts';
import { createSyncEngine, type QueueStore, type SendResult, type Transport } from './sync.ts';

const copy = (item: QueuedActivity): QueuedActivity => ({ ...item, photos: item.photos.map((p) => ({ ...p })) });

function memoryStore(): QueueStore & { items: Map<string, QueuedActivity> } {
  const items = new Map<string, QueuedActivity>();
  return {
    items,
    list: async () => [...items.values()].map(copy),
    put: async (item) => void items.set(item.key, copy(item)),
    remove: async (key) => void items.delete(key),
  };
}

/** A fake server that keeps activities and photos by idempotency key, like the real one. */
function fakeServer() {
  const activities = new Map<string, { id: string; photos: Set<string>; fields?: unknown }>();
  const calls: { kind: 'create' | 'photo' | 'update' | 'unphoto'; key: string }[] = [];
  const byId = (id: string) => [...activities.values()].find((a) => a.id === id);
  const notFound: SendResult = { status: 404, code: 'NOT_FOUND', message: 'Không tìm thấy.' };
  /** Answers to give instead of the normal ones, in order (status 0 = network failure). */
  const script: (SendResult & { afterApplying?: boolean })[] = [];
  const transport: Transport = {
    async createActivity(key) {
      calls.push({ kind: 'create', key });
      const next = script.shift();
      if (next && !next.afterApplying) return next;
      let activity = activities.get(key);
      const isNew = !activity;
      activity ??= { id: `a${activities.size + 1}`, photos: new Set() };
      activities.set(key, activity);
      if (next) return next; // applied on the server, but the answer was lost
      return { status: isNew ? 201 : 200, id: activity.id };
    },
    async uploadPhoto(activityId, key) {
      calls.push({ kind: 'photo', key });
      const next = script.shift();
      if (next) return next;
      const activity = byId(activityId);
      if (!activity) return notFound;
      const isNew = !activity.photos.has(key);
      activity.photos.add(key);
      return { status: isNew ? 201 : 200 };
    },
    async updateActivity(activityId, fields) {
      calls.push({ kind: 'update', key: activityId });
      const next = script.shift();
      if (next && !next.afterApplying) return next;
      const activity = byId(activityId);
      if (!activity) return notFound;
      activity.fields = fields;
      return next ?? { status: 200, id: activityId };
    },
    async deletePhoto(activityId, photoId) {
      calls.push({ kind: 'unphoto', key: photoId });
      const next = script.shift();
      if (next) return next;
      return byId(activityId)?.photos.delete(photoId) ? { status: 204 } : notFound;
    },
  };
  return { activities, calls, script, transport };
}

function setup() {
  let clock = 1_000_000;
  const store = memoryStore();
  const server = fakeServer();
  const engine = createSyncEngine({
    store,
    transport: server.transport,
    now: () => clock,
    random: () => 0.5,
    setTimer: () => null,
    clearTimer: () => undefined,
  });
  engine.setUser('to.vien');
  const add = async (key: string, photos = 0, username = 'to.vien', edit?: { activityId: string; removePhotoIds: string[] }) => {
    const item = newQueuedActivity({
      key,
      username,
      edit,
      now: clock,
      draft: {
        teamId: 't1',
        date: '2026-03-02',
        villageCode: null,
        values: [{ indicator: 'DVC_HUONG_DAN', count: 12 }],
        description: '',
        links: [],
      },
      label: { teamName: 'Tổ CNSCĐ Ấp 1', lines: ['Hướng dẫn dịch vụ công trực tuyến: 12 người'] },
      photos: Array.from({ length: photos }, (_, i) => ({
        key: `${key}-p${i}`,
        blob: new Blob([new Uint8Array(1000)]),
        width: 1600,
        height: 1200,
      })),
    });
    await store.put(item);
    return item;
  };
  return { store, server, engine, add, tick: (ms: number) => (clock += ms), now: () => clock };
}

describe('classifyStatus', () => {
  it('retries network errors, timeouts, rate limits and 5xx; waits for sign-in on 401; gives up on other 4xx', () => {
    expect([200, 201].map((s) => classifyStatus(s))).toEqual(['ok', 'ok']);
    expect([0, 408, 429, 500, 502, 503].map((s) => classifyStatus(s))).toEqual(Array(6).fill('retry'));
    expect(classifyStatus(401)).toBe('auth');
    expect(classifyStatus(403, 'PASSWORD_CHANGE_REQUIRED')).toBe('auth');
    expect([400, 403, 404, 409, 413].map((s) => classifyStatus(s))).toEqual(Array(5).fill('reject'));
  });
});

describe('retryDelay', () => {
  it('doubles from 2 s with jitter between half and all of the step, capped at 5 minutes', () => {
    expect(retryDelay(1, () => 0)).toBe(1000);
    expect(retryDelay(1, () => 1)).toBe(2000);
    expect(retryDelay(3, () => 0.5)).toBe(6000);
    expect(retryDelay(30, () => 1)).toBe(300_000);
    for (let attempt = 1; attempt < 12; attempt++) {
      expect(retryDelay(attempt + 1, () => 0)).toBeGreaterThanOrEqual(retryDelay(attempt, () => 0));
    }
  });
});

describe('sync engine', () => {
  it('sends the activity once with its key, then each photo with its own key, and frees the photos', async () => {
    const { engine, server, store, add } = setup();
    await add('k1', 2);
    await engine.sync();
    expect(server.calls).toEqual([
      { kind: 'create', key: 'k1' },
      { kind: 'photo', key: 'k1-p0' },
      { kind: 'photo', key: 'k1-p1' },
    ]);
    const item = store.items.get('k1')!;
    expect(item).toMatchObject({ state: 'sent', serverId: 'a1', attempts: 0, error: null });
    expect(item.photos.map((p) => [p.state, p.blob])).toEqual([
      ['sent', null],
      ['sent', null],
    ]);
    await engine.sync(true);
    expect(server.calls).toHaveLength(3);
  });

  it('keeps an activity refused because its period is closed, with the message, until the member picks another date', async () => {
    const { engine, server, store, add, now } = setup();
    await add('k1', 1);
    const message =
      'Báo cáo "Báo cáo tháng" kỳ tháng 3/2026 của Phường Sa Đéc đã được duyệt, nên không thể thêm, sửa, xác nhận, trả lại hay xóa hoạt động ngày 02/03/2026.';
    server.script.push({ status: 409, code: 'CONFLICT', message, reason: 'PERIOD_CLOSED' });
    await engine.sync();
    const refused = store.items.get('k1')!;
    expect(refused).toMatchObject({ state: 'rejected', error: message, errorReason: 'PERIOD_CLOSED', serverId: null });
    expect(needsNewDate(refused)).toBe(true);
    await engine.sync(true);
    expect(server.calls).toHaveLength(1);

    await store.put(withNewDate(refused, '2026-04-01', now()));
    await engine.sync();
    const sent = store.items.get('k1')!;
    expect(sent).toMatchObject({ state: 'sent', error: null, errorReason: null, draft: { date: '2026-04-01' } });
    expect(needsNewDate(sent)).toBe(false);
    // The same key: the server never created the refused one.
    expect(server.calls.map((c) => [c.kind, c.key])).toEqual([
      ['create', 'k1'],
      ['create', 'k1'],
      ['photo', 'k1-p0'],
    ]);
  });

  it('backs off after a network error and retries with the same key once due', async () => {
    const { engine, server, store, add, tick } = setup();
    await add('k1');
    server.script.push({ status: 0, message: 'offline' });
    await engine.sync();
    expect(store.items.get('k1')).toMatchObject({ state: 'waiting', attempts: 1, error: 'offline' });
    const wait = store.items.get('k1')!.nextAttemptAt - 1_000_000;
    expect(wait).toBe(retryDelay(1, () => 0.5));
    await engine.sync();
    expect(server.calls).toHaveLength(1);
    tick(wait);
    await engine.sync();
    expect(server.calls.map((c) => c.key)).toEqual(['k1', 'k1']);
    expect(store.items.get('k1')!.state).toBe('sent');
  });

  it('never creates a second activity when the answer was lost or the item is sent again', async () => {
    const { engine, server, store, add } = setup();
    await add('k1', 1);
    server.script.push({ status: 0, afterApplying: true });
    await engine.sync();
    expect(store.items.get('k1')!.state).toBe('waiting');
    await engine.sync(true);
    await store.put({ ...store.items.get('k1')!, state: 'waiting', serverId: null });
    await engine.sync(true);
    expect(server.activities.size).toBe(1);
    expect([...server.activities.values()][0]!.photos.size).toBe(1);
  });

  it('keeps the created activity and retries only the photo after a server error', async () => {
    const { engine, server, store, add } = setup();
    await add('k1', 1);
    server.script.push({ status: 201, id: 'a1', afterApplying: true }, { status: 503, message: 'bận' });
    await engine.sync();
    expect(store.items.get('k1')).toMatchObject({ state: 'failed', serverId: 'a1', error: 'bận' });
    await engine.sync(true);
    expect(server.calls.map((c) => c.kind)).toEqual(['create', 'photo', 'photo']);
    expect(store.items.get('k1')!.state).toBe('sent');
  });

  it('marks invalid input as rejected with the server message and does not retry it', async () => {
    const { engine, server, store, add } = setup();
    await add('k1');
    server.script.push({ status: 400, code: 'VALIDATION', message: 'Số lượng tối đa 100.000' });
    await engine.sync();
    expect(store.items.get('k1')).toMatchObject({ state: 'rejected', error: 'Số lượng tối đa 100.000' });
    await engine.sync(true);
    expect(server.calls).toHaveLength(1);
  });

  it('sends the activity even when the server refuses a photo as too large', async () => {
    const { engine, server, store, add } = setup();
    await add('k1', 2);
    server.script.push({ status: 201, id: 'a1', afterApplying: true }, { status: 413, message: 'Ảnh quá lớn' });
    await engine.sync();
    const item = store.items.get('k1')!;
    expect(item.state).toBe('sent');
    expect(item.photos.map((p) => p.state)).toEqual(['rejected', 'sent']);
    expect(item.photos[0]!.error).toBe('Ảnh quá lớn');
  });

  it('stops on 401 until the user signs in again, keeping the item', async () => {
    const { engine, server, store, add } = setup();
    await add('k1');
    await add('k2');
    server.script.push({ status: 401, code: 'UNAUTHENTICATED', message: 'Hết phiên' });
    await engine.sync();
    expect(engine.needsLogin).toBe(true);
    expect(store.items.get('k1')!.state).toBe('waiting');
    expect(server.calls).toHaveLength(1);
    await engine.sync(true);
    expect(server.calls).toHaveLength(1);
    engine.setUser('to.vien');
    await engine.sync();
    expect([...store.items.values()].map((i) => i.state)).toEqual(['sent', 'sent']);
  });

  it('stops a pass at the first network error and sends everything on the online event (force)', async () => {
    const { engine, server, store, add } = setup();
    await add('k1');
    await add('k2');
    server.script.push({ status: 0 });
    await engine.sync();
    expect(server.calls).toHaveLength(1);
    expect(store.items.get('k2')!.state).toBe('waiting');
    expect(engine.isNetworkDown).toBe(true);
    await engine.sync(true);
    expect(engine.isNetworkDown).toBe(false);
    expect([...store.items.values()].map((i) => i.state)).toEqual(['sent', 'sent']);
  });

  it('does not try while the phone is offline, and calls a 5xx "failed"', async () => {
    let isOnline = false;
    const store = memoryStore();
    const server = fakeServer();
    const engine = createSyncEngine({ store, transport: server.transport, isOnline: () => isOnline, setTimer: () => null });
    engine.setUser('u');
    await store.put(
      newQueuedActivity({
        key: 'k1',
        username: 'u',
        now: 0,
        draft: { teamId: 't', date: '2026-03-02', villageCode: null, values: [{ indicator: 'X', count: 1 }], description: '', links: [] },
        label: { teamName: 'T', lines: [] },
        photos: [],
      }),
    );
    await engine.sync(true);
    expect(server.calls).toHaveLength(0);
    isOnline = true;
    server.script.push({ status: 503, message: 'Lỗi máy chủ' });
    await engine.sync(true);
    expect(store.items.get('k1')).toMatchObject({ state: 'failed', attempts: 1 });
    await engine.sync(true);
    expect(store.items.get('k1')!.state).toBe('sent');
  });

  it("leaves another account's items alone", async () => {
    const { engine, server, store, add } = setup();
    await add('mine');
    await add('theirs', 0, 'nguoi.khac');
    await engine.sync();
    expect(server.calls.map((c) => c.key)).toEqual(['mine']);
    expect(store.items.get('theirs')!.state).toBe('waiting');
  });

  it('puts items left "sending" by a closed tab back to waiting', async () => {
    const { engine, store, add } = setup();
    const item = await add('k1');
    await store.put({ ...item, state: 'sending' });
    await engine.recover();
    expect(store.items.get('k1')!.state).toBe('waiting');
  });

  it('runs a second pass when sync is asked while one is running', async () => {
    const { engine, server, store, add } = setup();
    await add('k1');
    const first = engine.sync();
    await add('k2');
    await engine.sync();
    await first;
    expect(server.calls.map((c) => c.key).sort()).toEqual(['k1', 'k2']);
    expect([...store.items.values()].every((i) => i.state === 'sent')).toBe(true);
  });
});

describe('sync engine, corrections of sent-back activities', () => {
  /** An activity the server has (created with key `orig`), with two photos. */
  const sentBack = (server: ReturnType<typeof fakeServer>) =>
    server.activities.set('orig', { id: 'a9', photos: new Set(['old1', 'old2']) });

  it('changes the same activity: new fields, removed photos out, new photos in, nothing created', async () => {
    const { engine, server, store, add } = setup();
    sentBack(server);
    await add('k2', 1, 'to.vien', { activityId: 'a9', removePhotoIds: ['old1'] });
    await engine.sync();
    expect(server.calls.map((c) => c.kind)).toEqual(['update', 'unphoto', 'photo']);
    expect(server.activities.size).toBe(1);
    expect([...server.activities.get('orig')!.photos]).toEqual(['old2', 'k2-p0']);
    expect(server.activities.get('orig')!.fields).toMatchObject({
      date: '2026-03-02',
      values: [{ indicator: 'DVC_HUONG_DAN', count: 12 }],
    });
    expect(server.activities.get('orig')!.fields).not.toHaveProperty('teamId');
    expect(store.items.get('k2')).toMatchObject({ state: 'sent', serverId: 'a9', edit: { isApplied: true } });
  });

  it('keeps a refused correction with the server reason, and does not send it again by itself', async () => {
    const { engine, server, store, add } = setup();
    sentBack(server);
    await add('k2', 0, 'to.vien', { activityId: 'a9', removePhotoIds: [] });
    server.script.push({ status: 422, code: 'VALIDATION', message: 'Ngày hoạt động không được sau hôm nay (02/03/2026).' });
    await engine.sync();
    expect(store.items.get('k2')).toMatchObject({ state: 'rejected', error: 'Ngày hoạt động không được sau hôm nay (02/03/2026).' });
    await engine.sync(true);
    expect(server.calls).toHaveLength(1);
  });

  it('after a lost answer sends the fields again, counts a photo already gone as removed, and uploads once', async () => {
    const { engine, server, store, add } = setup();
    sentBack(server);
    await add('k2', 1, 'to.vien', { activityId: 'a9', removePhotoIds: ['old1'] });
    server.script.push({ status: 0, afterApplying: true });
    await engine.sync();
    expect(store.items.get('k2')).toMatchObject({ state: 'waiting', edit: { isApplied: false } });
    server.activities.get('orig')!.photos.delete('old1');
    await engine.sync(true);
    expect(server.calls.map((c) => c.kind)).toEqual(['update', 'update', 'unphoto', 'photo']);
    expect(store.items.get('k2')!.state).toBe('sent');
    await engine.sync(true);
    expect(server.calls).toHaveLength(4);
  });
});

describe('corrections', () => {
  const photo = (id: string) => ({ id, url: `/p/${id}`, thumbUrl: `/p/${id}/thumb`, width: 8, height: 8, bytes: 100 });

  it('opens a sent-back activity with its fields and comment, and takes out only the photos the member removed', () => {
    const c = correctReturned({
      id: 'a9',
      idempotencyKey: 'orig',
      teamId: 't1',
      teamName: 'Tổ CNSCĐ Ấp 1',
      unitCode: 'V1',
      communeCode: 'C1',
      villageCode: 'V1',
      villageName: 'Ấp 1',
      date: '2026-03-02',
      values: [{ indicator: 'DVC_HUONG_DAN', name: 'Hướng dẫn', unit: 'people', count: 12 }],
      description: 'Hướng dẫn tại nhà văn hoá',
      links: [],
      photos: [photo('p1'), photo('p2')],
      status: 'returned',
      reviewComment: 'Số người chưa khớp với ảnh',
      reviewedAt: '2026-03-03T01:00:00.000Z',
      createdByName: 'Tổ Viên',
      createdAt: '2026-03-02T01:00:00.000Z',
      updatedAt: '2026-03-03T01:00:00.000Z',
      canEdit: true,
      canReview: false,
    });
    expect(c).toMatchObject({
      reason: 'Số người chưa khớp với ảnh',
      activityId: 'a9',
      replacesKey: null,
      draft: { teamId: 't1', values: [{ indicator: 'DVC_HUONG_DAN', count: 12 }] },
    });
    expect(editOf(c, ['p2'])).toEqual({ activityId: 'a9', removePhotoIds: ['p1'] });
  });

  it('opens a refused new item with its waiting photos; saving it creates, not edits', async () => {
    const { engine, server, store, add } = setup();
    await add('k1', 1);
    server.script.push({ status: 422, code: 'VALIDATION', message: 'Ngày hoạt động không được sau hôm nay.' });
    await engine.sync();
    const c = correctRefused(store.items.get('k1')!);
    expect(c).toMatchObject({ reason: 'Ngày hoạt động không được sau hôm nay.', activityId: null, replacesKey: 'k1' });
    expect(c.queuedPhotos.map((p) => p.key)).toEqual(['k1-p0']);
    expect(editOf(c, [])).toBeUndefined();
  });
});

describe('sentToPrune', () => {
  it('forgets sent items after a week and beyond the newest 30', () => {
    const now = 100 * 24 * 3600_000;
    const make = (key: string, sentAt: number | null, state: QueuedActivity['state'] = 'sent') =>
      ({ key, state, sentAt }) as QueuedActivity;
    const items = [make('old', now - 8 * 24 * 3600_000), make('new', now - 1000), make('wait', null, 'waiting')];
    expect(sentToPrune(items, now)).toEqual(['old']);
    const many = Array.from({ length: 35 }, (_, i) => make(`s${i}`, now - i));
    expect(sentToPrune(many, now)).toEqual(['s30', 's31', 's32', 's33', 's34']);
  });
});
