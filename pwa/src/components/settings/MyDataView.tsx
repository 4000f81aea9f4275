import type { ComponentChildren } from 'preact';
import { LANGUAGES, t, translate, type Language } from '../../i18n';
import { language } from '../../state/settings';
import { formatFullDate, formatTime } from '../../format';
import { downloadMyData, myDataJson, type MyData } from '../../api/account';

/** How many rows of a long list (interactions) to show before "…and N more". */
export const MAX_ROWS = 30;

/** The model's age group values (and the API's enum names) as the interface's age groups. */
const AGE_GROUP_KEYS: Record<string, string> = {
  '-12': 'UNDER_13',
  '13-15': 'AGE_13_15',
  '16-17': 'AGE_16_17',
  '18-': 'OVER_17',
  UNDER_13: 'UNDER_13',
  AGE_13_15: 'AGE_13_15',
  AGE_16_17: 'AGE_16_17',
  OVER_17: 'OVER_17',
};

const PROFILE_FIELDS: Record<string, string> = {
  id: 'settings.fieldId',
  language: 'settings.fieldLanguage',
  ageGroup: 'settings.fieldAgeGroup',
  homeArea: 'settings.fieldHomeArea',
  personalisation: 'settings.fieldPersonalisation',
  analytics: 'settings.fieldAnalytics',
  createdAt: 'settings.fieldCreatedAt',
  lastSeenOn: 'settings.fieldLastSeenOn',
};

function moment(value: string, lang: Language): string {
  // a date only ("2025-11-24") has no time worth showing
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return formatFullDate(`${value}T12:00:00`, lang);
  return translate(lang, 'common.atTime', { date: formatFullDate(value, lang), time: formatTime(value, lang) });
}

/** A profile value in words. */
export function profileValue(key: string, value: unknown, lang: Language): string {
  if (value === null || value === undefined || value === '') return translate(lang, 'settings.notGiven');
  if (typeof value === 'boolean') return translate(lang, value ? 'settings.yes' : 'settings.no');
  if (key === 'language' && typeof value === 'string') {
    const code = value.toLowerCase() as Language;
    return LANGUAGES.includes(code) ? translate(code, 'common.languageName') : value;
  }
  if (key === 'ageGroup' && typeof value === 'string' && AGE_GROUP_KEYS[value]) {
    const group = AGE_GROUP_KEYS[value];
    return `${translate(lang, `common.ageGroup${group}`)} ${translate(lang, 'common.ageGroupSuffix')}`;
  }
  if ((key === 'createdAt' || key === 'lastSeenOn') && typeof value === 'string') return moment(value, lang);
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function kindLabel(kind: string, lang: Language): string {
  const key = `settings.kind${kind.charAt(0).toUpperCase()}${kind.slice(1).toLowerCase()}`;
  const text = translate(lang, key);
  return text === key ? kind : text;
}

function Part({ id, title, children }: { id: string; title: string; children: ComponentChildren }) {
  return (
    <section class="data-part" aria-labelledby={id}>
      <h4 id={id}>{title}</h4>
      {children}
    </section>
  );
}

/**
 * "Show my data": what the server keeps about this device, in words (profile, interests, favourites, what
 * the device did, benefits used), the whole JSON for the curious, and a download of it as a .json file.
 */
export function MyDataView({ data }: { data: MyData | null }) {
  const lang = language.value;
  const nothing = <p class="muted">{t('settings.dataNothing')}</p>;
  const hobby = (id: string, title: string | null | undefined) =>
    title ? title : t('settings.hobbyGone', { id });
  return (
    <div class="my-data" data-testid="my-data">
      <h3 id="my-data-title" tabIndex={-1}>
        {t('settings.dataHeading')}
      </h3>
      {!data ? (
        <p>{t('settings.dataNone')}</p>
      ) : (
        <>
          <Part id="data-profile" title={t('settings.dataProfile')}>
            {data.profile ? (
              <dl class="data-list">
                {Object.entries(data.profile).map(([key, value]) => (
                  <div key={key} class="data-row">
                    <dt>{PROFILE_FIELDS[key] ? t(PROFILE_FIELDS[key]) : key}</dt>
                    <dd>{profileValue(key, value, lang)}</dd>
                  </div>
                ))}
              </dl>
            ) : (
              nothing
            )}
          </Part>
          <Part id="data-interests" title={t('settings.dataInterests')}>
            {data.interests?.length ? (
              <ul>
                {data.interests.map((i) => (
                  <li key={i.id}>{i.name ?? i.slug ?? i.id}</li>
                ))}
              </ul>
            ) : (
              nothing
            )}
          </Part>
          <Part id="data-favourites" title={t('settings.dataFavourites')}>
            {data.favourites?.length ? (
              <ul>
                {data.favourites.map((f) => (
                  <li key={f.hobbyId}>
                    {hobby(f.hobbyId, f.title)} · {moment(f.createdAt, lang)}
                  </li>
                ))}
              </ul>
            ) : (
              nothing
            )}
          </Part>
          <Part id="data-interactions" title={t('settings.dataInteractions')}>
            {data.interactions?.length ? (
              <ul>
                {data.interactions.slice(0, MAX_ROWS).map((i, index) => (
                  <li key={index}>
                    {kindLabel(i.kind, lang)}: {t('settings.hobbyNumber', { id: i.hobbyId })} · {moment(i.createdAt, lang)}
                  </li>
                ))}
                {data.interactions.length > MAX_ROWS && (
                  <li>{t('settings.dataMore', { count: data.interactions.length - MAX_ROWS })}</li>
                )}
              </ul>
            ) : (
              nothing
            )}
          </Part>
          <Part id="data-redemptions" title={t('settings.dataRedemptions')}>
            {data.redemptions?.length ? (
              <ul>
                {data.redemptions.map((r) => (
                  <li key={r.code}>
                    {r.title ?? r.benefitId} · <span translate={false}>{r.code}</span> · {moment(r.redeemedAt, lang)}
                  </li>
                ))}
              </ul>
            ) : (
              nothing
            )}
          </Part>
          <details class="data-raw">
            <summary>{t('settings.dataRaw')}</summary>
            <pre tabIndex={0} aria-label={t('settings.dataRaw')}>
              {myDataJson(data)}
            </pre>
          </details>
        </>
      )}
      <p>
        <button type="button" class="button" onClick={() => downloadMyData(data)}>
          {t('settings.download')}
        </button>
      </p>
    </div>
  );
}
