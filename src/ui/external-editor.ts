// Ctrl-E: hand the draft to $VISUAL/$EDITOR and take the result back. Ink 6 has no hand-off of its own:
// raw mode is switched off while the editor owns the terminal.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface EditorResult {
  text: string | null;
  error: string | null;
}

export const editWithExternalEditor = (text: string, setRawMode: (on: boolean) => void): EditorResult => {
  const editor = process.env.VISUAL || process.env.EDITOR || 'vi';
  const dir = mkdtempSync(join(tmpdir(), 'sdcoach-edit-'));
  const file = join(dir, 'answer.md');
  writeFileSync(file, text);
  setRawMode(false);
  try {
    // The editor command may carry arguments ("code --wait").
    const r = spawnSync(`${editor} "${file}"`, { stdio: 'inherit', shell: true });
    if (r.error) return { text: null, error: `could not start ${editor}: ${r.error.message}` };
    if (r.status !== 0) return { text: null, error: `${editor} exited with code ${r.status}; kept the previous text` };
    return { text: readFileSync(file, 'utf8').replace(/\n$/, ''), error: null };
  } finally {
    setRawMode(true);
    rmSync(dir, { recursive: true, force: true });
  }
};
