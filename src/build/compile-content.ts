// Build step (`npm run build`): precompiles the built-in bank's YAML to dist/.content.json, so loading the
// bank without a warm cache parses JSON instead of YAML. See src/core/content/compiled.ts.
//
//   node dist/build/compile-content.js [root]
import { resolve } from 'node:path';
import { PACKAGE_ROOT } from '../core/content/bank.js';
import { compileContent } from '../core/content/compiled.js';

const { compiled, skipped } = compileContent(resolve(process.argv[2] ?? PACKAGE_ROOT));
process.stdout.write(`compiled ${compiled} content file(s) to dist/.content.json${skipped ? `; ${skipped} did not parse (sdcoach validate shows why)` : ''}\n`);
