/**
 * The step kernels' programs, one object per set of arguments (programCache.ts): the per-step ones
 * are asked for at every time step, and the runner then finds their compiled binary by identity.
 */
import * as adam from './adamPrograms';
import * as cell from './cellPrograms';
import * as flat from './flatPrograms';
import * as loss from './lossPrograms';
import * as sums from './outerSumsPrograms';
import { cachedProgram } from './programCache';
import * as stack from './stackProgram';
import * as step from './stepPrograms';

export const stepForwardProgram = cachedProgram(step.stepForwardProgram);
export const stepBackProgram = cachedProgram(step.stepBackProgram);
export const cellForwardProgram = cachedProgram(cell.cellForwardProgram);
export const cellBackProgram = cachedProgram(cell.cellBackProgram);
export const outerSumsProgram = cachedProgram(sums.outerSumsProgram);
export const inputOuterSumsProgram = cachedProgram(sums.inputOuterSumsProgram);
export const mergePartsProgram = cachedProgram(sums.mergePartsProgram);
export const gammaBlockSumsProgram = cachedProgram(sums.gammaBlockSumsProgram);
export const stackRowsProgram = cachedProgram(stack.stackRowsProgram);
export const adamMomentProgram = cachedProgram(adam.adamMomentProgram);
export const adamDeltaProgram = cachedProgram(adam.adamDeltaProgram);
export const flatGatherProgram = cachedProgram(flat.flatGatherProgram);
export const flatApplyProgram = cachedProgram(flat.flatApplyProgram);
export const lossRowsProgram = cachedProgram(loss.lossRowsProgram);
export const lossGradProgram = cachedProgram(loss.lossGradProgram);
