import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { compression, defineAlgorithm } from 'vite-plugin-compression2';
import { constants as zlibConstants } from 'node:zlib';
import { createHash } from 'node:crypto';
import { serviceWorkerSource } from './src/client/field/sw-source.ts';
import { mainServiceWorkerSource } from './src/client/sw-push.ts';
import { mantineStyles } from './scripts/mantine-styles.ts';

const root = fileURLToPath(new URL('./src/client', import.meta.url));
const outDir = fileURLToPath(new URL('./dist/client', import.meta.url));
const fieldIcons = fileURLToPath(new URL('./src/client/field/icons', import.meta.url));

/** The installable field app's web manifest (served at /field/manifest.webmanifest). */
const fieldManifest = {
  id: '/field/',
  name: 'Tổ CNSCĐ – Ghi nhận hoạt động',
  short_name: 'Tổ CNSCĐ',
  description: 'Ghi nhận hoạt động của Tổ Công nghệ số cộng đồng, cả khi không có mạng',
  lang: 'vi',
  dir: 'ltr',
  start_url: '/field/',
  scope: '/field/',
  display: 'standalone',
  orientation: 'portrait',
  background_color: '#f1f3f5',
  theme_color: '#1864ab',
  icons: [
    { src: '/field/icons/icon.svg', sizes: 'any', type: 'image/svg+xml' },
    { src: '/field/icons/icon-192.png', sizes: '192x192', type: 'image/png' },
    { src: '/field/icons/icon-512.png', sizes: '512x512', type: 'image/png' },
    { src: '/field/icons/icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
  ],
};

/**
 * The field app's own assets: its manifest and icons under /field/, the <link> tags in
 * field/index.html only (so the main app is never installable as the field app), and its
 * service worker (field/sw.js), which precaches exactly the files reachable from the field entry.
 */
function fieldApp(): Plugin {
  const files = () => fs.readdirSync(fieldIcons).map((name) => ({ name, source: fs.readFileSync(`${fieldIcons}/${name}`) }));
  return {
    name: 'cnscd:field-app',
    transformIndexHtml: {
      order: 'post',
      handler(_html, ctx) {
        if (!ctx.filename.replaceAll('\\', '/').endsWith('/field/index.html')) return;
        return [
          { tag: 'link', attrs: { rel: 'manifest', href: '/field/manifest.webmanifest' }, injectTo: 'head' },
          { tag: 'link', attrs: { rel: 'icon', href: '/field/icons/icon.svg', type: 'image/svg+xml' }, injectTo: 'head' },
          { tag: 'link', attrs: { rel: 'apple-touch-icon', href: '/field/icons/apple-touch-icon.png' }, injectTo: 'head' },
          { tag: 'meta', attrs: { name: 'theme-color', content: fieldManifest.theme_color }, injectTo: 'head' },
        ];
      },
    },
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        // Client routes of the field app (/field/new) open its own page, as the server does.
        if (req.url && /^\/field\/[^.?]+$/.test(req.url)) req.url = '/field/index.html';
        if (req.url === '/field/manifest.webmanifest') {
          res.setHeader('Content-Type', 'application/manifest+json');
          return res.end(JSON.stringify(fieldManifest));
        }
        const icon = req.url?.startsWith('/field/icons/') && files().find((f) => `/field/icons/${f.name}` === req.url);
        if (icon) {
          res.setHeader('Content-Type', icon.name.endsWith('.svg') ? 'image/svg+xml' : 'image/png');
          return res.end(icon.source);
        }
        next();
      });
    },
    generateBundle: {
      // After the HTML pages are emitted, so field/index.html is in the bundle and hashed.
      order: 'post',
      handler(_options, bundle) {
        this.emitFile({ type: 'asset', fileName: 'field/manifest.webmanifest', source: JSON.stringify(fieldManifest) });
        for (const { name, source } of files()) this.emitFile({ type: 'asset', fileName: `field/icons/${name}`, source });
        /** URLs (from the site root) of the bundle files the field app loads. */
        const fieldFiles = new Set<string>();
        const visit = (fileName: string) => {
          const chunk = bundle[fileName];
          if (!chunk || fieldFiles.has(`/${fileName}`)) return;
          fieldFiles.add(`/${fileName}`);
          if (chunk.type !== 'chunk') return;
          chunk.viteMetadata?.importedCss.forEach((css) => fieldFiles.add(`/${css}`));
          chunk.viteMetadata?.importedAssets.forEach((asset) => fieldFiles.add(`/${asset}`));
          [...chunk.imports, ...chunk.dynamicImports].forEach(visit);
        };
        for (const chunk of Object.values(bundle)) {
          if (chunk.type === 'chunk' && chunk.isEntry && chunk.facadeModuleId?.replaceAll('\\', '/').endsWith('/field/index.html')) {
            visit(chunk.fileName);
          }
        }
        if (fieldFiles.size === 0) throw new Error('the field app entry was not found in the bundle');
        const page = bundle['field/index.html'];
        if (!page || page.type !== 'asset') throw new Error('field/index.html was not emitted');
        const precache = [
          '/field/index.html',
          '/field/manifest.webmanifest',
          ...files().map((f) => `/field/icons/${f.name}`),
          ...[...fieldFiles].sort(),
        ];
        const version = createHash('sha256').update(String(page.source)).update(precache.join('\n')).digest('hex').slice(0, 12);
        this.emitFile({ type: 'asset', fileName: 'field/sw.js', source: serviceWorkerSource(version, precache) });
        this.emitFile({ type: 'asset', fileName: 'sw.js', source: mainServiceWorkerSource() });
      },
    },
  };
}

/**
 * Chunks of the build, measured over the wire in `npm run bench` (ADR 0013). Left to itself the
 * bundler cut the main app into some fifty files of 1–3 KB, and on a phone every file costs a
 * round trip and ~1 KB of headers. So: React alone (the field app loads only it and its own
 * code), zod apart (only forms validate, and they are lazy), every other library in one
 * long-cached chunk, the small shared helpers in one, and the API hooks and links several pages
 * share in one; each page stays its own chunk.
 */
const CHUNK_GROUPS = [
  { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler)[\\/]|rolldown[\\/]runtime|modulepreload-polyfill/, priority: 20 },
  { name: 'zod', test: /node_modules[\\/]zod[\\/]/, priority: 15 },
  { name: 'vendor', test: /node_modules[\\/]/, priority: 10 },
  // Small pure helpers of src/shared (dates, messages, units…) and src/client/shared (the request
  // wrapper, uuid, photo plan) that both apps use: they import nothing but each other, so the
  // field app loading them loads nothing else.
  {
    name: 'shared',
    test: /src[\\/]shared[\\/](?!schemas[\\/]|zod-locale|field-labels)[\w-]+\.ts$|src[\\/]client[\\/](use-[\w-]+\.ts|shared[\\/][\w-]+\.tsx?)$/,
    priority: 8,
  },
  {
    name: 'common',
    // API hooks and links only: not the forms and drafts (they would drag zod along), nor
    // anything the field app imports (it would then load this chunk and the libraries' one).
    test: /src[\\/]client[\\/]features[\\/][^\\/]+[\\/]([a-z-]+-api|links)\.ts$/,
    minShareCount: 2,
    priority: 5,
  },
];

/** Vite config for the web client (main app and field app), root src/client, output dist/client. */
export default defineConfig({
  root,
  base: '/',
  plugins: [
    react(),
    fieldApp(),
    mantineStyles({ sourceDir: root, mantineDir: fileURLToPath(new URL('./node_modules/@mantine/core', import.meta.url)) }),
    // Brotli and gzip copies next to every text file, served as they are (@fastify/static
    // preCompressed): maximum levels cost build time once instead of CPU on every request.
    compression({
      include: /\.(html|css|js|mjs|json|svg|webmanifest)$/,
      threshold: 512,
      algorithms: [
        defineAlgorithm('brotliCompress', { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: zlibConstants.BROTLI_MAX_QUALITY } }),
        defineAlgorithm('gzip', { level: 9 }),
      ],
      logLevel: 'silent',
    }),
  ],
  build: {
    outDir,
    emptyOutDir: true,
    sourcemap: false,
    chunkSizeWarningLimit: 700,
    rolldownOptions: {
      input: { main: `${root}/index.html`, field: `${root}/field/index.html` },
      output: { codeSplitting: { groups: CHUNK_GROUPS } },
    },
  },
  server: {
    port: 5173,
    proxy: {
      '/api': { target: 'http://localhost:3000', changeOrigin: false },
    },
  },
  preview: {
    proxy: {
      '/api': { target: 'http://localhost:3000', changeOrigin: false },
    },
  },
});
