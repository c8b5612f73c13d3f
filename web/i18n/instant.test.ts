import { describe, expect, it } from 'vitest';
import { hasPassed, inputOfInstant, instantOfInput } from './instant.ts';

describe('datetime-local values and UTC instants', () => {
  it('shows an instant as the wall-clock time of the reader’s zone, and reads it back', () => {
    const embargo = '2025-12-02T12:00:00.000Z';
    expect(inputOfInstant(embargo, 'UTC')).toBe('2025-12-02T12:00');
    expect(inputOfInstant(embargo, 'Asia/Shanghai')).toBe('2025-12-02T20:00');
    expect(inputOfInstant(embargo, 'Europe/Moscow')).toBe('2025-12-02T15:00');
    expect(inputOfInstant(embargo, 'America/New_York')).toBe('2025-12-02T07:00');
    for (const zone of ['UTC', 'Asia/Shanghai', 'Europe/Moscow', 'America/New_York', 'Asia/Kolkata']) {
      expect(instantOfInput(inputOfInstant(embargo, zone), zone), zone).toBe(embargo);
    }
  });

  it('crosses the date line and midnight', () => {
    expect(instantOfInput('2026-01-01T00:30', 'Asia/Shanghai')).toBe('2025-12-31T16:30:00.000Z');
    expect(inputOfInstant('2025-12-31T23:30:00Z', 'Pacific/Auckland')).toBe('2026-01-01T12:30');
    expect(instantOfInput('2026-01-01T12:30', 'Pacific/Auckland')).toBe('2025-12-31T23:30:00.000Z');
  });

  it('keeps seconds when the instant has them, and reads a value with seconds', () => {
    expect(inputOfInstant('2025-12-02T12:00:30Z', 'UTC')).toBe('2025-12-02T12:00:30');
    expect(instantOfInput('2025-12-02T12:00:30', 'UTC')).toBe('2025-12-02T12:00:30.000Z');
  });

  it('follows summer time: each date with its own offset', () => {
    expect(instantOfInput('2026-07-01T12:00', 'Europe/Paris')).toBe('2026-07-01T10:00:00.000Z');
    expect(instantOfInput('2026-01-15T12:00', 'Europe/Paris')).toBe('2026-01-15T11:00:00.000Z');
  });

  it('reads a time that occurs twice as the first, and a time that never occurs as just after the gap', () => {
    // Paris, 26 October 2025: 03:00 CEST became 02:00 CET; 02:30 happened twice.
    expect(instantOfInput('2025-10-26T02:30', 'Europe/Paris')).toBe('2025-10-26T00:30:00.000Z');
    // Paris, 30 March 2025: 02:00 CET became 03:00 CEST; 02:30 never happened.
    expect(instantOfInput('2025-03-30T02:30', 'Europe/Paris')).toBe('2025-03-30T01:30:00.000Z');
    expect(inputOfInstant('2025-03-30T01:30:00.000Z', 'Europe/Paris')).toBe('2025-03-30T03:30');
  });

  it('refuses what is not a date and time', () => {
    for (const bad of ['', '2025-12-02', '2025-12-02 12:00', '2025-02-30T10:00', '2025-13-01T10:00', '2025-12-02T24:00', 'tomorrow']) {
      expect(instantOfInput(bad, 'UTC'), bad).toBeUndefined();
    }
    expect(inputOfInstant('not an instant', 'UTC')).toBe('');
  });

  it('says whether an instant has passed', () => {
    const now = new Date('2026-01-01T00:00:00Z');
    expect(hasPassed('2025-12-02T12:00:00Z', now)).toBe(true);
    expect(hasPassed('2026-01-01T00:00:01Z', now)).toBe(false);
  });
});
