// The same failures on real file systems: a tiny tmpfs that fills up, and one remounted read-only. Each
// runs in its own user and mount namespace (`unshare -rm`), so nothing outlives the test; skipped where
// unprivileged namespaces are not allowed. Uses the built binary and dist/ (`npm run build` first).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { makeSession } from '../sessions/fixtures.js';

const ROOT = resolve(import.meta.dirname, '../..');
const STORE_JS = pathToFileURL(join(ROOT, 'dist', 'core', 'storage', 'session-store.js')).href;
const BIN = join(ROOT, 'bin', 'sdcoach.js');
const canUnshare = process.platform === 'linux' && spawnSync('unshare', ['-rm', 'true']).status === 0;

/** Runs a shell script inside a fresh user+mount namespace with a tmpfs mounted at $MNT. */
const inNamespace = (script: string, sizeKb: number) => {
  const work = mkdtempSync(join(tmpdir(), 'sdcoach-tmpfs-'));
  const mnt = join(work, 'mnt');
  const r = spawnSync('unshare', ['-rm', 'sh', '-ec', `mkdir -p "$MNT"; mount -t tmpfs -o size=${sizeKb}k tmpfs "$MNT"; ${script}`], {
    encoding: 'utf8',
    env: { ...process.env, MNT: mnt, WORK: work, FORCE_COLOR: '0', NO_COLOR: '1', SDCOACH_BANK: '' },
    timeout: 60_000,
  });
  return { ...r, work };
};

describe.skipIf(!canUnshare)('on real small and read-only file systems', () => {
  it('a full disk keeps the previous session file and the draft in memory', () => {
    const child = `
      import { readFileSync, writeFileSync } from 'node:fs';
      const { SessionStore } = await import(${JSON.stringify(STORE_JS)});
      const data = process.env.MNT;
      const store = new SessionStore({ paths: { data, sessions: data + '/sessions', locks: data + '/locks', config: data } });
      const live = await store.create({ questionId: 'q', questionTitle: 'Q', rubricVersion: '1.1',
        settings: { minutesPerPhase: { requirements: 5, estimation: 5, design: 15, 'deep-dive': 15 }, strict: false } });
      live.update((s) => ({ ...s, current: { ...s.current, draft: 'small draft' } }));
      const before = readFileSync(live.file, 'utf8');
      try { writeFileSync(data + '/filler', Buffer.alloc(4 * 1024 * 1024)); } catch {}
      const big = 'x'.repeat(200 * 1024);
      let error = null;
      try { live.update((s) => ({ ...s, current: { ...s.current, draft: big } })); } catch (e) { error = e.message; }
      console.log(JSON.stringify({ error, kept: readFileSync(live.file, 'utf8') === before, draft: live.session.current.draft.length,
        listed: store.list().sessions.map((e) => e.session.current.draft) }));
      await live.close();
    `;
    const script = join(mkdtempSync(join(tmpdir(), 'sdcoach-child-')), 'full.mjs');
    writeFileSync(script, child);
    const r = inNamespace(`node "${script}"`, 256);
    expect(r.stderr).toBe('');
    const out = JSON.parse(r.stdout) as { error: string; kept: boolean; draft: number; listed: string[] };
    expect(out.error).toMatch(/could not save session .*: the disk is full \(ENOSPC\); the previous version is kept/);
    expect(out.kept).toBe(true);
    expect(out.draft).toBe(200 * 1024);
    expect(out.listed).toEqual(['small draft']);
  });

  it('a read-only data folder still lists sessions, and writing fails with a clear error', () => {
    const session = makeSession({ seed: 21 });
    const work = mkdtempSync(join(tmpdir(), 'sdcoach-ro-'));
    const file = join(work, 'session.json');
    writeFileSync(file, JSON.stringify(session));
    const r = inNamespace(
      [
        `SDCOACH_HOME="$MNT" node "${BIN}" import "${file}" >/dev/null`,
        'mount -o remount,ro "$MNT"',
        `SDCOACH_HOME="$MNT" node "${BIN}" history --json`,
        'echo "----"',
        `SDCOACH_HOME="$MNT" node "${BIN}" import "${file}" 2>&1 || echo "exit $?"`,
        `SDCOACH_HOME="$MNT/new" node "${BIN}" import "${file}" 2>&1 || echo "exit $?"`,
      ].join('\n'),
      1024,
    );
    const [history, imports] = r.stdout.split('----\n');
    const listed = JSON.parse(history!) as { sessions: { id: string }[]; errors: unknown[] };
    expect(listed.sessions.map((s) => s.id)).toEqual([session.id]);
    expect(listed.errors).toEqual([]);
    expect(imports).toMatch(/cannot write .*\.json: the file system is read-only \(EROFS\)\nSet SDCOACH_HOME to a writable folder\.\nexit 1/);
    expect(imports).toMatch(/cannot create the data folder .*\/new\/sessions: the file system is read-only \(EROFS\)\n.*Set SDCOACH_HOME to a writable folder\.\nexit 1/);
  });

  it('a read-only install keeps its bank cache in the data folder, and starts from it', () => {
    const dist = join(ROOT, 'dist');
    const r = inNamespace(
      [
        // Read-only inside this namespace only (a global install owned by root looks like this).
        `mount --bind "${dist}" "${dist}"`,
        `mount -o remount,bind,ro "${dist}"`,
        `SDCOACH_HOME="$MNT" node "${BIN}" questions --json > "$MNT/first.json"`,
        `SDCOACH_HOME="$MNT" node "${BIN}" questions --json > "$MNT/second.json"`,
        'ls "$MNT/cache"',
        'cmp "$MNT/first.json" "$MNT/second.json" && echo same',
        'wc -c < "$MNT/first.json"',
      ].join('\n'),
      16 * 1024,
    );
    expect(r.stderr).toBe('');
    const [cacheFile, same, bytes] = r.stdout.trim().split('\n');
    expect(cacheFile).toMatch(/^bank-[0-9a-f]{16}\.json$/);
    expect(same).toBe('same');
    expect(Number(bytes)).toBeGreaterThan(1000);
  });
});
