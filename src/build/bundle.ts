// Build step (`npm run build`): bundles the CLI from tsc's output (dist/cli.js) into dist/app/, which is
// what bin/sdcoach.js runs. Node 20 loads an ES module graph file by file, and Ink's alone is hundreds of
// files (es-toolkit/compat for one `throttle`), so the interactive app spent most of a second resolving
// and reading modules before its first frame. The bundle keeps every lazy `import()` as its own chunk, so
// a command still loads only what it uses: `grade` never loads Ink or React.
//
//   node dist/build/bundle.js
import { build } from 'esbuild';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../core/package-root.js';

const outdir = join(PACKAGE_ROOT, 'dist', 'app');
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
});
if (result.errors.length > 0) process.exit(1);
process.stdout.write(`bundled dist/cli.js into dist/app/\n`);
