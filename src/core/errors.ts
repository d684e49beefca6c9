// Typed errors: a UserError is something the user can fix (bad flag, unknown id, broken file); it carries an
// exit code and prints as one line. Anything else is a bug and prints with its stack.
export class UserError extends Error {
  readonly exitCode: number;
  readonly hint: string | undefined;

  constructor(message: string, options: { exitCode?: number; hint?: string } = {}) {
    super(message);
    this.name = 'UserError';
    this.exitCode = options.exitCode ?? 1;
    this.hint = options.hint;
  }
}

export const isUserError = (e: unknown): e is UserError => e instanceof UserError;

/** One readable line per zod issue: `file: a.b[2].c: message`. */
export const formatIssuePath = (path: readonly PropertyKey[]): string =>
  path
    .map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i === 0 ? '' : '.'}${String(p)}`))
    .join('') || '(top level)';
