// Every key binding in one table; the footer is drawn from it, so what is shown is what works.
import type { KeyName } from './keys.js';

export type Command =
  | 'submit'
  | 'newline'
  | 'toggle-ask'
  | 'send-question'
  | 'external-editor'
  | 'hint'
  | 'quit'
  | 'back'
  | 'scroll-up'
  | 'scroll-down'
  | 'page-up'
  | 'page-down'
  | 'select'
  | 'up'
  | 'down';

export type KeyContext = 'editor' | 'ask' | 'viewer' | 'menu';

interface Binding {
  keys: KeyName[];
  command: Command;
  label: string;
  help: string;
  contexts: KeyContext[];
}

export const KEYMAP: Binding[] = [
  { keys: ['ctrl-d', 'alt-enter'], command: 'submit', label: 'Ctrl-D', help: 'submit phase', contexts: ['editor', 'ask'] },
  { keys: ['enter'], command: 'newline', label: 'Enter', help: 'new line', contexts: ['editor'] },
  { keys: ['enter'], command: 'send-question', label: 'Enter', help: 'ask', contexts: ['ask'] },
  { keys: ['tab'], command: 'toggle-ask', label: 'Tab', help: 'answer ⇄ ask interviewer', contexts: ['editor', 'ask'] },
  { keys: ['ctrl-e'], command: 'external-editor', label: 'Ctrl-E', help: '$EDITOR', contexts: ['editor'] },
  { keys: ['ctrl-h'], command: 'hint', label: 'Ctrl-H', help: 'hint', contexts: ['editor', 'ask'] },
  { keys: ['up'], command: 'up', label: '↑↓', help: 'move', contexts: ['menu'] },
  { keys: ['down'], command: 'down', label: '', help: '', contexts: ['menu'] },
  { keys: ['enter'], command: 'select', label: 'Enter', help: 'choose', contexts: ['menu'] },
  { keys: ['up'], command: 'scroll-up', label: '↑↓', help: 'scroll', contexts: ['viewer'] },
  { keys: ['down'], command: 'scroll-down', label: '', help: '', contexts: ['viewer'] },
  { keys: ['page-up'], command: 'page-up', label: 'PgUp/PgDn', help: 'page', contexts: ['viewer'] },
  { keys: ['page-down'], command: 'page-down', label: '', help: '', contexts: ['viewer'] },
  { keys: ['escape'], command: 'back', label: 'Esc', help: 'back', contexts: ['viewer', 'menu'] },
  { keys: ['ctrl-c'], command: 'quit', label: 'Ctrl-C', help: 'quit', contexts: ['editor', 'ask', 'viewer', 'menu'] },
];

export const commandFor = (context: KeyContext, key: KeyName): Command | null =>
  KEYMAP.find((b) => b.contexts.includes(context) && b.keys.includes(key))?.command ?? null;

/** The footer line for a context: "Ctrl-D submit phase · Enter new line · …". */
export const footerFor = (context: KeyContext, options: { ask?: boolean } = {}): string =>
  KEYMAP.filter((b) => b.contexts.includes(context) && b.label)
    .filter((b) => options.ask !== false || b.command !== 'toggle-ask')
    .map((b) => `${b.label} ${b.help}`)
    .join(' · ');
