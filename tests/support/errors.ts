import { expect } from '@jest/globals';
import { UmsError } from '../../core/errors.js';

/** The UmsError a call raises; fails the test when the call resolves. */
export async function errorOf(p: Promise<unknown>): Promise<UmsError> {
  try {
    await p;
  } catch (err) {
    expect(err).toBeInstanceOf(UmsError);
    return err as UmsError;
  }
  throw new Error('expected the call to fail');
}
