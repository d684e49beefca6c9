// Ink 6 has no useWindowSize: read the terminal size and follow resizes.
import { useEffect, useState } from 'react';
import { useStdout } from 'ink';

export interface WindowSize {
  columns: number;
  rows: number;
}

export const useWindowSize = (): WindowSize => {
  const { stdout } = useStdout();
  const read = (): WindowSize => ({ columns: stdout.columns || 80, rows: stdout.rows || 24 });
  const [size, setSize] = useState(read);
  useEffect(() => {
    const onResize = (): void => setSize(read());
    stdout.on('resize', onResize);
    return () => void stdout.off('resize', onResize);
  }, [stdout]);
  return size;
};
