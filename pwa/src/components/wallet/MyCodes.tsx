import { t } from '../../i18n';
import { language } from '../../state/settings';
import { isStillValid, type SavedRedemption } from '../../api/benefits';
import { hobbyPath } from '../../paths';
import { Text } from '../Text';
import { CodeView } from './CodeView';

function CodeItem({ redemption }: { redemption: SavedRedemption }) {
  const lang = language.value;
  return (
    <li>
      <article class="card code-card" data-testid={`code-${redemption.code}`}>
        <div class="card-body">
          <h3 class="card-title">
            {redemption.hobby ? (
              <a href={hobbyPath(redemption.hobby.id)}>
                <Text value={redemption.title} />
              </a>
            ) : (
              <Text value={redemption.title} />
            )}
          </h3>
          <CodeView redemption={redemption} lang={lang} />
        </div>
      </article>
    </li>
  );
}

/** "My codes": the codes this device got (kept on the device, so they show offline), valid ones first and
 * the expired ones folded away. */
export function MyCodes({ codes, now = new Date() }: { codes: SavedRedemption[]; now?: Date }) {
  if (!codes.length) return <p>{t('benefits.myCodesEmpty')}</p>;
  const valid = codes.filter((r) => isStillValid(r, now));
  const old = codes.filter((r) => !isStillValid(r, now));
  return (
    <>
      {valid.length > 0 && (
        <>
          <p>{t('benefits.myCodesHelp')}</p>
          <ul class="card-list code-list">
            {valid.map((r) => (
              <CodeItem key={r.code} redemption={r} />
            ))}
          </ul>
        </>
      )}
      {old.length > 0 && (
        <details class="old-codes">
          <summary>{t('benefits.oldCodes', { count: old.length })}</summary>
          <ul class="card-list code-list">
            {old.map((r) => (
              <CodeItem key={r.code} redemption={r} />
            ))}
          </ul>
        </details>
      )}
    </>
  );
}
