import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../index.ts';

/** Common columns of every record table (DESIGN §2). */
export function recordTable(db: Kysely<unknown>, name: string) {
  return db.schema
    .createTable(name)
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('mechanismId', 'text')
    .addColumn('ownerParty', 'text', (c) => c.notNull())
    .addColumn('marking', 'text', (c) => c.notNull())
    .addColumn('createdAt', 'text', (c) => c.notNull())
    .addColumn('updatedAt', 'text', (c) => c.notNull())
    .addColumn('logIndex', 'integer', (c) => c.notNull());
}

export async function up(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  await recordTable(db, 'parties')
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('workingLanguages', 'text', (c) => c.notNull())
    .execute();

  await recordTable(db, 'people')
    .addColumn('party', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('titles', 'text', (c) => c.notNull())
    .execute();

  await recordTable(db, 'mechanisms')
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('parties', 'text', (c) => c.notNull())
    .addColumn('languages', 'text', (c) => c.notNull())
    .addColumn('established', 'text')
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('cadence', 'text')
    .addColumn('hostRotation', 'text', (c) => c.notNull())
    .execute();

  await recordTable(db, 'rounds')
    .addColumn('number', 'integer', (c) => c.notNull())
    .addColumn('startDate', 'text')
    .addColumn('endDate', 'text')
    .addColumn('place', 'text', (c) => c.notNull())
    .addColumn('hostParty', 'text')
    .addColumn('coChairs', 'text', (c) => c.notNull())
    .addColumn('consensusItemIds', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addUniqueConstraint('rounds_mechanism_number', ['mechanismId', 'number'])
    .execute();

  await recordTable(db, 'agendaItems')
    .addColumn('roundId', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .execute();

  await recordTable(db, 'events')
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('place', 'text', (c) => c.notNull())
    .addColumn('participantIds', 'text', (c) => c.notNull())
    .execute();

  await recordTable(db, 'consensusItems')
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('sourceEventId', 'text')
    .addColumn('leaderIds', 'text', (c) => c.notNull())
    .execute();

  await recordTable(db, 'statements')
    .addColumn('speakerId', 'text')
    .addColumn('party', 'text')
    .addColumn('roundId', 'text')
    .addColumn('eventId', 'text')
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('form', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .execute();

  await recordTable(db, 'commitments')
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('parties', 'text', (c) => c.notNull())
    .addColumn('roundId', 'text')
    .addColumn('consensusItemId', 'text')
    .addColumn('agreementId', 'text')
    .addColumn('article', 'text')
    .addColumn('due', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .execute();

  await recordTable(db, 'evidence')
    .addColumn('commitmentId', 'text', (c) => c.notNull())
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('url', 'text')
    .execute();

  await recordTable(db, 'assessments')
    .addColumn('commitmentId', 'text', (c) => c.notNull())
    .addColumn('party', 'text', (c) => c.notNull())
    .addColumn('roundId', 'text')
    .addColumn('assessor', 'text', (c) => c.notNull())
    .addColumn('score', 'integer', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .execute();

  await recordTable(db, 'positions')
    .addColumn('issue', 'text', (c) => c.notNull())
    .addColumn('holderParty', 'text', (c) => c.notNull())
    .addColumn('stance', 'text', (c) => c.notNull())
    .execute();

  await recordTable(db, 'supports')
    .addColumn('positionId', 'text', (c) => c.notNull())
    .addColumn('party', 'text', (c) => c.notNull())
    .addColumn('roundId', 'text')
    .addColumn('eventId', 'text')
    .addColumn('wording', 'text', (c) => c.notNull())
    .execute();

  await recordTable(db, 'milestones')
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('step', 'integer', (c) => c.notNull())
    .execute();

  await recordTable(db, 'agreements')
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('titleDisclosed', 'integer', (c) => c.notNull())
    .addColumn('parties', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('roundId', 'text')
    .addColumn('authenticTexts', 'text', (c) => c.notNull())
    .execute();

  // Lookups that lists, nested views and reference checks make on every request.
  const indexes: Array<[string, string[]]> = [
    ['rounds', ['mechanismId', 'startDate']],
    ['agendaItems', ['roundId', 'position']],
    ['events', ['mechanismId', 'date']],
    ['consensusItems', ['mechanismId']],
    ['statements', ['roundId']],
    ['statements', ['mechanismId', 'kind']],
    ['commitments', ['mechanismId', 'status', 'due', 'id']],
    ['commitments', ['mechanismId', 'due', 'id']],
    ['commitments', ['roundId']],
    ['evidence', ['commitmentId', 'date']],
    ['assessments', ['commitmentId']],
    ['positions', ['mechanismId', 'holderParty']],
    ['supports', ['positionId']],
    ['milestones', ['mechanismId', 'date']],
    ['agreements', ['mechanismId', 'status']],
    ['people', ['party']],
  ];
  for (const [table, columns] of indexes) {
    const name = `${table}_${columns.join('_')}`;
    if (dialect === 'postgres') {
      // Lists sort nulls first (SQLite's own order); PostgreSQL's indexes must say so to serve it.
      const cols = sql.join(columns.map((c) => sql`${sql.ref(c)} nulls first`));
      await sql`create index ${sql.id(name)} on ${sql.table(table)} (${cols})`.execute(db);
    } else {
      await db.schema.createIndex(name).on(table).columns(columns).execute();
    }
  }

  await db.schema
    .createTable('users')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('username', 'text', (c) => c.notNull().unique())
    .addColumn('party', 'text', (c) => c.notNull())
    .addColumn('passwordHash', 'text', (c) => c.notNull())
    .addColumn('admin', 'integer', (c) => c.notNull())
    .addColumn('createdAt', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('memberships')
    .addColumn('userId', 'text', (c) => c.notNull())
    .addColumn('mechanismId', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('memberships_pk', ['userId', 'mechanismId'])
    .execute();

  await db.schema
    .createTable('sessions')
    .addColumn('tokenHash', 'text', (c) => c.primaryKey())
    .addColumn('userId', 'text', (c) => c.notNull())
    .addColumn('createdAt', 'text', (c) => c.notNull())
    .addColumn('lastSeenAt', 'text', (c) => c.notNull())
    .addColumn('expiresAt', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('logs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('mechanismId', 'text', (c) => c.notNull())
    .addColumn('party', 'text')
    .addColumn('size', 'integer', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('logEntries')
    .addColumn('logId', 'text', (c) => c.notNull())
    .addColumn('idx', 'integer', (c) => c.notNull())
    .addColumn('entry', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('logEntries_pk', ['logId', 'idx'])
    .execute();

  await db.schema
    .createTable('meta')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .execute();

}
