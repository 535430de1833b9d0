// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { chunk, isDeny, isPermit } from './decisions';
import { decisionSchema } from '../schemas/decisions';
import { authorizeDenySample, authorizePermitSample } from '../testing/fixtures';

describe('chunk', () => {
  it('splits into ordered batches of at most max', () => {
    expect(chunk(['a', 'b', 'c', 'd', 'e', 'f', 'g'], 3)).toEqual([['a', 'b', 'c'], ['d', 'e', 'f'], ['g']]);
  });

  it('returns one batch when everything fits and none for an empty list', () => {
    expect(chunk(['a', 'b'], 5)).toEqual([['a', 'b']]);
    expect(chunk([], 5)).toEqual([]);
  });

  it('rejects a non-positive or fractional maximum', () => {
    expect(() => chunk(['a'], 0)).toThrow(RangeError);
    expect(() => chunk(['a'], 1.5)).toThrow(RangeError);
  });
});

describe('isPermit / isDeny', () => {
  it('narrow parsed decisions', () => {
    const permit = decisionSchema.parse(authorizePermitSample.decisions[0]);
    const deny = decisionSchema.parse(authorizeDenySample.decisions[0]);
    expect([isPermit(permit), isDeny(permit)]).toEqual([true, false]);
    expect([isPermit(deny), isDeny(deny)]).toEqual([false, true]);
  });
});
