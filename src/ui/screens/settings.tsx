import React, { useState } from 'react';
import { Box, Text } from 'ink';
import { PHASES, type Phase } from '../../core/content/phases.js';
import { PHASE_TITLES } from '../../core/render/grade-markdown.js';
import { useKeys } from '../hooks/use-keys.js';

export interface EditableSettings {
  minutesPerPhase: Record<Phase, number>;
  followUps: number;
  strict: boolean;
}

type Field = { key: Phase; kind: 'minutes' } | { key: 'followUps'; kind: 'count' } | { key: 'strict'; kind: 'bool' };
const FIELDS: Field[] = [...PHASES.map((p) => ({ key: p, kind: 'minutes' as const })), { key: 'followUps', kind: 'count' }, { key: 'strict', kind: 'bool' }];

export const SettingsScreen = ({
  initial,
  onSave,
  onBack,
  error,
}: {
  initial: EditableSettings;
  onSave: (s: EditableSettings) => void;
  onBack: () => void;
  error: string | null;
}): React.JSX.Element => {
  const [s, setS] = useState(initial);
  const [sel, setSel] = useState(0);
  const adjust = (delta: number): void => {
    const f = FIELDS[sel]!;
    setS((cur) => {
      if (f.kind === 'minutes') {
        const m = Math.max(1, Math.min(120, cur.minutesPerPhase[f.key] + delta));
        return { ...cur, minutesPerPhase: { ...cur.minutesPerPhase, [f.key]: m } };
      }
      if (f.kind === 'count') return { ...cur, followUps: Math.max(0, Math.min(8, cur.followUps + delta)) };
      return { ...cur, strict: !cur.strict };
    });
  };
  useKeys((e) => {
    if (e.kind === 'text') {
      if (e.text === '+' || e.text === '=') adjust(1);
      if (e.text === '-') adjust(-1);
      if (e.text === ' ') adjust(1);
      if (/^s$/i.test(e.text)) onSave(s);
      return;
    }
    if (e.name === 'up') setSel((i) => (i + FIELDS.length - 1) % FIELDS.length);
    if (e.name === 'down') setSel((i) => (i + 1) % FIELDS.length);
    if (e.name === 'right') adjust(1);
    if (e.name === 'left') adjust(-1);
    if (e.name === 'enter') onSave(s);
    if (e.name === 'escape' || e.name === 'ctrl-c') onBack();
  });
  const total = PHASES.reduce((a, p) => a + s.minutesPerPhase[p], 0);
  return (
    <Box flexDirection="column">
      <Text bold>Settings</Text>
      <Box flexDirection="column" marginY={1}>
        {FIELDS.map((f, i) => {
          const active = i === sel;
          const label =
            f.kind === 'minutes' ? `${PHASE_TITLES[f.key]} minutes` : f.kind === 'count' ? 'Deep-dive follow-ups' : 'Strict timing (advance at zero)';
          const value = f.kind === 'minutes' ? String(s.minutesPerPhase[f.key]) : f.kind === 'count' ? String(s.followUps) : s.strict ? 'on' : 'off';
          return (
            <Text key={f.key}>
              <Text color={active ? 'cyan' : undefined}>{active ? '❯ ' : '  '}</Text>
              {label.padEnd(34)}
              <Text bold={active}>{`‹ ${value} ›`}</Text>
            </Text>
          );
        })}
      </Box>
      <Text dimColor>{`Total interview: ${total} minutes`}</Text>
      {error ? <Text color="red">{error}</Text> : null}
      <Text dimColor>↑↓ choose · ←→ change · Enter save · Esc back</Text>
    </Box>
  );
};
