import { useRef, useState } from 'preact/hooks';
import { t } from '../../i18n';
import { recordInteraction } from '../../api/hobby';
import { Icon } from '../Icon';

type Shared = 'idle' | 'copied' | 'manual';

/** Share: the device's own share sheet (Web Share API) when there is one, else the link is copied (with a
 * visible confirmation), else shown in a field to copy by hand. */
export function ShareButton({ hobbyId, title, url }: { hobbyId: string; title: string; url: string }) {
  const [shared, setShared] = useState<Shared>('idle');
  const field = useRef<HTMLInputElement>(null);

  const copy = async () => {
    try {
      if (!navigator.clipboard?.writeText) throw new Error('no clipboard');
      await navigator.clipboard.writeText(url);
      setShared('copied');
    } catch {
      setShared('manual');
      setTimeout(() => field.current?.select(), 0);
    }
  };

  const share = async () => {
    if (typeof navigator.share === 'function') {
      try {
        await navigator.share({ title, url });
        void recordInteraction(hobbyId, 'SHARE');
        return;
      } catch (error) {
        if (error instanceof DOMException && error.name === 'AbortError') return; // the person closed the sheet
      }
    }
    await copy();
    void recordInteraction(hobbyId, 'SHARE');
  };

  return (
    <div class="share">
      <button type="button" class="button" onClick={share}>
        <Icon name="arrow" />
        {t('hobby.share')}
      </button>
      <p class="share-status status-line" role="status">
        {shared === 'copied' && (
          <>
            <Icon name="check" size={20} />
            {t('hobby.copied')}
          </>
        )}
      </p>
      {shared === 'manual' && (
        <div class="field share-field">
          <label for="share-link">{t('hobby.copyHere')}</label>
          <input id="share-link" ref={field} type="url" readOnly value={url} onFocus={(e) => (e.target as HTMLInputElement).select()} />
        </div>
      )}
    </div>
  );
}
