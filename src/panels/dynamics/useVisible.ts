/**
 * Whether a Dynamics figure is on screen (or near it): false until observed, since these figures
 * start background computations that should not begin for a section the reader has not reached.
 */
import type { RefObject } from 'react';
import { useOnScreen } from '../train/useOnScreen';

export const useVisible = (ref: RefObject<Element | null>): boolean => useOnScreen(ref, false);
