import { expect } from '@jest/globals';
import { UmsError } from '../../core/errors.js';

/** The UmsError a call (a promise, or a function returning one) raises; fails the test when it resolves. */
export async function errorOf(p: Promise<unknown> | (() => Promise<unknown>)): Promise<UmsError> {
  try {
    await (typeof p === 'function' ? p() : p);
  } catch (err) {
    expect(err).toBeInstanceOf(UmsError);
    return err as UmsError;
  }
  throw new Error('expected the call to fail');
}
