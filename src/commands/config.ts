// `sdcoach config get|set|unset|list|path`: read and change settings. Only what the user sets is written
// (defaults stay defaults), every change is validated against the settings schema first, and the file is
// written with mode 0600 because it may hold an API key, which is never printed.
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { formatIssuePath, UserError } from '../core/errors.js';
import { closestIds } from '../core/content/load.js';
import { dataPaths } from '../core/storage/paths.js';
import { safeWriteFile } from '../core/storage/safe-write.js';
import { coerceSetting, findSettingKey, getPath, setPath, SETTING_KEYS, type SettingKey } from '../core/storage/setting-keys.js';
import { loadSettingsAsync, settingsPath, SettingsSchema } from '../core/storage/settings.js';

export interface ConfigOptions {
  json?: boolean;
}

const HIDDEN = '(set, hidden)';

/** The file as the user wrote it (no defaults filled in); a corrupt file is moved aside by loadSettings. */
const readRaw = async (file: string): Promise<Record<string, unknown>> => {
  if (!existsSync(file)) return {};
  try {
    const v = JSON.parse(readFileSync(file, 'utf8')) as unknown;
    if (v && typeof v === 'object' && !Array.isArray(v)) return v as Record<string, unknown>;
  } catch {
    // fall through: loadSettings moves it aside with a warning
  }
  await loadSettingsAsync();
  return {};
};

const requireKey = (key: string): SettingKey => {
  const k = findSettingKey(key);
  if (k) return k;
  const near = closestIds(key, SETTING_KEYS.map((s) => ({ id: s.key, title: s.key, aliases: [] })));
  throw new UserError(`unknown setting "${key}"${near.length ? `; did you mean ${near.map((n) => `"${n}"`).join(', ')}?` : ''}`, {
    exitCode: 2,
    hint: 'Run `sdcoach config list` to see them all.',
  });
};

const show = (k: SettingKey, v: unknown): string => {
  if (k.kind === 'secret') return v === undefined ? '(not set)' : HIDDEN;
  if (v === undefined) return '(not set)';
  return typeof v === 'string' ? v : JSON.stringify(v);
};

const readStdin = async (): Promise<string> => {
  if (process.stdin.isTTY) throw new UserError('`-` reads the value from stdin, but stdin is a terminal; pipe it in', { exitCode: 2 });
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8').trim();
};

const write = (file: string, next: Record<string, unknown>): void => {
  const checked = SettingsSchema.safeParse(next);
  if (!checked.success) {
    const issue = checked.error.issues[0]!;
    throw new UserError(`invalid setting: ${formatIssuePath(issue.path)}: ${issue.message}`, { exitCode: 2 });
  }
  mkdirSync(dirname(file), { recursive: true });
  safeWriteFile(file, `${JSON.stringify(next, null, '\t')}\n`, { mode: 0o600 });
};

export const configPathCommand = async (): Promise<void> => {
  process.stdout.write(`${settingsPath(dataPaths())}\n`);
};

export const configGetCommand = async (key: string, opts: ConfigOptions): Promise<void> => {
  const k = requireKey(key);
  const file = settingsPath(dataPaths());
  const raw = await readRaw(file);
  const effective = getPath(SettingsSchema.safeParse(raw).data ?? SettingsSchema.parse({}), k.key);
  if (opts.json) {
    const value = k.kind === 'secret' ? (effective === undefined ? null : '(hidden)') : (effective ?? null);
    process.stdout.write(`${JSON.stringify({ key: k.key, value, default: getPath(raw, k.key) === undefined })}\n`);
    return;
  }
  process.stdout.write(`${show(k, effective)}\n`);
};

export const configSetCommand = async (key: string, value: string, _opts: ConfigOptions): Promise<void> => {
  const k = requireKey(key);
  const input = value === '-' ? await readStdin() : value;
  const coerced = coerceSetting(k, input);
  if ('error' in coerced) throw new UserError(coerced.error, { exitCode: 2 });
  const file = settingsPath(dataPaths());
  write(file, setPath(await readRaw(file), k.key, coerced.value));
  process.stdout.write(`${k.key} = ${show(k, coerced.value)}\n`);
};

export const configUnsetCommand = async (key: string, _opts: ConfigOptions): Promise<void> => {
  const k = requireKey(key);
  const file = settingsPath(dataPaths());
  const raw = await readRaw(file);
  if (getPath(raw, k.key) === undefined) {
    process.stdout.write(`${k.key} was not set\n`);
    return;
  }
  write(file, setPath(raw, k.key, undefined));
  process.stdout.write(`${k.key} unset (back to its default)\n`);
};

export const configListCommand = async (opts: ConfigOptions): Promise<void> => {
  const file = settingsPath(dataPaths());
  const raw = await readRaw(file);
  const effective = SettingsSchema.safeParse(raw).data ?? SettingsSchema.parse({});
  const rows = SETTING_KEYS.map((k) => ({ k, value: getPath(effective, k.key), isDefault: getPath(raw, k.key) === undefined }));
  const envKey = Boolean(process.env.OPENAI_API_KEY?.trim());
  if (opts.json) {
    const out = Object.fromEntries(
      rows.map(({ k, value, isDefault }) => [
        k.key,
        { value: k.kind === 'secret' ? (value === undefined ? null : '(hidden)') : (value ?? null), default: isDefault, description: k.description },
      ]),
    );
    process.stdout.write(`${JSON.stringify({ path: file, settings: out, env: { OPENAI_API_KEY: envKey ? '(set, hidden)' : null } }, null, 2)}\n`);
    return;
  }
  const width = Math.max(...rows.map((r) => r.k.key.length));
  const lines = rows.map(({ k, value, isDefault }) => {
    let shown = show(k, value);
    if (k.kind === 'secret' && value === undefined && envKey) shown = '(not set; OPENAI_API_KEY is set and used)';
    return `${k.key.padEnd(width)}  ${shown}${isDefault && value !== undefined ? '  (default)' : ''}`;
  });
  process.stdout.write(`# ${file}\n${lines.join('\n')}\n`);
};
