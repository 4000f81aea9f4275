import { translate, type Language } from '../../i18n';
import { formatFullDate, formatTime } from '../../format';
import { isStillValid, type SavedRedemption } from '../../api/benefits';

/** "31.12.2025 klo 23.59" */
export function formatMoment(value: string, lang: Language): string {
  return translate(lang, 'common.atTime', { date: formatFullDate(value, lang), time: formatTime(value, lang) });
}

/** A redeemed code as it is shown at the venue: the code in big letters, where, and until when it is valid. */
export function CodeView({ redemption, lang, big }: { redemption: SavedRedemption; lang: Language; big?: boolean }) {
  const valid = isStillValid(redemption);
  return (
    <div class={`code-view${big ? ' code-view-big' : ''}${valid ? '' : ' code-view-expired'}`}>
      <p class="code-label">{translate(lang, 'benefits.codeLabel')}</p>
      <p class="code-value" data-testid="redemption-code" data-code={redemption.code} translate={false}>
        {redemption.code}
      </p>
      <p class="code-where">
        {redemption.organizationName
          ? translate(lang, 'benefits.showCodeAt', { place: redemption.organizationName })
          : translate(lang, 'benefits.showCode')}
      </p>
      {redemption.validUntil && (
        <p class="code-valid">
          {valid ? (
            translate(lang, 'benefits.codeValidUntil', { time: formatMoment(redemption.validUntil, lang) })
          ) : (
            <strong>{translate(lang, 'benefits.expired')}</strong>
          )}
        </p>
      )}
      {!big && <p class="code-meta">{translate(lang, 'benefits.redeemedAt', { time: formatMoment(redemption.redeemedAt, lang) })}</p>}
    </div>
  );
}
