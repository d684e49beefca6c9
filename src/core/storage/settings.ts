// User settings in conf's file (<config>/config.json). conf throws on a corrupt or empty file, so such a
// file is moved aside with a warning and the defaults are used: settings never stop sdcoach from starting.
// Writes go through safeWriteFile rather than conf's own writer (which can truncate on a full disk), with
// mode 0600 because the file may hold an API key.
//
// conf (and ajv, which it loads) is about a fifth of the interactive app's code, so it loads only when a
// settings file exists: start-up paths call loadSettingsAsync(), which imports it first; without a file the
// defaults need no reader at all.
import type ConfClass from 'conf';
import { existsSync, mkdirSync, renameSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as z from 'zod';
import { formatIssuePath } from '../errors.js';
import { GRADER_MODES, LlmSettingsSchema } from '../llm/settings-schema.js';
import { dataPaths, type DataPaths } from './paths.js';
import { describeFsError, safeWriteFile, type SafeWriteFs } from './safe-write.js';
import { CONFIG_NAME, DEFAULT_MINUTES_PER_PHASE, defaultSettings as defaults, settingsPath, settingsSnapshot } from './settings-defaults.js';

export { DEFAULT_MINUTES_PER_PHASE, settingsPath, settingsSnapshot };

const minutes = z.number().positive().max(240);

// Loose: keys added by other features (or a newer sdcoach) survive a save.
export const SettingsSchema = z.looseObject({
  minutesPerPhase: z
    .object({ requirements: minutes, estimation: minutes, design: minutes, 'deep-dive': minutes })
    .default({ ...DEFAULT_MINUTES_PER_PHASE }),
  /** Strict timing: a phase ends (and is submitted) when its time runs out. */
  strict: z.boolean().default(false),
  /** Deep-dive follow-up questions asked per interview. */
  followUps: z.number().int().min(0).max(8).default(2),
  /** The rubric grade always shows; `llm` and `both` add the LLM's second opinion beside it. */
  grader: z.enum(GRADER_MODES).default('rubric'),
  /** The optional LLM grader and interviewer (any OpenAI-compatible endpoint). */
  llm: LlmSettingsSchema.prefault({}),
});
export type Settings = z.infer<typeof SettingsSchema>;
/** What a save accepts: omitted keys take their defaults. */
export type SettingsInput = z.input<typeof SettingsSchema>;

export interface SettingsOptions {
  paths?: DataPaths;
  /** Where warnings go; stderr by default. */
  warn?: (message: string) => void;
  fs?: SafeWriteFs;
  now?: () => Date;
}

export interface LoadedSettings {
  settings: Settings;
  path: string;
  warnings: string[];
}



const stderrWarn = (m: string): void => void process.stderr.write(`sdcoach: warning: ${m}\n`);

let Conf: typeof ConfClass | undefined;
// The synchronous fallback for callers that did not go through loadSettingsAsync (Node 20.19+ can require
// an ES module such as conf).
const requireConf = (): typeof ConfClass => (createRequire(import.meta.url)('conf') as { default: typeof ConfClass }).default;

/** loadSettings, after loading conf when there is a settings file to read. */
export const loadSettingsAsync = async (options: SettingsOptions = {}): Promise<LoadedSettings> => {
  if (!Conf && existsSync(settingsPath(options.paths ?? dataPaths()))) Conf = (await import('conf')).default;
  return loadSettings(options);
};

export const loadSettings = (options: SettingsOptions = {}): LoadedSettings => {
  const paths = options.paths ?? dataPaths();
  const path = settingsPath(paths);
  if (!existsSync(path)) return { settings: defaults(), path, warnings: [] };
  const warnings: string[] = [];
  const warn = (m: string): void => {
    warnings.push(m);
    (options.warn ?? stderrWarn)(m);
  };
  const moveAside = (reason: string): void => {
    const stamp = (options.now?.() ?? new Date()).toISOString().replace(/[:.]/g, '-');
    const aside = `${path}.corrupt-${stamp}`;
    try {
      renameSync(path, aside);
      warn(`settings file ${path} was unreadable (${reason}); moved it to ${aside} and using the defaults`);
    } catch (e) {
      warn(`settings file ${path} is unreadable (${reason}) and could not be moved aside (${describeFsError(e)}); using the defaults`);
    }
  };

  let raw: unknown;
  try {
    Conf ??= requireConf();
    raw = new Conf({ projectName: 'sdcoach', projectSuffix: '', cwd: paths.config, configName: CONFIG_NAME }).store;
  } catch (e) {
    if (e instanceof SyntaxError) moveAside(`not valid JSON: ${e.message}`);
    else warn(`cannot read settings file ${path}: ${describeFsError(e)}; using the defaults`);
    return { settings: defaults(), path, warnings };
  }
  const parsed = SettingsSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    moveAside(issue ? `${formatIssuePath(issue.path)}: ${issue.message}` : 'invalid');
    return { settings: defaults(), path, warnings };
  }
  return { settings: parsed.data, path, warnings };
};

/** Validates and writes the settings; throws SafeWriteError (the old file is kept) on failure. */
export const saveSettings = (settings: SettingsInput, options: Pick<SettingsOptions, 'paths' | 'fs'> = {}): void => {
  const paths = options.paths ?? dataPaths();
  const checked = SettingsSchema.parse(settings);
  mkdirSync(paths.config, { recursive: true });
  safeWriteFile(settingsPath(paths), `${JSON.stringify(checked, null, '\t')}\n`, { fs: options.fs, mode: 0o600 });
};

