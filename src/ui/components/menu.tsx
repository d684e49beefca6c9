import React from 'react';
import { Box, Text } from 'ink';

export interface MenuItem {
  label: string;
  detail?: string;
  disabled?: boolean;
}

interface Props {
  items: MenuItem[];
  selected: number;
  height?: number;
}

export const Menu = ({ items, selected, height }: Props): React.JSX.Element => {
  const h = height ?? items.length;
  const start = Math.max(0, Math.min(selected - Math.floor(h / 2), items.length - h));
  return (
    <Box flexDirection="column">
      {items.slice(start, start + h).map((item, i) => {
        const index = start + i;
        const active = index === selected;
        return (
          <Text key={index} wrap="truncate-end" dimColor={item.disabled}>
            <Text color={active ? 'cyan' : undefined}>{active ? '❯ ' : '  '}</Text>
            <Text bold={active}>{item.label}</Text>
            {item.detail ? <Text dimColor>{`  ${item.detail}`}</Text> : null}
          </Text>
        );
      })}
    </Box>
  );
};
