import { describe, expect, it } from 'vitest';
import { ApiError } from '../../api/client.ts';
import { accountFailure, fieldFailure, REAUTH_REQUIRED } from './failure.ts';

describe('accountFailure', () => {
  it('reads a 401 as a wrong password or code, never as an ended session', () => {
    expect(accountFailure(new ApiError(401, { detail: 'wrong username, password or code' }))).toEqual({ id: 'profile.error.credentials' });
  });

  it('asks for a new re-authentication when the five minutes are over', () => {
    expect(accountFailure(new ApiError(403, { type: REAUTH_REQUIRED, detail: 'confirm your password' }))).toEqual({ id: 'profile.error.reauthExpired' });
  });

  it('says a conflict in the server’s words, naming the field when there is one', () => {
    expect(accountFailure(new ApiError(409, { detail: 'round 20 is concluded already' }))).toEqual({ id: 'profile.error.conflict', detail: 'round 20 is concluded already' });
    expect(accountFailure(new ApiError(409, { detail: 'x', errors: [{ field: 'password', message: 'does not open your signing key' }] }))).toEqual({
      id: 'profile.error.conflict',
      detail: 'password does not open your signing key',
    });
  });

  it('tells a network failure and anything else apart', () => {
    expect(accountFailure(new ApiError(0, { type: ApiError.NETWORK, detail: 'fetch failed' }))).toEqual({ id: 'common.networkError' });
    expect(accountFailure(new ApiError(500, { title: 'Internal Server Error' }))).toEqual({ id: 'profile.error.other', detail: 'Internal Server Error' });
    expect(accountFailure(new Error('boom'))).toEqual({ id: 'profile.error.other', detail: 'Error: boom' });
  });
});

describe('fieldFailure', () => {
  it('gives the message of the named field of a 422 only', () => {
    const err = new ApiError(422, { errors: [{ field: 'newPassword', message: 'is on the list of common passwords' }] });
    expect(fieldFailure(err, 'newPassword')).toBe('is on the list of common passwords');
    expect(fieldFailure(err, 'currentPassword')).toBeUndefined();
    expect(fieldFailure(new ApiError(409, { errors: [{ field: 'newPassword', message: 'x' }] }), 'newPassword')).toBeUndefined();
  });
});
