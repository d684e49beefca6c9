#!/usr/bin/env node
// Decide colour before chalk (and so Ink and marked-terminal) is loaded: chalk ignores NO_COLOR on its own.
const argv = process.argv.slice(2);
if (
  (process.env.NO_COLOR !== undefined && process.env.NO_COLOR !== '') ||
  argv.includes('--no-color') ||
  process.env.TERM === 'dumb'
) {
  process.env.FORCE_COLOR = '0';
}
// React and Ink run their production builds unless told otherwise (the development build is much slower).
process.env.NODE_ENV ??= 'production';
await import('../dist/app/cli.js');
