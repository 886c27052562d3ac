/**
 * First-load JavaScript of the field app: the module script and modulepreload links of
 * dist/client/field/index.html, plus their static imports, gzipped at level 9 (what a phone
 * downloads on a first visit to /field before the service worker has anything cached).
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';

const DEFAULT_CLIENT_DIR = fileURLToPath(new URL('../dist/client/', import.meta.url));

/** The budget the field app must stay under, gzipped. */
export const FIELD_JS_BUDGET_KB = 150;

const kb = (bytes: number) => Number((bytes / 1024).toFixed(1));
const gzipSize = (file: string) => zlib.gzipSync(fs.readFileSync(file), { level: 9 }).length;

/** Site-root URLs of `<script type="module" src>` and `<link rel="modulepreload" href>`. */
function entryUrls(html: string): { js: string[]; css: string[] } {
  const js: string[] = [];
  const css: string[] = [];
  for (const tag of html.match(/<(script|link)\b[^>]*>/gi) ?? []) {
    const attr = (name: string) => new RegExp(`\\b${name}\\s*=\\s*["']([^"']*)["']`, 'i').exec(tag)?.[1];
    if (/^<script/i.test(tag) && attr('type') === 'module' && attr('src')) js.push(attr('src')!);
    if (/^<link/i.test(tag) && attr('rel') === 'modulepreload' && attr('href')) js.push(attr('href')!);
    if (/^<link/i.test(tag) && attr('rel') === 'stylesheet' && attr('href')) css.push(attr('href')!);
  }
  return { js, css };
}

/** Relative static imports of a built chunk (`import … from "./x.js"`, `import "./x.js"`); not import(). */
function staticImports(code: string): string[] {
  const out: string[] = [];
  for (const m of code.matchAll(/\bfrom\s*["'](\.{1,2}\/[^"']+\.js)["']|\bimport\s*["'](\.{1,2}\/[^"']+\.js)["']/g)) out.push((m[1] ?? m[2])!);
  return out;
}

/** Measures the field app's first-load JavaScript; `built: false` when the client is not built. */
export function measureFieldBundle(clientDir = DEFAULT_CLIENT_DIR) {
  const indexFile = path.join(clientDir, 'field', 'index.html');
  if (!fs.existsSync(indexFile)) return { built: false as const, budgetKb: FIELD_JS_BUDGET_KB };
  const html = fs.readFileSync(indexFile, 'utf8');
  const { js, css } = entryUrls(html);
  const toFile = (url: string) => path.join(clientDir, new URL(url, 'http://x/field/').pathname);
  const seen = new Set<string>();
  const queue = js.map(toFile);
  while (queue.length > 0) {
    const file = queue.shift()!;
    if (seen.has(file)) continue;
    if (!fs.existsSync(file)) throw new Error(`field/index.html refers to a missing file: ${file}`);
    seen.add(file);
    for (const rel of staticImports(fs.readFileSync(file, 'utf8'))) queue.push(path.resolve(path.dirname(file), rel));
  }
  const files = [...seen].map((file) => ({
    file: path.relative(clientDir, file),
    rawKb: kb(fs.statSync(file).size),
    gzipKb: kb(gzipSize(file)),
  }));
  const cssFiles = css.map(toFile).filter((f) => fs.existsSync(f));
  const jsGzipBytes = [...seen].reduce((sum, f) => sum + gzipSize(f), 0);
  return {
    built: true as const,
    budgetKb: FIELD_JS_BUDGET_KB,
    jsFiles: files,
    jsRawKb: kb([...seen].reduce((sum, f) => sum + fs.statSync(f).size, 0)),
    jsGzipKb: kb(jsGzipBytes),
    cssGzipKb: kb(cssFiles.reduce((sum, f) => sum + gzipSize(f), 0)),
    htmlGzipKb: kb(gzipSize(indexFile)),
    isWithinBudget: jsGzipBytes <= FIELD_JS_BUDGET_KB * 1024,
  };
}

/** What measureFieldBundle reports. */
export type FieldBundleResult = ReturnType<typeof measureFieldBundle>;
