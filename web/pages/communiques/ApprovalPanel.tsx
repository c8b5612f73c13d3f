import { useState } from 'react';
import { ApiError } from '../../api/client.ts';
import { useSession } from '../../api/session.tsx';
import { InstantText } from '../../components/InstantText.tsx';
import { useMechanism } from '../../components/MechanismScope.tsx';
import { usePartyName } from '../../components/PartyName.tsx';
import { useT } from '../../i18n/provider.tsx';
import { DateTime } from '../profile/DateTime.tsx';
import { ReauthForm } from '../profile/ReauthForm.tsx';
import { communiquesApi, type Communique } from './api.ts';
import { approvalsOf, waitingFor } from './workflow.ts';

/**
 * Where the communiqué's approval stands: the hash of what is approved, each party's approval
 * (of this text, of an earlier one, or none) and, for a co-chair whose party has not approved
 * this text, the approval itself — password and code again, as for signing a round's outcome.
 */
export function ApprovalPanel({ communique: c, canApprove, onChanged }: { communique: Communique; canApprove: boolean; onChanged(after: Communique, message: string): void }) {
  const t = useT();
  const partyName = usePartyName();
  const { mechanism } = useMechanism();
  const { session } = useSession();
  const [approving, setApproving] = useState(false);
  const approvals = approvalsOf(c, mechanism.parties);
  const waiting = waitingFor(c, mechanism.parties);
  const mine = approvals.find((a) => a.party === session?.party);

  async function approve() {
    try {
      const after = await communiquesApi.approve(c.id);
      setApproving(false);
      onChanged(after, after.status === 'published' ? t('communique.approval.donePublished') : after.status === 'draft' ? t('communique.approval.doneOne') : t('communique.approval.doneAll'));
    } catch (err) {
      // Changed under the reader (another approval, a reopening): show it as it is now.
      if (err instanceof ApiError && err.status === 409) {
        const now = await communiquesApi.get(c.id).catch(() => undefined);
        if (now) onChanged(now, '');
      }
      throw err;
    }
  }

  return (
    <section className="section approval" aria-labelledby="approval">
      <h2 id="approval">{t('communique.approval.title')}</h2>
      <p className="approval-state">
        <StateLine communique={c} waiting={waiting.map(partyName).join(', ')} />
      </p>
      <dl className="facts">
        <dt>{t('communique.approval.hash')}</dt>
        <dd>
          <code className="hash outcome-hash">{c.contentHash}</code>
          <p className="hint">{t('communique.approval.hashHint')}</p>
        </dd>
      </dl>
      <h3>{t('communique.approval.approvals')}</h3>
      <ul className="plain-list signatures">
        {approvals.map((a) => (
          <li key={a.party} className={a.state === 'current' ? 'signature signature-done' : 'signature'}>
            <strong>{partyName(a.party)}</strong>{' '}
            {a.state === 'current' && (
              <>
                {t('communique.approval.current', { username: a.approval!.username })} <DateTime at={a.approval!.at} />
              </>
            )}
            {a.state === 'earlier' && (
              <span className="approval-earlier">
                {t('communique.approval.earlier', { username: a.approval!.username })} <DateTime at={a.approval!.at} />
              </span>
            )}
            {a.state === 'none' && <span className="muted">{t('communique.approval.none')}</span>}
          </li>
        ))}
      </ul>
      {canApprove &&
        (approving ? (
          <ReauthForm
            id="approve"
            intro={
              <>
                <h3>{t('communique.approval.approveTitle')}</h3>
                <p>{t('communique.approval.approveIntro', { party: partyName(session?.party ?? '') })}</p>
              </>
            }
            submitLabel={t('communique.approval.approveSubmit')}
            withCode={session?.secondFactor ?? true}
            action={approve}
            onCancel={() => setApproving(false)}
          />
        ) : (
          <div className="actions">
            <button type="button" className="button button-primary" onClick={() => setApproving(true)}>
              {t('communique.approval.approve')}
            </button>
            <span className="hint">{t('communique.approval.approveHint')}</span>
          </div>
        ))}
      {!canApprove && c.status === 'draft' && mine?.state === 'current' && <p className="hint">{t('communique.approval.youApproved')}</p>}
    </section>
  );
}

function StateLine({ communique: c, waiting }: { communique: Communique; waiting: string }) {
  const t = useT();
  switch (c.status) {
    case 'draft':
      return <>{t('communique.approval.state.draft', { parties: waiting })}</>;
    case 'approved':
      return <>{t('communique.approval.state.approved')}</>;
    case 'scheduled':
      return (
        <>
          {t('communique.approval.state.scheduled')} <InstantText at={c.embargo ?? ''} />.
        </>
      );
    case 'published':
      return (
        <>
          {t('communique.approval.state.published')} <InstantText at={c.publishedAt ?? ''} />.
        </>
      );
  }
}
