import { inTransaction, type Tx } from '../db/index.ts';
import { canIntake } from '../access/policy.ts';
import type { UserPrincipal } from '../access/principal.ts';
import { badTextAt, OPENNESS, type Marking } from '../record/common/fields.ts';
import type { RecordData } from '../record/common/resource.ts';
import { resource } from '../record/registry.ts';
import { findVisible } from '../record/store.ts';
import { createRecord, type Writer } from '../record/write.ts';
import { invalid, Problem, type FieldError } from '../http/problem.ts';
import { texts, visibleRecords } from './known.ts';
import { countryOfCity, key, sameName, similarTitle } from './matching.ts';
import type { AcceptBody, AcceptResult } from './schema.ts';

/**
 * A reviewed draft into records (issue 7; docs/decisions/0022): in one transaction, through
 * the write path (createRecord, with the writer's own rights), a round of an existing
 * mechanism with its co-chairs, consensus items, statements, commitments, positions and
 * support, milestones and events. Whatever the record already holds is linked instead of
 * duplicated: people by name, positions by issue, milestones by year and title, events by
 * kind, year and title. Any refusal names the draft's field (`coChairs.1.value.party`), and
 * nothing is written.
 */
export async function acceptDraft(w: Writer, body: AcceptBody): Promise<AcceptResult> {
  const p = w.principal;
  if (p.kind !== 'user') throw new Problem(401, 'sign in first');
  const bad = badTextAt(body);
  if (bad) throw invalid(bad.field, bad.message);
  const mechanismId = body.mechanism.value.id;
  if (!mechanismId) {
    throw invalid('mechanism.value.id', 'choose the mechanism the round belongs to: a new mechanism is created by an admin of one of its parties first, then staffed');
  }
  return inTransaction(w.db, (tx) => new Acceptance({ ...w, principal: p }, p, tx, body, mechanismId).run());
}

/** A record field (its first segment) → the draft path its errors are reported at. */
type Where = Record<string, string | ((rest: string[]) => string)>;

/** A person an item names: one the record holds, or one to register. */
type PersonRef = { id: string; party: string } | { create: { name: string; party: string; title: string | null }; party: string };

class Acceptance {
  private readonly lang: string;
  private readonly marking: Marking;
  private mechanism!: RecordData;
  /** The people the writer may see, then also those this accept registers. */
  private people: RecordData[] = [];
  private readonly created: AcceptResult['created'] = { people: [], events: [], consensusItems: [], statements: [], commitments: [], positions: [], supports: [], milestones: [] };
  private readonly linked: AcceptResult['linked'] = { people: [], events: [], positions: [], milestones: [] };

  constructor(
    private readonly w: Writer,
    private readonly p: UserPrincipal,
    private readonly tx: Tx,
    private readonly body: AcceptBody,
    private readonly mechanismId: string,
  ) {
    this.lang = body.language;
    this.marking = body.marking;
  }

  async run(): Promise<AcceptResult> {
    const mechanism = await findVisible(this.tx, this.p, resource('mechanism'), this.mechanismId);
    if (!mechanism) throw invalid('mechanism.value.id', 'no such mechanism, or it is not visible to you');
    this.mechanism = mechanism;
    const refusal = canIntake(this.p, this.mechanismId);
    if (refusal) throw new Problem(403, refusal, [{ field: 'mechanism', message: refusal }]);
    // A round number the mechanism has already: the round's own rule refuses it (409 at `round`),
    // and the transaction takes back what was made before it.
    this.checkParties();

    const { coChairs, speakers, speakerIds } = await this.addPeople();
    await this.addEvents();
    const consensusIds = await this.addConsensus();
    const round = await this.addRound(coChairs, consensusIds);
    await this.addStatements(round.id, speakers, speakerIds);
    await this.addCommitments(round.id, consensusIds);
    await this.addPositions(round.id);
    await this.addMilestones();
    return { mechanismId: this.mechanismId, round: { id: round.id, number: Number(round.number) }, created: this.created, linked: this.linked };
  }

  // ——— what the record holds ———

  private visible(kind: string): Promise<RecordData[]> {
    const def = resource(kind);
    return visibleRecords(this.tx, this.w.dialect, this.p, def, def.scope === 'mechanism' ? { mechanismId: this.mechanismId } : {});
  }

  private get parties(): string[] {
    return this.mechanism.parties as string[];
  }

  /** The parties the text names must be those of the mechanism (a new party is no part of an existing one). */
  private checkParties(): void {
    for (const [i, item] of this.body.parties.entries()) {
      const code = item.value.code;
      if (code === undefined) throw invalid(`parties.${i}.value.code`, `say which party "${item.value.name}" is (one of ${this.parties.join(', ')}), or drop it`);
      if (!this.parties.includes(code)) throw invalid(`parties.${i}.value.code`, `"${code}" is not a party of this mechanism (${this.parties.join(', ')}): drop it, or choose another mechanism`);
    }
  }

  /**
   * The co-chairs and speakers: each linked to a person the writer may see, or registered (of
   * the writer's party only; the other party's are refused all at once, before any write).
   */
  private async addPeople(): Promise<{ coChairs: Array<{ party: string; personId: string }>; speakers: Array<PersonRef | null>; speakerIds: Array<string | null> }> {
    const { body } = this;
    this.people = await this.visible('person');
    const chairs = body.coChairs.map((c, i) => this.personFor(`coChairs.${i}`, c.value, c.value.party ?? null));
    const speakers = body.statements.map((_s, i) => this.speakerFor(i, chairs));
    this.refuseOtherPartiesPeople([...chairs.map((r, i) => [`coChairs.${i}.value.name`, r] as const), ...speakers.map((r, i) => [`statements.${i}.value.speaker`, r] as const)]);
    const registered = new Map<string, string>();
    const idOf = async (ref: PersonRef, path: string, where: Where): Promise<string> => {
      if ('id' in ref) return ref.id;
      const k = `${ref.party}|${key(ref.create.name)}`;
      let id = registered.get(k);
      if (!id) {
        id = await this.registerPerson(ref.create, path, where);
        registered.set(k, id);
      }
      return id;
    };
    const coChairs: Array<{ party: string; personId: string }> = [];
    for (const [i, ref] of chairs.entries()) {
      const path = `coChairs.${i}`;
      coChairs.push({ party: ref.party, personId: await idOf(ref, path, { name: `${path}.value.name`, titles: `${path}.value.title`, party: `${path}.value.party` }) });
    }
    const speakerIds: Array<string | null> = [];
    for (const [i, ref] of speakers.entries()) {
      const path = `statements.${i}`;
      speakerIds.push(ref ? await idOf(ref, path, { name: `${path}.value.speaker`, party: `${path}.value.party` }) : null);
    }
    for (const id of [...coChairs.map((c) => c.personId), ...speakerIds]) if (id) this.linkPerson(id);
    return { coChairs, speakers, speakerIds };
  }

  /** The people named `name` (of `party`, when given) the writer may see. */
  private named(name: string, party: string | null): RecordData[] {
    return this.people.filter((person) => sameName(name, texts(person.name)) && (party === null || person.party === party));
  }

  /**
   * The person an item names: the one it links (personId), else the one person of that name
   * (and party), else one to register, of the party the item gives.
   */
  private personFor(path: string, v: { name: string; title?: string | null | undefined; personId?: string | undefined }, party: string | null): PersonRef {
    if (party !== null && !this.parties.includes(party)) throw invalid(`${path}.value.party`, `"${party}" is not a party of this mechanism (${this.parties.join(', ')})`);
    if (v.personId !== undefined) {
      const person = this.people.find((x) => x.id === v.personId);
      if (!person) throw invalid(`${path}.value.personId`, 'no person with this id is visible to you');
      return { id: person.id, party: party ?? String(person.party) };
    }
    const found = this.named(v.name, party);
    if (found.length > 1) throw invalid(`${path}.value.name`, `${found.length} people are named "${v.name}": link the one meant (personId)`);
    if (found[0]) return { id: found[0].id, party: party ?? String(found[0].party) };
    if (party === null) throw invalid(`${path}.value.party`, `"${v.name}" is not in the directory: say which party they belong to, so that they are registered`);
    return { create: { name: v.name, party, title: v.title ?? null }, party };
  }

  /** A statement's speaker: none for a statement without one, else the co-chair of that name or a person as personFor finds. */
  private speakerFor(i: number, coChairs: PersonRef[]): PersonRef | null {
    const v = this.body.statements[i]!.value;
    if (v.speaker === null || v.speaker === undefined) return null;
    const party = v.party ?? null;
    if (v.personId === undefined) {
      const chair = coChairs.find((ref, j) => sameName(v.speaker!, [this.body.coChairs[j]!.value.name]) && (party === null || ref.party === party));
      if (chair) return chair;
    }
    return this.personFor(`statements.${i}`, { name: v.speaker, personId: v.personId }, party);
  }

  /**
   * People are registered by their own party (src/record/people/schema.ts): a person of
   * another party whom the directory lacks cannot be registered by this writer. Every such
   * item is named at once, before anything is written.
   */
  private refuseOtherPartiesPeople(refs: ReadonlyArray<readonly [string, PersonRef | null]>): void {
    const errors: FieldError[] = [];
    for (const [field, ref] of refs) {
      if (ref && 'create' in ref && ref.party !== this.p.party) {
        errors.push({
          field,
          message: `"${ref.create.name}" of ${ref.party} is not in the directory, and only ${ref.party} registers its people: have ${ref.party}'s secretariat register them, link a known person, or drop the item${field.startsWith('statements.') ? " (or clear the speaker to record the party's statement)" : ''}`,
        });
      }
    }
    if (errors.length > 0) throw new Problem(403, errors.map((e) => `${e.field}: ${e.message}`).join('; '), errors);
  }

  // ——— the records ———

  /** createRecord, with its refusals reported at the draft's fields. */
  private async create(kind: string, input: Record<string, unknown>, path: string, where: Where): Promise<RecordData> {
    try {
      const def = resource(kind);
      const scoped = def.scope === 'mechanism' ? { mechanismId: this.mechanismId } : {};
      return await createRecord(this.w, def, { ...scoped, marking: this.marking, ...input }, this.tx);
    } catch (err) {
      if (err instanceof Problem) throw relocate(err, path, where);
      throw err;
    }
  }

  private text(value: string): Record<string, string> {
    return { [this.lang]: value };
  }

  private async registerPerson(v: { name: string; party: string; title: string | null }, path: string, where: Where): Promise<string> {
    const person = await this.create('person', { party: v.party, name: this.text(v.name), titles: v.title ? [{ title: this.text(v.title) }] : [] }, path, where);
    this.people.push(person);
    this.created.people.push(person.id);
    return person.id;
  }

  /** Counts a known person as linked (once), unless this accept registered them. */
  private linkPerson(id: string): void {
    if (!this.created.people.includes(id) && !this.linked.people.includes(id)) this.linked.people.push(id);
  }

  /** The ids of the people an item names (leaders, participants): each must be known. */
  private peopleNamed(names: readonly string[], path: string): string[] {
    return names.map((name, j) => {
      const found = this.named(name, null);
      if (found.length === 0) throw invalid(`${path}.${j}`, `no person named "${name}" is known: register them first, or remove the name`);
      if (found.length > 1) throw invalid(`${path}.${j}`, `${found.length} people are named "${name}"`);
      this.linkPerson(found[0]!.id);
      return found[0]!.id;
    });
  }

  /**
   * A place as the record already writes it: the multilingual text of a round or event of the
   * mechanism at the same place, else the name in the draft's language.
   */
  private placeTexts: Array<Record<string, string>> | undefined;
  private async place(name: string): Promise<Record<string, string>> {
    this.placeTexts ??= [...(await this.visible('round')), ...(await this.visible('event'))].map((r) => r.place as Record<string, string>).filter((t) => t && Object.keys(t).length > 0);
    const known = this.placeTexts.find((t) => sameName(name, Object.values(t)));
    return known ? { ...known, [this.lang]: known[this.lang] ?? name } : this.text(name);
  }

  private async addEvents(): Promise<void> {
    const existing = await this.visible('event');
    for (const [i, item] of this.body.events.entries()) {
      const v = item.value;
      const path = `events.${i}`;
      const same = existing.find((e) => e.kind === v.kind && v.date !== null && String(e.date).slice(0, 4) === v.date.slice(0, 4) && texts(e.title).some((t) => similarTitle(t, v.title)));
      if (same) {
        this.linked.events.push(same.id);
        continue;
      }
      const event = await this.create(
        'event',
        { kind: v.kind, date: v.date, title: this.text(v.title), place: v.place ? await this.place(v.place) : {}, participantIds: this.peopleNamed(v.participants, `${path}.value.participants`) },
        path,
        { kind: `${path}.value.kind`, date: `${path}.value.date`, title: `${path}.value.title`, place: `${path}.value.place`, participantIds: `${path}.value.participants[]` },
      );
      existing.push(event);
      this.created.events.push(event.id);
    }
  }

  private async addConsensus(): Promise<string[]> {
    const ids: string[] = [];
    for (const [i, item] of this.body.consensus.entries()) {
      const path = `consensus.${i}`;
      const leaderIds = this.peopleNamed(item.value.leaders, `${path}.value.leaders`);
      const made = await this.create('consensusItem', { text: this.text(item.value.text), leaderIds }, path, { text: `${path}.value.text`, leaderIds: `${path}.value.leaders[]` });
      ids.push(made.id);
      this.created.consensusItems.push(made.id);
    }
    return ids;
  }

  private async addRound(coChairs: Array<{ party: string; personId: string }>, consensusItemIds: string[]): Promise<RecordData> {
    const { body } = this;
    const place = body.place ? await this.place(body.place.value) : {};
    return this.create(
      'round',
      {
        number: body.round.value,
        startDate: body.date?.value,
        place,
        hostParty: body.hostParty === undefined ? await this.hostAt(place) : body.hostParty,
        coChairs,
        consensusItemIds,
        status: 'held',
      },
      'round',
      {
        number: 'round',
        status: 'round',
        startDate: 'date.value',
        place: 'place.value',
        hostParty: 'hostParty',
        consensusItemIds: 'consensus[]',
        coChairs: ([i, field]) => (i === undefined ? 'coChairs' : field === undefined ? `coChairs.${i}` : `coChairs.${i}.value.${field === 'personId' ? 'personId' : 'party'}`),
      },
    );
  }

  /**
   * The host, when the reviewer named none: that of the latest earlier round at the same place,
   * else the party in whose country the city is (Beijing → cn), else none.
   */
  private async hostAt(place: Record<string, string>): Promise<string | null> {
    const names = Object.values(place);
    if (names.length === 0) return null;
    const rounds = (await this.visible('round')).filter((r) => r.hostParty && names.some((n) => sameName(n, Object.values(r.place as Record<string, string>))));
    rounds.sort((a, b) => Number(b.number) - Number(a.number));
    if (rounds[0]) return String(rounds[0].hostParty);
    const countries = new Set(names.map(countryOfCity).filter((c) => c !== undefined));
    const hosts = this.parties.filter((p) => countries.has(p));
    return hosts.length === 1 ? hosts[0]! : null;
  }

  private async addStatements(roundId: string, speakers: Array<PersonRef | null>, speakerIds: Array<string | null>): Promise<void> {
    for (const [i, item] of this.body.statements.entries()) {
      const v = item.value;
      const path = `statements.${i}`;
      const made = await this.create(
        'statement',
        { roundId, speakerId: speakerIds[i] ?? undefined, party: v.party ?? speakers[i]?.party ?? undefined, kind: v.kind, form: v.form, text: this.text(v.text) },
        path,
        { speakerId: `${path}.value.speaker`, party: `${path}.value.party`, kind: `${path}.value.kind`, form: `${path}.value.form`, text: `${path}.value.text` },
      );
      this.created.statements.push(made.id);
    }
  }

  /** Commitments of the round; when the draft has one consensus item, they serve it (as the seed's do). */
  private async addCommitments(roundId: string, consensusIds: string[]): Promise<void> {
    const consensusItemId = consensusIds.length === 1 ? consensusIds[0] : undefined;
    for (const [i, item] of this.body.commitments.entries()) {
      const path = `commitments.${i}`;
      const made = await this.create(
        'commitment',
        { roundId, consensusItemId, parties: item.value.parties, text: this.text(item.value.text) },
        path,
        { text: `${path}.value.text`, parties: `${path}.value.parties[]`, consensusItemId: 'consensus.0' },
      );
      this.created.commitments.push(made.id);
    }
  }

  /**
   * A position per issue and holder (an existing one of the mechanism with the same issue, else
   * a new one), and the support the item states: never more open than its position (a support of
   * a joint position is joint, whatever the marking chosen), so that no position is duplicated.
   */
  private async addPositions(roundId: string): Promise<void> {
    const existing = await this.visible('position');
    const chosen = new Map<string, RecordData>();
    for (const [i, item] of this.body.positions.entries()) {
      const v = item.value;
      const path = `positions.${i}`;
      if (v.holder === null) throw invalid(`${path}.value.holder`, 'say whose position it is (a party of the mechanism)');
      const k = `${v.holder}|${key(v.issue)}`;
      let position = chosen.get(k);
      if (!position) {
        position = existing.find((x) => x.holderParty === v.holder && sameName(v.issue, texts(x.issue)));
        if (position) {
          this.linked.positions.push(position.id);
        } else {
          position = await this.create(
            'position',
            { issue: this.text(v.issue), holderParty: v.holder, stance: v.supporter ? {} : this.text(v.text) },
            path,
            { issue: `${path}.value.issue`, holderParty: `${path}.value.holder`, stance: `${path}.value.text` },
          );
          this.created.positions.push(position.id);
        }
        chosen.set(k, position);
      }
      if (!v.supporter) continue;
      const marking = OPENNESS[position.marking] < OPENNESS[this.marking] ? position.marking : this.marking;
      const support = await this.create(
        'support',
        { positionId: position.id, party: v.supporter, roundId, wording: this.text(v.text), marking },
        path,
        { party: `${path}.value.supporter`, wording: `${path}.value.text`, positionId: `${path}.value.issue` },
      );
      this.created.supports.push(support.id);
    }
  }

  /** A milestone per item: an existing one of the same year and a like title, else a new one dated by its year. */
  private async addMilestones(): Promise<void> {
    const existing = await this.visible('milestone');
    for (const [i, item] of this.body.milestones.entries()) {
      const v = item.value;
      const path = `milestones.${i}`;
      const year = String(v.year);
      const same = existing.find((m) => String(m.date).slice(0, 4) === year && texts(m.title).some((t) => similarTitle(t, v.event)));
      if (same) {
        if (!this.linked.milestones.includes(same.id) && !this.created.milestones.includes(same.id)) this.linked.milestones.push(same.id);
        continue;
      }
      const made = await this.create('milestone', { title: this.text(v.event), date: year }, path, { title: `${path}.value.event`, date: `${path}.value.year` });
      existing.push(made);
      this.created.milestones.push(made.id);
    }
  }
}

/** A refusal of the write path, its fields renamed to the draft's (`coChairs.1.personId` → `coChairs.1.value.personId`). */
function relocate(problem: Problem, path: string, where: Where): Problem {
  const errors = problem.errors.length > 0 ? problem.errors.map((e) => ({ field: draftField(e.field, path, where), message: e.message })) : [{ field: path, message: problem.detail }];
  return new Problem(problem.status, errors.map((e) => `${e.field}: ${e.message}`).join('; '), errors, problem.type);
}

function draftField(field: string, path: string, where: Where): string {
  const [head = '', ...rest] = field.split('.');
  if (head === 'marking') return 'marking';
  if (head === 'mechanismId') return 'mechanism';
  const to = where[head];
  if (to === undefined) return path;
  if (typeof to === 'function') return to(rest);
  if (!to.endsWith('[]')) return to;
  const list = to.slice(0, -2);
  return rest[0] !== undefined && /^\d+$/.test(rest[0]) ? `${list}.${rest[0]}` : list;
}
