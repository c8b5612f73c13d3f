import { describe, expect, it } from 'vitest';
import { logTitle, logsOfMechanism } from './log-name.ts';

describe('log names', () => {
  const m = '01a2188e-9f85-7000-b1d6-8e39d48254f6';
  it('reads each kind of log name', () => {
    expect(logTitle(m, m)).toEqual({ id: 'ledger.log.name.joint' });
    expect(logTitle(`${m}.cn`, m)).toEqual({ id: 'ledger.log.name.internal', party: 'cn' });
    expect(logTitle('directory', m)).toEqual({ id: 'ledger.log.name.directory' });
    expect(logTitle('directory.ru', m)).toEqual({ id: 'ledger.log.name.directoryInternal', party: 'ru' });
    expect(logTitle('01a2188e-0000-7000-b1d6-8e39d48254f6', m)).toBeUndefined();
  });

  it("keeps this mechanism's logs and the directory's, joint first", () => {
    const items = ['directory', `${m}.cn`, 'other', m].map((log) => ({ log }));
    expect(logsOfMechanism(items, m).map((l) => l.log)).toEqual([m, `${m}.cn`, 'directory']);
  });
});
