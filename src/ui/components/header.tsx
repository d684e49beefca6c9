import React from 'react';
import { Box, Text } from 'ink';
import type { TimerLevel } from '../../core/interview/interview.js';

export const formatClock = (ms: number): string => {
  const neg = ms < 0;
  const s = Math.floor(Math.abs(ms) / 1000);
  return `${neg ? '+' : ''}${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
};

interface Props {
  title: string;
  phaseLabel: string;
  phaseNumber: number;
  remainingMs: number;
  totalElapsedMs: number;
  totalBudgetMs: number;
  level: TimerLevel;
  width: number;
}

const LEVEL_COLOR: Record<TimerLevel, string> = { ok: 'green', warn: 'yellow', over: 'red' };

export const Header = (p: Props): React.JSX.Element => (
  <Box width={p.width} justifyContent="space-between">
    <Text bold wrap="truncate-end">
      {p.title}
    </Text>
    <Text>
      <Text>{` ${p.phaseLabel} (${p.phaseNumber}/4) `}</Text>
      <Text color={LEVEL_COLOR[p.level]} bold>
        {p.level === 'over' ? `over ${formatClock(p.remainingMs)}` : `${formatClock(p.remainingMs)} left`}
      </Text>
      <Text dimColor>{`  total ${formatClock(p.totalElapsedMs)}/${formatClock(p.totalBudgetMs)}`}</Text>
    </Text>
  </Box>
);
