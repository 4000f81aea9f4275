import { t } from '../i18n';
import { language } from '../state/settings';
import { formatDistance, formatFullDate } from '../format';
import { hobbyPath, PATHS } from '../paths';
import type { BenefitCardData } from '../api/types';
import { Icon } from './Icon';
import { Text } from './Text';

/** One benefit (trial session, discount, ticket): kind, title (a link to its hobby, else the wallet), who
 * offers it, how long it is valid and how many are left. Redeeming happens on the benefits screen. */
export function BenefitCard({ benefit }: { benefit: BenefitCardData }) {
  const lang = language.value;
  const href = benefit.hobby ? hobbyPath(benefit.hobby.id) : PATHS.benefits;
  return (
    <article class="card benefit-card">
      <div class="card-body">
        <p class="benefit-kind">
          <Icon name="ticket" size={18} />
          {t(`common.benefitKind${benefit.kind}`)}
        </p>
        <h3 class="card-title">
          <a class="card-link" href={href}>
            <Text value={benefit.title} />
          </a>
        </h3>
        {benefit.organizationName && <p class="card-meta">{benefit.organizationName}</p>}
        <ul class="card-facts">
          <li>
            <Icon name="clock" size={18} />
            {t('common.benefitValidUntil', { date: formatFullDate(benefit.validUntil, lang) })}
          </li>
          {benefit.remaining !== null && (
            <li>{t('common.benefitRemaining', { count: benefit.remaining })}</li>
          )}
          {benefit.distanceKm !== null && (
            <li>
              <Icon name="location" size={18} />
              {t('common.distanceAway', { distance: formatDistance(benefit.distanceKm, lang) })}
            </li>
          )}
        </ul>
        {!!benefit.redeemedByMe && <p class="badge">{t('common.benefitUsed')}</p>}
      </div>
    </article>
  );
}
