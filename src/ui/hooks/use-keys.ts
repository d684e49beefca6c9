// The one place sdcoach reads the keyboard: Ink's raw input events, named by parseKey.
import { useEffect, useRef } from 'react';
import { useStdin } from 'ink';
import { parseKeys, type KeyEvent } from '../keys.js';

export const useKeys = (handler: (e: KeyEvent) => void, isActive = true): void => {
  const { setRawMode, isRawModeSupported, internal_eventEmitter } = useStdin();
  const ref = useRef(handler);
  ref.current = handler;
  useEffect(() => {
    if (!isActive || !isRawModeSupported) return;
    setRawMode(true);
    const onInput = (data: string): void => {
      for (const e of parseKeys(data)) ref.current(e);
    };
    internal_eventEmitter.on('input', onInput);
    return () => {
      internal_eventEmitter.removeListener('input', onInput);
      setRawMode(false);
    };
  }, [isActive, isRawModeSupported, setRawMode, internal_eventEmitter]);
};
