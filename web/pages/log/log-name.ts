import type { MessageId } from '../../i18n/catalogs.ts';

/** How a log's name (`<mechanism>`, `<mechanism>.<party>`, `directory`, `directory.<party>`) reads, as a message and its party. */
export function logTitle(log: string, mechanismId: string): { id: MessageId; party?: string } | undefined {
  const [base, party] = log.split('.');
  if (base === mechanismId) return party ? { id: 'ledger.log.name.internal', party } : { id: 'ledger.log.name.joint' };
  if (base === 'directory') return party ? { id: 'ledger.log.name.directoryInternal', party } : { id: 'ledger.log.name.directory' };
  return undefined;
}

/** The logs of this mechanism's page: its joint log first, then its internal ones, then the directory's. */
export function logsOfMechanism<T extends { log: string }>(items: readonly T[], mechanismId: string): T[] {
  const rank = (log: string) => (log === mechanismId ? 0 : log.startsWith(`${mechanismId}.`) ? 1 : log === 'directory' ? 2 : 3);
  return items.filter((l) => logTitle(l.log, mechanismId) !== undefined).sort((a, b) => rank(a.log) - rank(b.log) || a.log.localeCompare(b.log));
}
