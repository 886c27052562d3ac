/**
 * Lighthouse 12.2.3 on the two pages a phone opens most, signed in: its default (mobile) preset,
 * a Moto G Power-sized screen with simulated slow 4G (150 ms RTT, 1.6 Mbit/s) and a 4× slower
 * CPU; Debian's Chromium, headless. Prints the scores and what Lighthouse would fix first.
 */
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { CHROMIUM, type PhonePage, type PhonePages } from './phone-pages.ts';

/** Goals of issue 20, per page. */
export const LIGHTHOUSE_GOALS = {
  field: { performance: 90, accessibility: 95 },
  officer: { performance: 80, accessibility: 95 },
} as const;

interface AuditLike {
  id: string;
  title: string;
  score: number | null;
  scoreDisplayMode?: string;
  displayValue?: string;
  details?: { type?: string; overallSavingsMs?: number; overallSavingsBytes?: number };
  metricSavings?: Record<string, number>;
}

const score = (value: number | null | undefined) => Math.round((value ?? 0) * 100);

/** The category's failing audits, those that would save the most time first; at most five. */
function topFailing(audits: Record<string, AuditLike>, category: { auditRefs: { id: string }[] } | undefined) {
  const failing = (category?.auditRefs ?? [])
    .map((ref) => audits[ref.id])
    .filter((a): a is AuditLike => a !== undefined)
    .filter((a) => a.score !== null && a.score < 0.9 && a.scoreDisplayMode !== 'informative' && a.scoreDisplayMode !== 'notApplicable');
  const savingsMs = (a: AuditLike) => a.details?.overallSavingsMs ?? a.metricSavings?.LCP ?? 0;
  return failing
    .sort((a, b) => savingsMs(b) - savingsMs(a) || (a.score ?? 0) - (b.score ?? 0))
    .slice(0, 5)
    .map((a) => ({
      id: a.id,
      title: a.title,
      score: score(a.score),
      savingsMs: Math.round(savingsMs(a)),
      savingsKb: a.details?.overallSavingsBytes ? Math.round(a.details.overallSavingsBytes / 1024) : undefined,
      displayValue: a.displayValue,
    }));
}

/** One Lighthouse run of a page in a fresh Chromium. */
async function runOnce(baseUrl: string, page: PhonePage) {
  const chrome = await chromeLauncher.launch({ chromePath: CHROMIUM.path, chromeFlags: CHROMIUM.flags });
  try {
    const run = await lighthouse(`${baseUrl}${page.path}`, {
      port: chrome.port,
      output: 'json',
      logLevel: 'error',
      onlyCategories: ['performance', 'accessibility'],
      extraHeaders: { Cookie: page.cookie },
    });
    if (!run) throw new Error(`Lighthouse gave no result for ${page.path}`);
    const { lhr } = run;
    if (lhr.runtimeError) throw new Error(`Lighthouse on ${page.path}: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
    const audits = lhr.audits as unknown as Record<string, AuditLike>;
    const metric = (id: string) => audits[id]?.displayValue ?? null;
    return {
      url: lhr.finalDisplayedUrl,
      scores: { performance: score(lhr.categories.performance?.score), accessibility: score(lhr.categories.accessibility?.score) },
      metrics: {
        firstContentfulPaint: metric('first-contentful-paint'),
        largestContentfulPaint: metric('largest-contentful-paint'),
        totalBlockingTime: metric('total-blocking-time'),
        cumulativeLayoutShift: metric('cumulative-layout-shift'),
        speedIndex: metric('speed-index'),
      },
      /** Lighthouse's own measure of the machine's speed (a 2-CPU box shared with other work scores low). */
      benchmarkIndex: lhr.environment.benchmarkIndex,
      throttling: lhr.configSettings.throttling,
      formFactor: lhr.configSettings.formFactor,
      chromium: lhr.environment.hostUserAgent,
      opportunities: topFailing(audits, lhr.categories.performance),
      accessibilityFailures: topFailing(audits, lhr.categories.accessibility),
    };
  } finally {
    chrome.kill();
  }
}

/**
 * Runs Lighthouse `runs` times on /field (team member) and / (commune officer), each in a fresh
 * Chromium, and keeps the run with the median performance score (Lighthouse's own advice: its
 * simulated throttling still scales with how busy the machine is).
 */
export async function runLighthouse(phone: PhonePages, runs: number) {
  const results = [];
  for (const page of phone.pages) {
    const all = [];
    for (let i = 0; i < runs; i++) all.push(await runOnce(phone.server.baseUrl, page));
    const median = [...all].sort((a, b) => a.scores.performance - b.scores.performance)[Math.floor(all.length / 2)]!;
    const goals = LIGHTHOUSE_GOALS[page.name];
    results.push({
      page: page.name,
      runs: all.map((r) => ({ ...r.scores, benchmarkIndex: r.benchmarkIndex })),
      goals,
      isGoalMet: median.scores.performance >= goals.performance && median.scores.accessibility >= goals.accessibility,
      ...median,
    });
  }
  return results;
}

/** What runLighthouse reports. */
export type LighthouseResult = Awaited<ReturnType<typeof runLighthouse>>;
