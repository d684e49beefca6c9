// Build step (`npm run build`): bundles the CLI from tsc's output (dist/cli.js) into dist/app/, which is
// what bin/sdcoach.js runs. Node 20 loads an ES module graph file by file, and Ink's alone is hundreds of
// files (es-toolkit/compat for one `throttle`), so the interactive app spent most of a second resolving
// and reading modules before its first frame. The bundle keeps every lazy `import()` as its own chunk, so
// a command still loads only what it uses: `grade` never loads Ink or React.
//
//   node dist/build/bundle.js
import { build, type Plugin } from 'esbuild';
import { existsSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../core/package-root.js';

/**
 * Yoga (Ink's layout engine) ships its WebAssembly as a base64 data: URL and, when `fetch` exists, loads it
 * with fetch(). In Node that first use of fetch loads undici (tens of milliseconds before the first frame)
 * only to decode a string the loader can decode itself: its own fallback when fetch is missing. This
 * makes the loader take that fallback. If a new Yoga release words it differently, the build says so and
 * the bundle keeps the fetch path (slower start-up, same behaviour).
 */
const YOGA_FETCH = 'function ya(){return w||"function"!=typeof fetch?';
const yogaWithoutFetch: Plugin = {
  name: 'yoga-without-fetch',
  setup(b) {
    b.onLoad({ filter: /yoga-layout[\\/]dist[\\/]binaries[\\/]yoga-wasm-base64-esm\.js$/ }, (args) => {
      const source = readFileSync(args.path, 'utf8');
      if (!source.includes(YOGA_FETCH)) {
        return { contents: source, loader: 'js', warnings: [{ text: 'yoga-layout: the wasm loader changed; it will load through fetch()' }] };
      }
      return { contents: source.replace(YOGA_FETCH, 'function ya(){return true?'), loader: 'js' };
    });
  },
};

/**
 * Every `import stringWidth from 'string-width'` (Ink's, wrap-ansi's, the editor's…) gets a wrapper that
 * answers from narrowWidth() (src/core/render/narrow-width.ts) when the text is plain narrow characters,
 * and otherwise calls the very version that dependency would have loaded (evaluated only then).
 */
const NARROW_WIDTH = join(PACKAGE_ROOT, 'dist', 'core', 'render', 'narrow-width.js');
const narrowStringWidth: Plugin = {
  name: 'narrow-string-width',
  setup(b) {
    b.onResolve({ filter: /^string-width$/ }, async (args) => {
      if (args.pluginData === 'real') return undefined;
      const real = await b.resolve(args.path, { kind: args.kind, resolveDir: args.resolveDir, importer: args.importer, pluginData: 'real' });
      if (real.errors.length > 0) return { errors: real.errors };
      return { path: real.path, namespace: 'narrow-string-width' };
    });
    b.onLoad({ filter: /.*/, namespace: 'narrow-string-width' }, (args) => ({
      resolveDir: PACKAGE_ROOT,
      loader: 'js',
      // require() rather than import: esbuild then evaluates the real module on first use, so its top-level
      // work (an Intl.Segmenter, the \p{RGI_Emoji} pattern, ~40 ms) is skipped for text that is all narrow.
      contents: [
        `import { narrowWidth } from ${JSON.stringify(NARROW_WIDTH)};`,
        'let real;',
        'export default function stringWidth(text, options) {',
        '  const narrow = narrowWidth(text, options);',
        '  if (narrow !== undefined) return narrow;',
        `  real ??= require(${JSON.stringify(args.path)}).default;`,
        '  return real(text, options);',
        '}',
      ].join('\n'),
    }));
  },
};

// Built beside the old bundle and swapped in at the end, so a running sdcoach (or a test run in parallel)
// never finds the folder half-written.
const target = join(PACKAGE_ROOT, 'dist', 'app');
const outdir = `${target}.${process.pid}.tmp`;
rmSync(outdir, { recursive: true, force: true });
const result = await build({
  entryPoints: [join(PACKAGE_ROOT, 'dist', 'cli.js')],
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // The production builds of React and its reconciler (the shim sets NODE_ENV=production anyway); without
  // this the bundle would carry both builds and choose at run time.
  define: { 'process.env.NODE_ENV': '"production"' },
  // Ink's optional developer tools (only with DEV=true) are not a dependency.
  external: ['react-devtools-core'],
  // CommonJS dependencies inside an ES module bundle still call require() for Node built-ins.
  banner: { js: "import { createRequire as __sdcoachRequire } from 'node:module'; const require = __sdcoachRequire(import.meta.url);" },
  logLevel: 'warning',
  legalComments: 'none',
  plugins: [yogaWithoutFetch, narrowStringWidth],
});
if (result.errors.length > 0) process.exit(1);
const old = `${target}.${process.pid}.old`;
if (existsSync(target)) renameSync(target, old);
renameSync(outdir, target);
rmSync(old, { recursive: true, force: true });
process.stdout.write(`bundled dist/cli.js into dist/app/\n`);
