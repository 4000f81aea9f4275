/**
 * One hobby (/hobbies/:id): what, for whom, when, where, price and benefits, how to join, the organizer, what to
 * bring, accessibility and similar hobbies; save as favourite, add to calendar, share.
 *
 * The page is kept for offline use (`hobby:<id>` in the cache). A VIEW is recorded in the background (and a
 * JOIN_CLICK when the sign-up link is used, which may also offer the quick rating); those never show an error.
 * Texts from the API are plain text (never HTML) and marked with `lang` when they are in another language than
 * the interface.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { t } from '../i18n';
import { language } from '../state/settings';
import { deviceToken } from '../state/device';
import { cache } from '../state/cache';
import { offerRating } from '../state/rating';
import { useQuery } from '../hooks/useQuery';
import { usePageTitle } from '../hooks/usePageTitle';
import { formatAgeRange, formatFullDate, formatPrice, formatSessionStart } from '../format';
import { hobbyPath, PATHS } from '../paths';
import { cachedFavourites } from '../api/favourites';
import { pruneCache } from '../api/search';
import {
  enrolment,
  fetchHobby,
  recordInteraction,
  safeHref,
  shortUrl,
  type HobbyDetail,
  type HobbyPageData,
} from '../api/hobby';
import type { Image } from '../api/types';
import { BenefitCard } from '../components/BenefitCard';
import { ErrorNotice } from '../components/ErrorNotice';
import { HobbyList } from '../components/HobbyCard';
import { Icon } from '../components/Icon';
import { CategoryIcon } from '../components/CategoryIcon';
import { Section } from '../components/Section';
import { Text } from '../components/Text';
import { MapView } from '../components/map/MapView';
import { Prose } from '../components/hobby/Prose';
import { FavouriteButton } from '../components/hobby/FavouriteButton';
import { ShareButton } from '../components/hobby/ShareButton';
import { Sessions } from '../components/hobby/Sessions';
import { AccessibilityFacts } from '../components/hobby/AccessibilityFacts';
import '../components/hobby/hobby.css';

/** How many hobby pages are kept for offline use (the newest). */
const HOBBIES_KEPT = 10;

function languageName(code: string, lang: string): string {
  try {
    const name = new Intl.DisplayNames([lang], { type: 'language' }).of(code);
    return name ? name.charAt(0).toLocaleUpperCase(lang) + name.slice(1) : code;
  } catch {
    return code;
  }
}

function Hero({ image }: { image: (Image & { credit: string }) | null }) {
  if (!image) return null;
  const sorted = [...image.renditions].sort((a, b) => a.width - b.width);
  const main = sorted.find((r) => r.size === 'MEDIUM') ?? sorted[sorted.length - 1];
  if (!main) return null;
  const lang = image.alt.language && image.alt.language !== language.value ? image.alt.language : undefined;
  return (
    <figure class="hobby-image">
      <img
        src={main.url}
        srcset={sorted.map((r) => `${r.url} ${r.width}w`).join(', ')}
        sizes="(min-width: 60em) 40rem, 100vw"
        width={main.width}
        height={main.height}
        alt={image.alt.text}
        lang={lang}
        decoding="async"
      />
      {image.credit && <figcaption>{t('hobby.imageCredit', { credit: image.credit })}</figcaption>}
    </figure>
  );
}

function Enrolment({ hobby }: { hobby: HobbyDetail }) {
  const lang = language.value;
  const state = enrolment(hobby);
  switch (state.state) {
    case 'always':
      return <p>{t('hobby.enrolAlways')}</p>;
    case 'open':
      return (
        <p>
          {state.until
            ? t('hobby.enrolOpenUntil', { date: formatFullDate(state.until, lang) })
            : t('hobby.enrolOpen')}
        </p>
      );
    case 'notYet':
      return <p class="notice">{t('hobby.enrolNotYet', { date: formatFullDate(state.from, lang) })}</p>;
    case 'ended':
      return (
        <p class="notice">
          {state.ended ? t('hobby.enrolEndedOn', { date: formatFullDate(state.ended, lang) }) : t('hobby.enrolEnded')}
        </p>
      );
  }
}

function Detail({ data, id }: { data: HobbyPageData; id: string }) {
  const lang = language.value;
  const hobby = data.hobby;
  const [favourite, setFavourite] = useState<boolean | null>(null);
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);
  const pressed = favourite ?? data.favourited ?? cachedFavourites().some((h) => h.id === hobby.id);
  const venue = hobby.venue;
  const registration = safeHref(hobby.registrationUrl);
  const website = safeHref(hobby.organization.website);
  const directions = safeHref(venue?.directionsUrl);
  const calendar = hobby.sessions.length ? safeHref(hobby.calendarUrl) : null;
  const shareUrl = `${location.origin}${hobbyPath(hobby.id)}`;
  const located = venue && venue.latitude != null && venue.longitude != null;

  return (
    <>
      {hobby.categories.length > 0 && (
        <ul class="hobby-categories" aria-label={t('hobby.categoriesLabel')}>
          {hobby.categories.map((c) => (
            <li key={c.id}>
              <CategoryIcon icon={c.icon} />
              {c.name.text}
            </li>
          ))}
        </ul>
      )}
      <p class="lead">
        <Text value={hobby.summary} />
      </p>
      <Hero image={hobby.image} />

      <div class="hobby-actions" role="group" aria-label={t('hobby.actionsLabel')}>
        <FavouriteButton
          hobby={hobby}
          pressed={pressed}
          onChange={(now) => {
            setFavourite(now);
            cache.put(`hobby:${id}`, { ...data, favourited: now });
          }}
          onMessage={setMessage}
        />
        {calendar && (
          <a class="button" href={calendar}>
            <Icon name="clock" />
            {t('hobby.calendar')}
          </a>
        )}
        <ShareButton hobbyId={hobby.id} title={hobby.title.text} url={shareUrl} />
      </div>
      <p
        class={message?.error ? 'hobby-message status-line status-error' : 'hobby-message status-line'}
        role="status"
        aria-live="polite"
      >
        {message?.text}
      </p>

      <Section id="about" title={t('hobby.aboutTitle')}>
        <Prose value={hobby.description} />
      </Section>

      <Section id="for-whom" title={t('hobby.forWhomTitle')}>
        <dl class="facts">
          <div class="fact">
            <dt>{t('hobby.ageLabel')}</dt>
            <dd>{formatAgeRange(hobby.ageMin, hobby.ageMax, lang)}</dd>
          </div>
          <div class="fact">
            <dt>{t('hobby.levelLabel')}</dt>
            <dd>{t(`hobby.level${hobby.level}`)}</dd>
          </div>
          {hobby.instructionLanguages.length > 0 && (
            <div class="fact">
              <dt>{t('hobby.languagesLabel')}</dt>
              <dd>{hobby.instructionLanguages.map((code) => languageName(code, lang)).join(', ')}</dd>
            </div>
          )}
        </dl>
        {hobby.beginnerFriendly && <p class="badge">{t('common.badgeBeginner')}</p>}
      </Section>

      <Section id="when" title={t('hobby.whenTitle')}>
        {hobby.sessions.length ? (
          <>
            <h3>{t('hobby.sessionsIntro')}</h3>
            <Sessions sessions={hobby.sessions} />
          </>
        ) : hobby.openUse ? (
          <p>{t('common.openUse')}</p>
        ) : (
          <p>{t('hobby.noSessions')}</p>
        )}
      </Section>

      <Section id="where" title={t('hobby.whereTitle')}>
        {venue ? (
          <>
            <address class="venue">
              <strong>
                <Text value={venue.name} />
              </strong>
              {venue.streetAddress.text && (
                <>
                  <br />
                  <Text value={venue.streetAddress} />
                </>
              )}
              {(venue.postalCode || venue.city) && (
                <>
                  <br />
                  {[venue.postalCode, venue.city].filter(Boolean).join(' ')}
                </>
              )}
            </address>
            {located && (
              <MapView
                small
                lazy
                label={t('hobby.mapLabel', { place: venue.name.text })}
                markers={[
                  {
                    id: venue.id,
                    lat: venue.latitude!,
                    lon: venue.longitude!,
                    title: venue.name.text,
                    titleLang: venue.name.language && venue.name.language !== lang ? venue.name.language : undefined,
                  },
                ]}
              />
            )}
            {directions && (
              <p>
                <a class="button" href={directions}>
                  <Icon name="location" />
                  {t('hobby.directions')}
                </a>
              </p>
            )}
          </>
        ) : (
          <p>{t('hobby.noVenue')}</p>
        )}
      </Section>

      <Section id="price" title={t('hobby.priceTitle')}>
        <p class="price">
          <Icon name="euro" />
          {formatPrice(hobby.price, lang)}
        </p>
        <Prose value={hobby.price.details} />
        {hobby.trialSession && <p class="badge badge-trial">{t('common.badgeTrial')}</p>}
        {hobby.benefits.length > 0 && (
          <>
            <p>{t('hobby.benefitsIntro')}</p>
            <ul class="card-list">
              {hobby.benefits.map((benefit) => (
                <li key={benefit.id}>
                  {/* no link back to this page: the card then leads to the benefits wallet */}
                  <BenefitCard benefit={{ ...benefit, hobby: null }} />
                </li>
              ))}
            </ul>
          </>
        )}
      </Section>

      <Section id="join" title={t('hobby.joinTitle')}>
        <Enrolment hobby={hobby} />
        {registration ? (
          <p>
            <a
              class="button button-primary"
              href={registration}
              target="_blank"
              rel="noopener noreferrer"
              onClick={() => {
                void recordInteraction(hobby.id, 'JOIN_CLICK');
                offerRating('join', hobby.id); // waits here while the sign-up opens in a new tab
              }}
            >
              {t('hobby.register')}
              <span class="visually-hidden"> {t('hobby.newTab')}</span>
              <Icon name="arrow" />
            </a>
          </p>
        ) : (
          <p>{t('hobby.noRegistration')}</p>
        )}
      </Section>

      <Section id="contact" title={t('hobby.contactTitle')}>
        <p class="organizer">
          <strong>{hobby.organization.name}</strong>
        </p>
        <dl class="facts">
          {website && (
            <div class="fact">
              <dt>{t('hobby.website')}</dt>
              <dd>
                <a href={website}>{shortUrl(website)}</a>
              </dd>
            </div>
          )}
          {hobby.organization.email && (
            <div class="fact">
              <dt>{t('hobby.email')}</dt>
              <dd>
                <a href={`mailto:${hobby.organization.email}`}>{hobby.organization.email}</a>
              </dd>
            </div>
          )}
          {hobby.organization.phone && (
            <div class="fact">
              <dt>{t('hobby.phone')}</dt>
              <dd>
                <a href={`tel:${hobby.organization.phone.replace(/[^\d+]/g, '')}`}>{hobby.organization.phone}</a>
              </dd>
            </div>
          )}
        </dl>
      </Section>

      {hobby.whatToBring.text.trim() && (
        <Section id="bring" title={t('hobby.bringTitle')}>
          <Prose value={hobby.whatToBring} />
        </Section>
      )}

      {venue && (
        <Section id="accessibility" title={t('hobby.accessTitle')}>
          <AccessibilityFacts accessibility={venue.accessibility} />
        </Section>
      )}

      {hobby.similarHobbies.length > 0 && (
        <Section id="similar" title={t('hobby.similarTitle')}>
          <HobbyList hobbies={hobby.similarHobbies} />
        </Section>
      )}
    </>
  );
}

/** One hobby's page; a new one is mounted for each id (see the default export). */
function HobbyView({ id }: { id: string }) {
  const lang = language.value;
  const withFavourites = !!deviceToken.value;
  const valid = /^\d+$/.test(id);
  const detail = useQuery<HobbyPageData>({
    key: valid ? `hobby:${id}:${lang}:${withFavourites}` : null,
    cacheKey: valid ? `hobby:${id}` : undefined,
    fetch: (signal) => fetchHobby(id, withFavourites, signal),
  });
  // gone (or never was): say so even when an old copy is saved
  const notFound = !valid || detail.error?.code === 'NOT_FOUND';
  const data = notFound ? undefined : detail.data;
  const viewed = useRef(false);

  useEffect(() => {
    if (data && !detail.fromCache && !viewed.current) {
      viewed.current = true;
      void recordInteraction(id, 'VIEW');
      pruneCache('hobby:', HOBBIES_KEPT);
    }
  }, [data, detail.fromCache]);

  useEffect(() => {
    if (notFound) cache.remove(`hobby:${id}`);
  }, [notFound]);

  const title = data
    ? data.hobby.title.text
    : notFound
      ? t('hobby.notFoundTitle')
      : detail.error
        ? t('hobby.pageTitle')
        : t('hobby.loadingTitle');
  usePageTitle(data ? title : notFound ? title : t('hobby.pageTitle'));

  return (
    <div class="page hobby">
      {/* the same <h1> in every state, so focus stays on it when the hobby arrives */}
      <h1>{data ? <Text value={data.hobby.title} /> : title}</h1>
      {data && detail.fromCache && detail.savedAt && detail.error && (
        <p class="notice">{t('common.savedCopy', { time: formatSessionStart(detail.savedAt, lang) })}</p>
      )}
      {notFound ? (
        <>
          <p>{t('hobby.notFoundText')}</p>
          <p>
            <a class="button button-primary" href={PATHS.search}>
              <Icon name="search" />
              {t('hobby.notFoundLink')}
            </a>
          </p>
        </>
      ) : data ? (
        <Detail data={data} id={id} />
      ) : detail.error ? (
        <ErrorNotice error={detail.error} onRetry={detail.reload} />
      ) : (
        <p class="loading" role="status">
          {t('common.loading')}
        </p>
      )}
    </div>
  );
}

export default function HobbyPage({ params }: { params: { id: string } }) {
  return <HobbyView key={params.id} id={params.id} />;
}
