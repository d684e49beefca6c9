import React from 'react';
import { Box, Text } from 'ink';

interface Props {
  lines: string[];
  offset: number;
  height: number;
}

/** A window onto pre-rendered lines (ANSI allowed) with a position indicator. */
export const ScrollView = ({ lines, offset, height }: Props): React.JSX.Element => {
  const body = Math.max(1, height - 1);
  const visible = lines.slice(offset, offset + body);
  const end = Math.min(lines.length, offset + body);
  return (
    <Box flexDirection="column" height={height}>
      {visible.map((l, i) => (
        <Text key={offset + i} wrap="truncate-end">
          {l || ' '}
        </Text>
      ))}
      {Array.from({ length: body - visible.length }, (_, i) => (
        <Text key={`pad${i}`}> </Text>
      ))}
      <Text dimColor>
        {lines.length > body ? `lines ${offset + 1}–${end} of ${lines.length}` : ' '}
      </Text>
    </Box>
  );
};

export const clampOffset = (offset: number, total: number, height: number): number =>
  Math.max(0, Math.min(offset, Math.max(0, total - Math.max(1, height - 1))));
