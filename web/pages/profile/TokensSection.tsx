import { useState, type FormEvent } from 'react';
import { account, type ApiToken, type NewApiToken, type TokenScope } from '../../api/profile.ts';
import { useApiData } from '../../api/use-api-data.ts';
import { Async } from '../../components/Async.tsx';
import { useT } from '../../i18n/provider.tsx';
import { CopyButton } from './CopyButton.tsx';
import { DateTime } from './DateTime.tsx';
import { accountFailure, fieldFailure, type Failure } from './failure.ts';
import { FailureNotice } from './FailureNotice.tsx';

/** Personal API tokens for scripts: list, create (the token shown once), revoke. */
export function TokensSection() {
  const t = useT();
  const loaded = useApiData('me:tokens', (signal) => account.tokens(signal));
  const [created, setCreated] = useState<NewApiToken>();
  const [revoked, setRevoked] = useState<string>();
  const [failure, setFailure] = useState<Failure>();

  return (
    <section className="section" aria-labelledby="tokens">
      <h2 id="tokens">{t('profile.tokens.title')}</h2>
      <p className="hint">{t('profile.tokens.intro')}</p>
      <p className="status-line" role="status">
        {revoked !== undefined && (
          <>
            {t('profile.tokens.revoked')} <strong>{revoked}</strong>
          </>
        )}
      </p>
      <FailureNotice failure={failure} />
      {created && <NewToken token={created} onDismiss={() => setCreated(undefined)} />}
      <Async loaded={loaded}>
        {(tokens) =>
          tokens.length === 0 ? (
            <p className="muted">{t('profile.tokens.none')}</p>
          ) : (
            <TokenTable
              tokens={tokens}
              onRevoked={(token) => {
                setRevoked(token.name);
                setCreated((c) => (c?.id === token.id ? undefined : c));
                loaded.reload();
              }}
              onFailure={setFailure}
            />
          )
        }
      </Async>
      <CreateToken
        onCreated={(token) => {
          setCreated(token);
          setRevoked(undefined);
          setFailure(undefined);
          loaded.reload();
        }}
      />
    </section>
  );
}

function NewToken({ token, onDismiss }: { token: NewApiToken; onDismiss: () => void }) {
  const t = useT();
  return (
    <div className="notice notice-ok new-token" role="region" aria-labelledby="new-token-title">
      <p>
        <strong id="new-token-title">
          {t('profile.tokens.newTitle')} {token.name}
        </strong>{' '}
        {t('profile.tokens.newBody')}
      </p>
      <p>
        <code className="secret">{token.token}</code>
      </p>
      <div className="actions">
        <CopyButton text={token.token} label={t('profile.tokens.copy')} />
        <button type="button" className="button button-quiet" onClick={onDismiss}>
          {t('profile.tokens.dismiss')}
        </button>
      </div>
    </div>
  );
}

function TokenTable({ tokens, onRevoked, onFailure }: { tokens: ApiToken[]; onRevoked: (t: ApiToken) => void; onFailure: (f: Failure | undefined) => void }) {
  const t = useT();
  const [confirming, setConfirming] = useState<string>();
  const [busy, setBusy] = useState(false);

  async function revoke(token: ApiToken) {
    setBusy(true);
    onFailure(undefined);
    try {
      await account.revokeToken(token.id);
      setConfirming(undefined);
      onRevoked(token);
    } catch (err) {
      onFailure(accountFailure(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="table-scroll">
      <table className="table">
        <caption className="visually-hidden">{t('profile.tokens.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('profile.tokens.name')}</th>
            <th scope="col">{t('profile.tokens.scope')}</th>
            <th scope="col">{t('profile.tokens.created')}</th>
            <th scope="col">{t('profile.tokens.lastUsed')}</th>
            <th scope="col">
              <span className="visually-hidden">{t('profile.sessions.actions')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {tokens.map((token) => (
            <tr key={token.id}>
              <th scope="row" id={`token-${token.id}`}>
                {token.name}
              </th>
              <td>{token.scope === 'read' ? t('profile.tokens.scope.read') : t('profile.tokens.scope.readWrite')}</td>
              <td>
                <DateTime at={token.createdAt} />
              </td>
              <td>{token.lastUsedAt ? <DateTime at={token.lastUsedAt} /> : <span className="muted">{t('profile.tokens.never')}</span>}</td>
              <td className="cell-action">
                {confirming === token.id ? (
                  <span className="actions actions-tight">
                    <button type="button" className="button button-danger" disabled={busy} onClick={() => void revoke(token)}>
                      {t('profile.tokens.confirmRevoke')}
                    </button>
                    <button type="button" className="button button-quiet" disabled={busy} onClick={() => setConfirming(undefined)}>
                      {t('profile.cancel')}
                    </button>
                  </span>
                ) : (
                  <button type="button" className="button button-quiet" aria-describedby={`token-${token.id}`} onClick={() => setConfirming(token.id)}>
                    {t('profile.tokens.revoke')}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function CreateToken({ onCreated }: { onCreated: (token: NewApiToken) => void }) {
  const t = useT();
  const [name, setName] = useState('');
  const [scope, setScope] = useState<TokenScope>('read');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<Failure>();
  const [nameError, setNameError] = useState<string>();

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setFailure(undefined);
    setNameError(undefined);
    try {
      onCreated(await account.createToken({ name: name.trim(), scope }));
      setName('');
      setScope('read');
    } catch (err) {
      const field = fieldFailure(err, 'name');
      if (field) setNameError(field);
      else setFailure(accountFailure(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="token-form" onSubmit={(e) => void submit(e)}>
      <h3>{t('profile.tokens.create')}</h3>
      <FailureNotice failure={failure} />
      <div className="token-form-fields">
        <div className="field">
          <label htmlFor="token-name">{t('profile.tokens.name')}</label>
          <input
            id="token-name"
            required
            maxLength={100}
            value={name}
            aria-invalid={nameError ? true : undefined}
            aria-describedby={nameError ? 'token-name-error' : 'token-name-hint'}
            onChange={(e) => setName(e.target.value)}
          />
          {nameError ? (
            <p id="token-name-error" className="field-error">
              {nameError}
            </p>
          ) : (
            <p id="token-name-hint" className="hint">
              {t('profile.tokens.nameHint')}
            </p>
          )}
        </div>
        <fieldset className="field choice">
          <legend>{t('profile.tokens.scope')}</legend>
          <label>
            <input type="radio" name="token-scope" value="read" checked={scope === 'read'} onChange={() => setScope('read')} /> {t('profile.tokens.scope.read')}
          </label>
          <label>
            <input type="radio" name="token-scope" value="read-write" checked={scope === 'read-write'} onChange={() => setScope('read-write')} />{' '}
            {t('profile.tokens.scope.readWrite')}
          </label>
        </fieldset>
      </div>
      <button type="submit" className="button button-primary" disabled={busy || name.trim() === ''}>
        {busy ? t('profile.working') : t('profile.tokens.createSubmit')}
      </button>
    </form>
  );
}
