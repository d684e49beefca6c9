// Facts about the session document that fast paths need without loading zod or the full schema
// (session-schema.ts re-exports them).
export const SESSION_SCHEMA_VERSION = 1;
export const SESSION_STATUSES = ['in-progress', 'completed', 'abandoned'] as const;
export type SessionStatus = (typeof SESSION_STATUSES)[number];

/** Crockford base32, 26 characters: sortable by creation time. */
export const ULID_PATTERN = /^[0-9A-HJKMNP-TV-Z]{26}$/;
