import { t } from '../i18n';
import { language } from '../state/settings';
import { formatDistance, formatPrice, formatSessionStart } from '../format';
import { hobbyPath } from '../paths';
import type { HobbyCardData, Image } from '../api/types';
import { Icon } from './Icon';
import { Text } from './Text';

export interface HobbyCardProps {
  hobby: HobbyCardData;
  /** Why it is suggested ("Because you like climbing"), shown above the title. */
  reason?: string;
  /** The heading level of the title: 3 under a section's h2 (the default), 2 directly under the page's h1. */
  headingLevel?: 2 | 3;
  /** Load the image at once (the first card of the first screen). */
  eager?: boolean;
}

function Thumbnail({ image, eager }: { image: Image; eager?: boolean }) {
  const small = image.renditions.find((r) => r.size === 'SMALL') ?? image.renditions[0];
  if (!small) return null;
  const medium = image.renditions.find((r) => r.size === 'MEDIUM');
  return (
    <img
      class="card-image"
      src={small.url}
      srcset={medium ? `${small.url} ${small.width}w, ${medium.url} ${medium.width}w` : undefined}
      sizes="(min-width: 40em) 10rem, 6rem"
      width={small.width}
      height={small.height}
      loading={eager ? 'eager' : 'lazy'}
      decoding="async"
      alt=""
    />
  );
}

/** One hobby in a list: title (a link to its page), next time, distance, price, first-time-free and
 * beginner badges, and a picture. The whole card is clickable; the title link is what a keyboard reaches. */
export function HobbyCard({ hobby, reason, headingLevel = 3, eager }: HobbyCardProps) {
  const lang = language.value;
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <article class="card hobby-card">
      <div class="card-body">
        {reason && (
          <p class="card-reason">
            <Icon name="sparkle" size={16} />
            {reason}
          </p>
        )}
        <Heading class="card-title">
          <a class="card-link" href={hobbyPath(hobby.id)}>
            <Text value={hobby.title} />
          </a>
        </Heading>
        <ul class="card-facts">
          {hobby.nextSessionStart ? (
            <li>
              <Icon name="clock" size={18} />
              <span class="visually-hidden">{t('common.nextTime')}: </span>
              <time dateTime={hobby.nextSessionStart}>{formatSessionStart(hobby.nextSessionStart, lang)}</time>
            </li>
          ) : (
            hobby.openUse && (
              <li>
                <Icon name="clock" size={18} />
                {t('common.openUse')}
              </li>
            )
          )}
          {hobby.distanceKm !== null && hobby.distanceKm !== undefined && (
            <li>
              <Icon name="location" size={18} />
              {t('common.distanceAway', { distance: formatDistance(hobby.distanceKm, lang) })}
            </li>
          )}
          <li>
            <Icon name="euro" size={18} />
            {formatPrice(hobby.price, lang)}
          </li>
        </ul>
        {(hobby.trialSession || hobby.beginnerFriendly) && (
          <ul class="badges">
            {hobby.trialSession && <li class="badge badge-trial">{t('common.badgeTrial')}</li>}
            {hobby.beginnerFriendly && <li class="badge">{t('common.badgeBeginner')}</li>}
          </ul>
        )}
      </div>
      {hobby.image && <Thumbnail image={hobby.image} eager={eager} />}
    </article>
  );
}

/** A list of hobby cards (a grid on wide screens). */
export function HobbyList({ hobbies, reasons }: { hobbies: HobbyCardData[]; reasons?: string[] }) {
  return (
    <ul class="card-list">
      {hobbies.map((hobby, i) => (
        <li key={hobby.id}>
          <HobbyCard hobby={hobby} reason={reasons?.[i]} />
        </li>
      ))}
    </ul>
  );
}
