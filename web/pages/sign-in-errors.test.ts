import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/client.ts';
import { safeNext, signInFailure } from './sign-in-errors.ts';

describe('signInFailure', () => {
  it('names wrong credentials and throttling plainly, and passes on anything else', () => {
    expect(signInFailure(new ApiError(401, { detail: 'wrong username, password or code' }))).toEqual({ id: 'signIn.error.credentials' });
    expect(signInFailure(new ApiError(429, { detail: 'too many' }))).toEqual({ id: 'signIn.error.throttled' });
    expect(signInFailure(new ApiError(0, { type: ApiError.NETWORK }))).toEqual({ id: 'common.networkError' });
    expect(signInFailure(new ApiError(400, { detail: 'username: too long' }))).toEqual({ id: 'signIn.error.other', detail: 'username: too long' });
  });
});

describe('safeNext', () => {
  it('goes back only to a path of this app', () => {
    expect(safeNext('/m/1/rounds/20')).toBe('/m/1/rounds/20');
    expect(safeNext(null)).toBe('/');
    expect(safeNext('https://elsewhere.example/')).toBe('/');
    expect(safeNext('//elsewhere.example/')).toBe('/');
    expect(safeNext('/\\elsewhere.example')).toBe('/');
  });
});
