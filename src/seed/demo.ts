import { randomBytes } from 'node:crypto';
import { inTransaction, type Store, type Tx } from '../db/index.ts';
import { createUser, grantRole, hashPassword, principalByName } from '../access/accounts.ts';
import type { Role } from '../access/principal.ts';
import { isTotpSecret } from '../access/totp.ts';
import { createRecord, type Writer } from '../record/write.ts';
import { resource } from '../record/registry.ts';
import type { RecordData } from '../record/common/resource.ts';
import { COMMUNIQUE_TEXT_FR, COMMUNIQUE_TITLE_FR } from './communique-2025-12-02.fr.ts';

/**
 * The demo mechanism of DESIGN §1, from the communiqué of 2 December 2025, written through
 * the write path as the demo accounts. Nothing beyond that text and DESIGN §1 is asserted;
 * the internal records are plainly marked as demo notes.
 */

export const DEMO_PARTIES = ['cn', 'ru'] as const;
export const DEMO_ROLES: Record<string, Role | 'admin'> = {
  admin: 'admin',
  cochair: 'co-chair',
  secretariat: 'secretariat',
  delegate: 'delegate',
  observer: 'observer',
};

export interface SeedResult {
  seeded: boolean;
  /** Set when the password was generated: show it once. */
  generatedPassword?: string;
  mechanismId?: string;
}

export interface SeedOptions {
  password?: string | undefined;
  /**
   * A base32 TOTP secret (ENTENTE_DEMO_TOTP_SECRET) given to every demo account, confirmed.
   * Without it the demo accounts have no second factor, and the co-chairs and admins must set
   * one up at their first sign-in.
   */
  totpSecret?: string | undefined;
}

export async function seedDemo(store: Store, opts: SeedOptions): Promise<SeedResult> {
  if (opts.totpSecret !== undefined && !isTotpSecret(opts.totpSecret)) {
    throw new Error('ENTENTE_DEMO_TOTP_SECRET must be a base32 secret (letters A–Z and digits 2–7) of at least 16 characters');
  }
  const done = await store.db.selectFrom('meta').select('value').where('key', '=', 'demo.mechanismId').executeTakeFirst();
  if (done) return { seeded: false, mechanismId: done.value };
  // An installation set up without the demo (init --no-demo, init --admin) never gets it.
  const settled = await store.db.selectFrom('meta').select('value').where('key', '=', 'installation').executeTakeFirst();
  const anyUser = await store.db.selectFrom('users').select('id').limit(1).executeTakeFirst();
  if (settled || anyUser) return { seeded: false };

  const password = opts.password ?? randomBytes(12).toString('base64url');
  const passwordHash = await hashPassword(password);
  // One transaction: a failed seed leaves nothing behind and is retried at the next start.
  const mechanismId = await inTransaction(store.db, (tx) => seedIn(store, tx, passwordHash, opts.totpSecret));
  return { seeded: true, mechanismId, ...(opts.password ? {} : { generatedPassword: password }) };
}

async function seedIn(store: Store, tx: Tx, passwordHash: string, totpSecret: string | undefined): Promise<string> {
  const users: Record<string, string> = {};
  for (const party of DEMO_PARTIES) {
    for (const name of Object.keys(DEMO_ROLES)) {
      const username = `${party}-${name}`;
      users[username] = await createUser(tx, { username, party, passwordHash, admin: name === 'admin' });
    }
  }
  if (totpSecret !== undefined) {
    await tx
      .updateTable('users')
      .set({ totpSecret: totpSecret.toUpperCase().replace(/=+$/, ''), totpConfirmedAt: new Date().toISOString(), totpLastStep: null })
      .where('id', 'in', Object.values(users))
      .execute();
  }
  const as = async (username: string): Promise<Writer> => {
    const principal = await principalByName(tx, username);
    if (!principal) throw new Error(`demo account ${username} is missing`);
    return { db: store.db, dialect: store.dialect, principal };
  };
  const make = (w: Writer, kind: string, input: Record<string, unknown>): Promise<RecordData> => createRecord(w, resource(kind), input, tx);

  await make(await as('cn-admin'), 'party', {
    code: 'cn',
    name: { en: 'China', fr: 'Chine', zh: '中国', ru: 'Китай' },
    workingLanguages: ['zh'],
    marking: 'public',
  });
  await make(await as('ru-admin'), 'party', {
    code: 'ru',
    name: { en: 'Russia', fr: 'Russie', zh: '俄罗斯', ru: 'Россия' },
    workingLanguages: ['ru'],
    marking: 'public',
  });
  const mechanism = await make(await as('cn-admin'), 'mechanism', {
    name: {
      en: 'China–Russia strategic security consultation',
      fr: 'Consultation sur la sécurité stratégique Chine–Russie',
      zh: '中俄战略安全磋商',
      ru: 'Российско-китайские консультации по стратегической безопасности',
    },
    parties: ['cn', 'ru'],
    established: '2005',
    purpose: {
      en: "A channel to implement the leaders' consensus and strengthen political trust.",
      fr: 'Un canal pour mettre en œuvre le consensus des dirigeants et renforcer la confiance politique.',
    },
    hostRotation: ['cn', 'ru'],
    marking: 'public',
  });
  const m = mechanism.id;

  for (const party of DEMO_PARTIES) {
    for (const [name, role] of Object.entries(DEMO_ROLES)) {
      if (role !== 'admin') await grantRole(tx, users[`${party}-${name}`]!, m, role);
    }
  }

  const cn = await as('cn-secretariat');
  const ru = await as('ru-secretariat');

  const wangYi = await make(cn, 'person', {
    party: 'cn',
    name: { en: 'Wang Yi', fr: 'Wang Yi', zh: '王毅', ru: 'Ван И' },
    titles: [{ title: { en: 'Senior Chinese official', fr: 'Haut responsable chinois' } }],
    marking: 'public',
  });
  const xi = await make(cn, 'person', {
    party: 'cn',
    name: { en: 'Xi Jinping', fr: 'Xi Jinping', zh: '习近平', ru: 'Си Цзиньпин' },
    titles: [{ title: { en: 'President', fr: 'Président' } }],
    marking: 'public',
  });
  const shoigu = await make(ru, 'person', {
    party: 'ru',
    name: { en: 'Sergei Shoigu', fr: 'Sergueï Choïgou', zh: '谢尔盖·绍伊古', ru: 'Сергей Шойгу' },
    titles: [{ title: { en: 'Secretary of the Security Council of Russia', fr: 'Secrétaire du Conseil de sécurité de la Russie' } }],
    marking: 'public',
  });
  const putin = await make(ru, 'person', {
    party: 'ru',
    name: { en: 'Vladimir Putin', fr: 'Vladimir Poutine', zh: '弗拉基米尔·普京', ru: 'Владимир Путин' },
    titles: [{ title: { en: 'President', fr: 'Président' } }],
    marking: 'public',
  });

  await make(cn, 'event', {
    mechanismId: m,
    kind: 'state-visit',
    date: '2025',
    title: { en: 'Xi Jinping visits Moscow', fr: 'Xi Jinping visite Moscou' },
    place: { en: 'Moscow', fr: 'Moscou', zh: '莫斯科', ru: 'Москва' },
    participantIds: [xi.id, putin.id],
  });
  await make(ru, 'event', {
    mechanismId: m,
    kind: 'state-visit',
    date: '2025',
    title: { en: 'Vladimir Putin comes to Beijing', fr: 'Vladimir Poutine vient à Pékin' },
    place: { en: 'Beijing', fr: 'Pékin', zh: '北京', ru: 'Пекин' },
    participantIds: [putin.id, xi.id],
  });
  const consensus = await make(cn, 'consensusItem', {
    mechanismId: m,
    text: {
      en: 'The key consensus reached by President Xi Jinping and President Vladimir Putin, to be fully implemented.',
      fr: 'Le consensus clé atteint par le président Xi Jinping et le président Vladimir Poutine, à mettre pleinement en œuvre.',
    },
    leaderIds: [xi.id, putin.id],
    // Public: the public round 20 implements it, and the public communiqué states it.
    marking: 'public',
  });

  const round = await make(cn, 'round', {
    mechanismId: m,
    number: 20,
    startDate: '2025-12-02',
    place: { en: 'Beijing', fr: 'Pékin', zh: '北京', ru: 'Пекин' },
    hostParty: 'cn',
    coChairs: [
      { party: 'cn', personId: wangYi.id },
      { party: 'ru', personId: shoigu.id },
    ],
    consensusItemIds: [consensus.id],
    status: 'held',
    marking: 'public',
  });
  const r = round.id;

  await make(cn, 'agendaItem', {
    mechanismId: m,
    roundId: r,
    position: 1,
    title: { en: "Implementing the leaders' key consensus", fr: 'Mise en œuvre du consensus clé des dirigeants' },
  });
  await make(cn, 'agendaItem', {
    mechanismId: m,
    roundId: r,
    position: 2,
    title: { en: 'Crucial security questions', fr: 'Questions de sécurité cruciales' },
  });

  await make(cn, 'statement', {
    mechanismId: m,
    roundId: r,
    speakerId: wangYi.id,
    party: 'cn',
    kind: 'remark',
    form: 'gist',
    text: {
      en: 'Called on both sides to keep the momentum, make full use of this platform and strengthen coordination to face external challenges together.',
      fr: "A appelé les deux parties à maintenir l'élan, à tirer pleinement parti de cette plateforme et à renforcer la coordination pour affronter ensemble les défis externes.",
    },
  });
  await make(ru, 'statement', {
    mechanismId: m,
    roundId: r,
    speakerId: shoigu.id,
    party: 'ru',
    kind: 'remark',
    form: 'gist',
    text: {
      en: 'With the global geopolitical landscape changing and security risks rising, close Russia–China alignment is essential; their strategic coordination is at its highest level ever.',
      fr: "Avec le paysage géopolitique mondial en pleine évolution et les risques de sécurité en hausse, un alignement étroit Russie-Chine est essentiel ; leur coordination stratégique est à son niveau le plus élevé de tous les temps.",
    },
  });

  const commitmentTexts = [
    { en: 'Strengthen strategic trust.', fr: 'Renforcer leur confiance stratégique.' },
    {
      en: 'Expand win-win cooperation to boost economic growth and support national revitalisation.',
      fr: 'Élargir une coopération gagnant-gagnant pour stimuler la croissance économique et soutenir le renouveau national.',
    },
    { en: 'Work hand in hand to face emerging threats.', fr: 'Travailler main dans la main pour faire face aux menaces émergentes.' },
    { en: 'Defend equity, justice, peace and stability on the world stage.', fr: "Défendre l'équité, la justice, la paix et la stabilité sur la scène mondiale." },
  ];
  const commitments: RecordData[] = [];
  for (const text of commitmentTexts) {
    commitments.push(await make(cn, 'commitment', { mechanismId: m, roundId: r, consensusItemId: consensus.id, parties: ['cn', 'ru'], text }));
  }

  await make(cn, 'agreement', {
    mechanismId: m,
    roundId: r,
    parties: ['cn', 'ru'],
    kind: 'agreement',
    status: 'agreed',
    titleDisclosed: false,
  });

  const issues = [
    { en: 'Taiwan', fr: 'Taïwan', zh: '台湾', ru: 'Тайвань' },
    { en: 'Xizang', fr: 'Région du Xizang', zh: '西藏', ru: 'Сицзан' },
    { en: 'Xinjiang', fr: 'Région autonome ouïgoure du Xinjiang', zh: '新疆', ru: 'Синьцзян' },
    { en: 'Hong Kong', fr: 'Région de Hong Kong', zh: '香港', ru: 'Гонконг' },
  ];
  for (const issue of issues) {
    const position = await make(cn, 'position', { mechanismId: m, issue, holderParty: 'cn' });
    await make(ru, 'support', {
      mechanismId: m,
      positionId: position.id,
      party: 'ru',
      roundId: r,
      wording: { en: "Russia reiterated its firm support for China's position.", fr: 'La Russie a réitéré son soutien ferme à la position de la Chine.' },
    });
  }

  await make(cn, 'milestone', {
    mechanismId: m,
    date: '1996',
    title: { en: 'Strategic coordination launched', fr: 'Lancement de la coordination stratégique' },
  });
  await make(cn, 'milestone', {
    mechanismId: m,
    date: '2001',
    title: { en: 'Treaty of Good-Neighbourliness and Friendly Cooperation signed', fr: 'Signature du Traité de bon voisinage et de coopération amicale' },
  });
  await make(cn, 'milestone', {
    mechanismId: m,
    date: '2005',
    title: { en: 'Strategic security consultation established', fr: 'Mise en place de la consultation sur la sécurité stratégique' },
  });

  // The round's communiqué, drafted by the host's secretariat: published once both co-chairs
  // approve it (its embargo, the day of the round, has passed).
  await make(cn, 'communique', {
    mechanismId: m,
    roundId: r,
    title: { fr: COMMUNIQUE_TITLE_FR },
    text: { fr: COMMUNIQUE_TEXT_FR },
    embargo: '2025-12-02T12:00:00.000Z',
  });

  // Each side's internal notes: seen only by its own party.
  await make(cn, 'assessment', {
    mechanismId: m,
    commitmentId: commitments[0]!.id,
    party: 'cn',
    roundId: r,
    assessor: 'self',
    score: 0,
    reason: { en: 'Demo internal note: follow-up under way; to be reviewed before the next round.' },
    marking: 'internal',
  });
  await make(ru, 'assessment', {
    mechanismId: m,
    commitmentId: commitments[1]!.id,
    party: 'ru',
    roundId: r,
    assessor: 'self',
    score: 0,
    reason: { en: 'Demo internal note: progress to be documented before the next round.' },
    marking: 'internal',
  });
  await make(cn, 'position', {
    mechanismId: m,
    issue: { en: 'Briefing note: follow-up of the round' },
    holderParty: 'cn',
    stance: { en: 'Demo internal briefing note of the Chinese secretariat.' },
    marking: 'internal',
  });
  await make(ru, 'position', {
    mechanismId: m,
    issue: { en: 'Briefing note: follow-up of the round' },
    holderParty: 'ru',
    stance: { en: 'Demo internal briefing note of the Russian secretariat.' },
    marking: 'internal',
  });

  await tx.insertInto('meta').values({ key: 'demo.mechanismId', value: m }).execute();
  return m;
}
