import { useState } from 'react';
import { useT } from '../../i18n/provider.tsx';

/** Copies a text to the clipboard and says whether it did (a browser may refuse). */
export function CopyButton({ text, label }: { text: string; label: string }) {
  const t = useT();
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  return (
    <>
      <button
        type="button"
        className="button"
        onClick={() => {
          navigator.clipboard.writeText(text).then(
            () => setState('copied'),
            () => setState('failed'),
          );
        }}
      >
        {label}
      </button>
      <span className="copy-state" role="status">
        {state === 'copied' ? t('profile.copied') : state === 'failed' ? t('profile.copyFailed') : ''}
      </span>
    </>
  );
}
