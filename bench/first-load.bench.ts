/**
 * What a phone downloads on its first visit, over the wire from the real server: a fresh Chromium
 * profile (cold cache, the browser's own Accept-Encoding), bytes as transferred (CDP
 * `Network.loadingFinished` encodedDataLength: headers and the compressed body) until the page is
 * drawn and the network has been quiet for a second. Budgets apply to JS + CSS + fonts + images.
 */
import { chromium, type Browser, type CDPSession } from 'playwright-core';
import { CHROMIUM, type PhonePage, type PhonePages } from './phone-pages.ts';

/** Budgets over the wire (issue 20), and the figures measured the same way before it. */
const FIRST_LOAD = {
  field: { budgetKb: 100, beforeKb: 246, landmark: 'button:has-text("Ghi nhận hoạt động")' },
  officer: { budgetKb: 250, beforeKb: 988, landmark: 'main h1, main h2' },
} as const;

/** What counts against the budget: JS, CSS, fonts and images (an icon is an image whatever CDP calls its request). */
const isBudgeted = (l: Loaded) => /javascript|css|font|image\//.test(l.mime);

const kb = (bytes: number) => Number((bytes / 1024).toFixed(1));

interface Loaded {
  url: string;
  type: string;
  mime: string;
  bytes: number;
  encoding: string | null;
}

/** Records every finished response of a page (by CDP request id). */
function recordNetwork(cdp: CDPSession) {
  const meta = new Map<string, Omit<Loaded, 'bytes'>>();
  const loaded: Loaded[] = [];
  let acceptEncoding: string | null = null;
  let lastActivity = Date.now();
  cdp.on('Network.requestWillBeSentExtraInfo', (e) => {
    acceptEncoding ??= (e.headers['Accept-Encoding'] ?? e.headers['accept-encoding'] ?? null) as string | null;
  });
  cdp.on('Network.responseReceived', (e) => {
    lastActivity = Date.now();
    const headers = Object.fromEntries(Object.entries(e.response.headers).map(([k, v]) => [k.toLowerCase(), String(v)]));
    meta.set(e.requestId, {
      url: e.response.url,
      type: e.type ?? 'Other',
      mime: e.response.mimeType,
      encoding: headers['content-encoding'] ?? null,
    });
  });
  cdp.on('Network.loadingFinished', (e) => {
    lastActivity = Date.now();
    const m = meta.get(e.requestId);
    if (m) loaded.push({ ...m, bytes: e.encodedDataLength });
  });
  return { loaded, acceptEncoding: () => acceptEncoding, quietForMs: () => Date.now() - lastActivity };
}

/** Opens one page cold in a phone-sized context and sums what crossed the wire. */
async function firstLoad(browser: Browser, baseUrl: string, page: PhonePage) {
  const context = await browser.newContext({
    viewport: { width: 360, height: 740 },
    isMobile: true,
    hasTouch: true,
    deviceScaleFactor: 2,
    locale: 'vi-VN',
    timezoneId: 'Asia/Ho_Chi_Minh',
  });
  try {
    const [name, value] = page.cookie.split('=') as [string, string];
    await context.addCookies([{ name, value, url: baseUrl }]);
    const tab = await context.newPage();
    const cdp = await context.newCDPSession(tab);
    await cdp.send('Network.enable');
    const net = recordNetwork(cdp);
    await tab.goto(`${baseUrl}${page.path}`, { waitUntil: 'load' });
    await tab.locator(FIRST_LOAD[page.name].landmark).first().waitFor({ timeout: 30_000 });
    while (net.quietForMs() < 1000) await new Promise((r) => setTimeout(r, 100));
    const byType: Record<string, number> = {};
    for (const l of net.loaded) byType[l.type] = (byType[l.type] ?? 0) + l.bytes;
    const budgeted = net.loaded.filter(isBudgeted).reduce((s, l) => s + l.bytes, 0);
    const total = net.loaded.reduce((s, l) => s + l.bytes, 0);
    const { budgetKb, beforeKb } = FIRST_LOAD[page.name];
    return {
      page: page.name,
      url: new URL(tab.url()).pathname,
      acceptEncoding: net.acceptEncoding(),
      requests: net.loaded.length,
      budgetedKb: kb(budgeted),
      totalKb: kb(total),
      byTypeKb: Object.fromEntries(Object.entries(byType).map(([type, bytes]) => [type, kb(bytes)])),
      budgetKb,
      isWithinBudget: budgeted <= budgetKb * 1024,
      beforeKb,
      ratioToBefore: Number((budgeted / 1024 / beforeKb).toFixed(3)),
      files: net.loaded
        .sort((a, b) => b.bytes - a.bytes)
        .map((l) => ({ path: new URL(l.url).pathname, type: l.type, kb: kb(l.bytes), encoding: l.encoding })),
    };
  } finally {
    await context.close();
  }
}

/** Measures the cold first load of /field (member) and / (commune officer). */
export async function measureFirstLoads(phone: PhonePages) {
  const browser = await chromium.launch({ executablePath: CHROMIUM.path, args: CHROMIUM.flags });
  try {
    const results = [];
    for (const page of phone.pages) results.push(await firstLoad(browser, phone.server.baseUrl, page));
    return results;
  } finally {
    await browser.close();
  }
}

/** What measureFirstLoads reports. */
export type FirstLoadResult = Awaited<ReturnType<typeof measureFirstLoads>>;
