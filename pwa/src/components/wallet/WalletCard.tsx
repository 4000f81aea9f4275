import { t } from '../../i18n';
import { language } from '../../state/settings';
import { formatDistance, formatFullDate } from '../../format';
import { hobbyPath } from '../../paths';
import { usesLeft, type WalletBenefit } from '../../api/benefits';
import { Icon } from '../Icon';
import { Text } from '../Text';

/** One benefit in the wallet: what it is, who offers it, validity, how many are left, its terms, and the
 * "Use benefit" button (which opens the confirm step). */
export function WalletCard({ benefit, onUse }: { benefit: WalletBenefit; onUse: (benefit: WalletBenefit) => void }) {
  const lang = language.value;
  const titleId = `benefit-${benefit.id}-title`;
  const left = usesLeft(benefit);
  return (
    <article class="card benefit-card wallet-card" aria-labelledby={titleId} data-testid={`benefit-${benefit.id}`}>
      <div class="card-body">
        <p class="benefit-kind">
          <Icon name="ticket" size={18} />
          {t(`common.benefitKind${benefit.kind}`)}
        </p>
        <h3 class="card-title" id={titleId}>
          <Text value={benefit.title} />
        </h3>
        {benefit.organizationName && <p class="card-meta">{benefit.organizationName}</p>}
        {benefit.description?.text && (
          <p class="wallet-description">
            <Text value={benefit.description} />
          </p>
        )}
        <ul class="card-facts">
          <li>
            <Icon name="clock" size={18} />
            {t('common.benefitValidUntil', { date: formatFullDate(benefit.validUntil, lang) })}
          </li>
          {benefit.remaining !== null && <li>{t('common.benefitRemaining', { count: benefit.remaining })}</li>}
          {benefit.distanceKm !== null && (
            <li>
              <Icon name="location" size={18} />
              {t('common.distanceAway', { distance: formatDistance(benefit.distanceKm, lang) })}
            </li>
          )}
          {benefit.hobby && (
            <li>
              <Icon name="arrow" size={18} />
              <a href={hobbyPath(benefit.hobby.id)}>
                {t('benefits.hobbyLabel')}: <Text value={benefit.hobby.title} />
              </a>
            </li>
          )}
        </ul>
        {benefit.terms?.text && (
          <details class="wallet-terms">
            <summary>{t('benefits.terms')}</summary>
            <p>
              <Text value={benefit.terms} />
            </p>
          </details>
        )}
        {left > 0 ? (
          <div class="wallet-actions">
            <button
              type="button"
              class="button button-primary"
              onClick={() => onUse(benefit)}
              aria-describedby={titleId}
            >
              <Icon name="ticket" />
              {t('benefits.use')}
            </button>
            {benefit.perDeviceLimit > 1 && <span class="wallet-uses">{t('benefits.usesLeft', { count: left })}</span>}
          </div>
        ) : (
          <p class="badge">{t('benefits.usedAll')}</p>
        )}
      </div>
    </article>
  );
}
