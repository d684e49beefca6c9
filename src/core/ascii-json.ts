// JSON for the caches sdcoach writes and reads back on every start: non-ASCII characters are written as
// \u escapes. A file of pure ASCII decodes into V8's one-byte strings, which read and parse markedly
// faster (the precompiled bank: ~18 ms → ~11 ms) than the two-byte strings that a few hundred dashes
// and arrows in 1.7 MB otherwise force on the whole file. JSON.parse gives back exactly the same value.
export const asciiJson = (value: unknown): string =>
  JSON.stringify(value).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
