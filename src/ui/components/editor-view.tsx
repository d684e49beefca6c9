import React from 'react';
import { Box, Text } from 'ink';
import stringWidth from 'string-width';
import { cursorPosition, graphemes, layout, type EditorState } from '../editor/editor-state.js';

interface Props {
  state: EditorState;
  width: number;
  height: number;
  focused: boolean;
  placeholder?: string;
}

/** Renders the visible window of the wrapped text with an inverse-video cursor. */
export const EditorView = ({ state, width, height, focused, placeholder }: Props): React.JSX.Element => {
  const lines = layout(state.text, width);
  const { row, col } = cursorPosition(lines, state.cursor);
  const visible = lines.slice(state.scroll, state.scroll + height);
  if (state.text === '' && placeholder) {
    return (
      <Box flexDirection="column" height={height}>
        <Text>
          {focused ? <Text inverse> </Text> : null}
          <Text dimColor>{placeholder}</Text>
        </Text>
      </Box>
    );
  }
  return (
    <Box flexDirection="column" height={height}>
      {visible.map((l, i) => {
        const r = state.scroll + i;
        if (!focused || r !== row) return <Text key={r}>{l.text || ' '}</Text>;
        // Split the line at the cursor's grapheme.
        const gs = graphemes(l.text);
        let w = 0;
        let k = 0;
        while (k < gs.length && w < col) {
          w += stringWidth(gs[k]!);
          k++;
        }
        const before = gs.slice(0, k).join('');
        const at = gs[k] ?? ' ';
        const after = gs.slice(k + 1).join('');
        return (
          <Text key={r}>
            {before}
            <Text inverse>{at}</Text>
            {after}
          </Text>
        );
      })}
    </Box>
  );
};
