/**
 * Only the Mantine styles the web client can render. `@mantine/core/styles.css` holds every
 * component's CSS (248 KB, 30 KB brotli) and the browser must read all of it before drawing the
 * first page. This finds the components src/client imports from `@mantine/core`, follows
 * Mantine's own imports from each (Select brings Combobox, Input, Popover, ScrollArea…), and
 * serves `virtual:mantine-styles`: the global styles plus `@mantine/core/styles/<Component>.css`
 * of exactly those. A component newly used anywhere in src/client brings its CSS with it.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Plugin } from 'vite';

const MODULE_ID = 'virtual:mantine-styles';
const RESOLVED_ID = `\0${MODULE_ID}.css`;
/** The styles every Mantine app needs first, in Mantine's documented order. */
const GLOBAL_STYLES = ['baseline', 'default-css-variables', 'global'];

/** Names imported from '@mantine/core' in the client's source files. */
function importedNames(sourceDir: string): Set<string> {
  const names = new Set<string>();
  const visit = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) visit(file);
      else if (/\.tsx?$/u.test(entry.name) && !entry.name.includes('.test.')) {
        const code = fs.readFileSync(file, 'utf8');
        for (const m of code.matchAll(/import\s*\{([^}]*)\}\s*from\s*'@mantine\/core'/gu)) {
          for (const name of m[1]!.split(',')) {
            const clean = name
              .replace(/^\s*type\s+/u, '')
              .split(/\s+as\s+/u)[0]!
              .trim();
            if (/^[A-Z]/u.test(clean) && !/^type\s/u.test(name.trim())) names.add(clean);
          }
        }
      }
    }
  };
  visit(sourceDir);
  return names;
}

/** The component folders (`components/<Name>/`) reachable from the named exports of @mantine/core. */
export function mantineComponents(mantineDir: string, names: Iterable<string>): string[] {
  const esm = path.join(mantineDir, 'esm');
  const index = fs.readFileSync(path.join(esm, 'index.mjs'), 'utf8');
  const fileOf = new Map<string, string>();
  for (const m of index.matchAll(/import\s*\{([^}]*)\}\s*from\s*"(\.\/components\/[^"]+)"/gu)) {
    for (const name of m[1]!.split(','))
      fileOf.set(
        name
          .split(/\s+as\s+/u)
          .pop()!
          .trim(),
        m[2]!,
      );
  }
  const seen = new Set<string>();
  const queue = [...names].flatMap((n) => (fileOf.has(n) ? [path.join(esm, fileOf.get(n)!)] : []));
  while (queue.length > 0) {
    const file = queue.pop()!;
    if (seen.has(file) || !fs.existsSync(file)) continue;
    seen.add(file);
    for (const m of fs.readFileSync(file, 'utf8').matchAll(/from\s*"(\.{1,2}\/[^"]+\.mjs)"/gu)) {
      const next = path.resolve(path.dirname(file), m[1]!);
      if (next.startsWith(path.join(esm, 'components'))) queue.push(next);
    }
  }
  const folders = new Set([...seen].map((f) => path.relative(path.join(esm, 'components'), f).split(path.sep)[0]!));
  return [...folders].sort();
}

/**
 * The global styles and those of `components`, in the order of Mantine's own styles.css (it puts
 * what others build on first: UnstyledButton before Button, Input before Select…).
 */
export function mantineCss(mantineDir: string, components: string[]): string {
  const all = fs.readFileSync(path.join(mantineDir, 'styles.css'), 'utf8');
  const files = [...GLOBAL_STYLES, ...components]
    .map((name) => path.join(mantineDir, 'styles', `${name}.css`))
    .filter((file) => fs.existsSync(file))
    .map((file) => {
      const css = fs.readFileSync(file, 'utf8');
      return { css, at: all.indexOf(css.trim().slice(0, 300)) };
    });
  return files
    .sort((a, b) => a.at - b.at)
    .map((f) => f.css)
    .join('\n');
}

/** The Vite plugin serving `virtual:mantine-styles`. */
export function mantineStyles(options: { sourceDir: string; mantineDir: string }): Plugin {
  return {
    name: 'cnscd:mantine-styles',
    resolveId: (id) => (id === MODULE_ID ? RESOLVED_ID : undefined),
    load(id) {
      if (id !== RESOLVED_ID) return;
      return mantineCss(options.mantineDir, mantineComponents(options.mantineDir, importedNames(options.sourceDir)));
    },
  };
}
