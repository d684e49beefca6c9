import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dataPaths } from '../../src/core/storage/paths.js';
import { defaultSettings, loadSettingsForStart } from '../../src/core/storage/settings-defaults.js';
import { DEFAULT_MINUTES_PER_PHASE, loadSettings, loadSettingsAsync, saveSettings, SettingsSchema, settingsPath, settingsSnapshot } from '../../src/core/storage/settings.js';
import { failingFs, tempPaths } from './helpers.js';

const quiet = { warn: () => undefined };

describe('data paths', () => {
  it('puts sessions and settings under SDCOACH_HOME when set', () => {
    const p = dataPaths({ SDCOACH_HOME: '/tmp/home-x' });
    expect(p).toEqual({ data: '/tmp/home-x', sessions: '/tmp/home-x/sessions', locks: '/tmp/home-x/locks', config: '/tmp/home-x' });
  });
  it('uses the platform folders named sdcoach (no -nodejs suffix) otherwise', () => {
    const p = dataPaths({});
    expect(p.data).toMatch(/sdcoach$/);
    expect(p.config).toMatch(/sdcoach$/);
    expect(p.data).not.toMatch(/nodejs/);
  });
});

describe('settings', () => {
  it('has zod-free defaults equal to what the schema gives for an empty file', async () => {
    expect(defaultSettings()).toEqual(SettingsSchema.parse({}));
    const paths = tempPaths();
    expect((await loadSettingsForStart({ paths, ...quiet })).settings).toEqual(SettingsSchema.parse({}));
    saveSettings({ strict: true }, { paths });
    expect((await loadSettingsForStart({ paths, ...quiet })).settings.strict).toBe(true);
  });

  it('uses the defaults when there is no file', () => {
    const paths = tempPaths();
    const loaded = loadSettings({ paths, ...quiet });
    expect(loaded.settings).toMatchObject({ minutesPerPhase: DEFAULT_MINUTES_PER_PHASE, strict: false });
    expect(loaded.warnings).toEqual([]);
    expect(loaded.path).toBe(join(paths.config, 'config.json'));
  });

  it('reads the same through loadSettingsAsync (which loads conf only when there is a file)', async () => {
    const paths = tempPaths();
    expect((await loadSettingsAsync({ paths, ...quiet })).settings).toEqual(loadSettings({ paths, ...quiet }).settings);
    expect(existsSync(paths.config) && readdirSync(paths.config).length > 0).toBe(false);
    saveSettings({ strict: true, followUps: 4 }, { paths });
    const loaded = await loadSettingsAsync({ paths, ...quiet });
    expect(loaded.settings).toMatchObject({ strict: true, followUps: 4, minutesPerPhase: DEFAULT_MINUTES_PER_PHASE });
    writeFileSync(settingsPath(paths), '{ not json');
    const warnings: string[] = [];
    expect((await loadSettingsAsync({ paths, warn: (m) => warnings.push(m) })).settings.strict).toBe(false);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/was unreadable \(not valid JSON/);
  });

  it('round-trips, keeping keys it does not know', () => {
    const paths = tempPaths();
    const defaults = loadSettings({ paths, ...quiet }).settings;
    const settings = { ...defaults, minutesPerPhase: { requirements: 4, estimation: 6, design: 20, 'deep-dive': 15 }, strict: true, fromNewerVersion: { x: 1 } };
    saveSettings(settings, { paths });
    expect(loadSettings({ paths, ...quiet }).settings).toEqual(settings);
    expect(settingsSnapshot(loadSettings({ paths, ...quiet }).settings)).toEqual({ minutesPerPhase: settings.minutesPerPhase, strict: true });
  });

  it.each([
    ['empty', ''],
    ['corrupt', '{"strict": tru'],
    ['NUL-filled', '\u0000'.repeat(64)],
    ['invalid', '{"strict": "yes"}'],
  ])('moves an %s file aside with a warning and uses the defaults', (_what, content) => {
    const paths = tempPaths();
    writeFileSync(settingsPath(paths), content);
    const warnings: string[] = [];
    const loaded = loadSettings({ paths, warn: (m) => warnings.push(m), now: () => new Date(Date.UTC(2025, 0, 2, 3, 4, 5)) });
    expect(loaded.settings.strict).toBe(false);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/settings file .*config\.json was unreadable .*; moved it to .*config\.json\.corrupt-2025-01-02T03-04-05-000Z and using the defaults/);
    const aside = readdirSync(paths.config).find((n) => n.startsWith('config.json.corrupt-'))!;
    expect(readFileSync(join(paths.config, aside), 'utf8')).toBe(content);
    expect(existsSync(settingsPath(paths))).toBe(false);
    // The next start is quiet.
    expect(loadSettings({ paths, ...quiet }).warnings).toEqual([]);
  });

  it('keeps the previous settings file when a save fails', () => {
    const paths = tempPaths();
    saveSettings({ minutesPerPhase: DEFAULT_MINUTES_PER_PHASE, strict: true }, { paths });
    const before = readFileSync(settingsPath(paths), 'utf8');
    expect(() => saveSettings({ minutesPerPhase: DEFAULT_MINUTES_PER_PHASE, strict: false }, { paths, fs: failingFs('writeSync', 'ENOSPC') })).toThrow(/disk is full/);
    expect(readFileSync(settingsPath(paths), 'utf8')).toBe(before);
  });
});
