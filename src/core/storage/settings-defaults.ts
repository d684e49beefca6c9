// The settings every new user has, and the part of them a session records, without zod: the interactive
// app draws its first frame from these when there is no settings file (settings.ts, which validates a
// file with zod and conf, loads only when there is one). test/storage/settings.test.ts checks that
// DEFAULT_SETTINGS is exactly what the schema gives for an empty file.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { dataPaths, type DataPaths } from './paths.js';
import type { SettingsSnapshot } from './session-schema.js';
import type { LoadedSettings, Settings, SettingsOptions } from './settings.js';

/** The default 45-minute interview, split 5/5/15/20. */
export const DEFAULT_MINUTES_PER_PHASE = { requirements: 5, estimation: 5, design: 15, 'deep-dive': 20 } as const;

export const defaultSettings = (): Settings => ({
  minutesPerPhase: { ...DEFAULT_MINUTES_PER_PHASE },
  strict: false,
  followUps: 2,
  grader: 'rubric',
  llm: { timeoutSeconds: 90, totalTimeoutSeconds: 300, retries: 2, concurrency: 2, samples: 1, maxTokens: 4096, structuredOutput: 'auto' },
});

/** conf's file name (without .json) for the settings. */
export const CONFIG_NAME = 'config';
export const settingsPath = (paths: DataPaths = dataPaths()): string => join(paths.config, `${CONFIG_NAME}.json`);

/** What a session records of the settings it ran with. */
export const settingsSnapshot = (s: Settings): SettingsSnapshot => ({
  minutesPerPhase: { ...s.minutesPerPhase },
  strict: s.strict,
});

/** The settings for a start-up path: the defaults when there is no file, else settings.ts reads it. */
export const loadSettingsForStart = async (options: SettingsOptions = {}): Promise<LoadedSettings> => {
  const path = settingsPath(options.paths ?? dataPaths());
  if (!existsSync(path)) return { settings: defaultSettings(), path, warnings: [] };
  return (await import('./settings.js')).loadSettingsAsync(options);
};
