import { useId, useState } from 'react';
import { useT } from '../../i18n/provider.tsx';
import { CopyButton } from './CopyButton.tsx';

/** The ten recovery codes, shown once: the person confirms they kept them before going on. */
export function RecoveryCodes({ codes, onDone, level }: { codes: string[]; onDone: () => void; level: 2 | 3 }) {
  const t = useT();
  const [kept, setKept] = useState(false);
  const id = useId();
  const Heading = level === 2 ? 'h2' : 'h3';
  return (
    <section className="recovery" aria-labelledby={`${id}-title`}>
      <Heading id={`${id}-title`}>{t('profile.recovery.title')}</Heading>
      <div className="notice notice-warn">
        <p>{t('profile.recovery.keep')}</p>
      </div>
      <ol className="recovery-codes">
        {codes.map((c) => (
          <li key={c}>
            <code>{c}</code>
          </li>
        ))}
      </ol>
      <div className="actions">
        <CopyButton text={codes.join('\n')} label={t('profile.recovery.copy')} />
      </div>
      <div className="check">
        <input id={`${id}-kept`} type="checkbox" checked={kept} onChange={(e) => setKept(e.target.checked)} />
        <label htmlFor={`${id}-kept`}>{t('profile.recovery.kept')}</label>
      </div>
      <button type="button" className="button button-primary" disabled={!kept} onClick={onDone}>
        {t('profile.recovery.done')}
      </button>
    </section>
  );
}
