// The one place sdcoach reads the keyboard: Ink's raw input events, named by parseKey.
import { useLayoutEffect, useRef } from 'react';
import { useStdin } from 'ink';
import { parseKeys, type KeyEvent } from '../keys.js';

export const useKeys = (handler: (e: KeyEvent) => void, isActive = true): void => {
  const { setRawMode, isRawModeSupported, internal_eventEmitter } = useStdin();
  const ref = useRef(handler);
  ref.current = handler;
  // A layout effect subscribes during the commit, before the next input event can arrive: keys typed the
  // moment a new screen appears are not lost in the gap a passive effect would leave.
  useLayoutEffect(() => {
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
