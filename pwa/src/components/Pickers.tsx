/**
 * The pickers of the first run and of Settings: language, age group, interests, and the parts of choosing a
 * location (state/location.ts) that Search shows too. `save` keeps a change: the first run saves on the device
 * and sends the profile at the end, Settings sends it shortly after (`delay` ms).
 *
 * The location parts are the "Use my location" button, the line that says how it went, and the postal code /
 * district field. Each screen says them in its own words: `words` names its catalogue, which has the keys below.
 * (One module on purpose: the first run then loads one chunk shared with Settings and Search, not two.)
 */
import type { ComponentChildren } from 'preact';
import { hasKey, LANGUAGES, t, translate, type Language } from '../i18n';
import { AGE_GROUPS, settings, type AgeGroup, type Settings } from '../state/settings';
import type { LocationChoice, LocationStatus } from '../state/location';
import { fetchCategories } from '../api/catalogue';
import type { CategoryData } from '../api/types';
import { useQuery } from '../hooks/useQuery';
import { CategoryIcon } from './CategoryIcon';
import { Icon } from './Icon';
import { Text } from './Text';

export type Save = (patch: Partial<Settings>, delay?: number) => void;

/** fi / sv / en, each named in its own language; the interface changes at once. */
export function LanguagePicker({ save, labelledBy }: { save: Save; labelledBy: string }) {
  const current = settings.value.language;
  return (
    <div class="choices" role="radiogroup" aria-labelledby={labelledBy}>
      {LANGUAGES.map((lang: Language) => (
        <label key={lang} class={lang === current ? 'choice choice-selected' : 'choice'} lang={lang}>
          <input
            type="radio"
            name="language"
            value={lang}
            checked={lang === current}
            onChange={() => save({ language: lang }, 0)}
          />
          {translate(lang, 'common.languageName')}
        </label>
      ))}
    </div>
  );
}

/** The age groups, and `none` ("I'd rather not say") when given. */
export function AgePicker({
  save,
  labelledBy,
  describedBy,
  none,
}: {
  save: Save;
  labelledBy: string;
  describedBy: string;
  none?: string;
}) {
  const current = settings.value.ageGroup;
  const options: (AgeGroup | null)[] = none ? [...AGE_GROUPS, null] : [...AGE_GROUPS];
  return (
    <div class="choices" role="radiogroup" aria-labelledby={labelledBy} aria-describedby={describedBy}>
      {options.map((group) => (
        <label key={group ?? 'none'} class={group === current ? 'choice choice-selected' : 'choice'}>
          <input
            type="radio"
            name="age"
            value={group ?? ''}
            checked={group === current}
            onChange={() => save({ ageGroup: group })}
          />
          {group ? `${t(`common.ageGroup${group}`)} ${t('common.ageGroupSuffix')}` : none}
        </label>
      ))}
    </div>
  );
}

function Chip({
  category,
  big,
  save,
}: {
  category: Pick<CategoryData, 'id' | 'icon' | 'name'>;
  big?: boolean;
  save: Save;
}) {
  const chosen = settings.value.interests.includes(category.id);
  const toggle = () => {
    const interests = settings.value.interests;
    save({ interests: chosen ? interests.filter((id) => id !== category.id) : [...interests, category.id] });
  };
  return (
    <label class={`chip${big ? ' chip-big' : ''}${chosen ? ' chip-selected' : ''}`}>
      <input type="checkbox" class="visually-hidden" checked={chosen} onChange={toggle} />
      <CategoryIcon icon={category.icon} />
      <span class="chip-label">
        <Text value={category.name} />
      </span>
      {chosen && <Icon name="check" size={20} class="chip-check" />}
    </label>
  );
}

/** Interests as chips (the main categories, and their subcategories behind "Show more choices"); `words` names
 * the catalogue with `interestsError`, `interestsMore` and `interestsChosen`. */
export function InterestPicker({
  save,
  words,
  labelledBy,
  describedBy,
}: {
  save: Save;
  words: 'welcome' | 'settings';
  labelledBy: string;
  describedBy: string;
}) {
  const lang = settings.value.language;
  const categories = useQuery({
    key: `categories:${lang}`,
    cacheKey: `categories:${lang}`,
    fetch: (signal) => fetchCategories(signal),
  });
  const chosen = settings.value.interests;
  // subcategories chosen earlier stay visible without opening "more"
  const childChosen = categories.data?.some((c) => c.children.some((child) => chosen.includes(child.id)));
  return (
    <>
      {categories.loading && !categories.data && (
        <p class="loading" role="status">
          {t('common.loading')}
        </p>
      )}
      {categories.error && !categories.data && (
        <p class="notice notice-error" role="alert">
          {t(`${words}.interestsError`)}
        </p>
      )}
      {categories.data && (
        <div role="group" aria-labelledby={labelledBy} aria-describedby={describedBy}>
          <div class="chips">
            {categories.data.map((c) => (
              <Chip key={c.id} category={c} big save={save} />
            ))}
          </div>
          <details class="more-choices" open={childChosen || undefined}>
            <summary>{t(`${words}.interestsMore`)}</summary>
            {categories.data.map((c) =>
              c.children.length ? (
                <div key={c.id} class="chips chips-small" role="group" aria-label={c.name.text}>
                  {c.children.map((child) => (
                    <Chip key={child.id} category={child} save={save} />
                  ))}
                </div>
              ) : null,
            )}
          </details>
        </div>
      )}
      <p class="chosen-count" aria-live="polite">
        {chosen.length > 0 && t(`${words}.interestsChosen`, { count: chosen.length })}
      </p>
    </>
  );
}

/* --- location ------------------------------------------------------------------------------- */

export type LocationWords = 'welcome' | 'settings' | 'search';

/** The message key of each status; a screen says only those its catalogue has (the first run moves on instead
 * of saying "area saved"). */
export const STATUS_KEYS: Record<LocationStatus, string> = {
  idle: '',
  busy: 'locating',
  located: 'locationSaved',
  denied: 'locationDenied',
  unavailable: 'locationUnavailable',
  areaSaved: 'areaSaved',
  cleared: 'locationCleared',
};

const failed = (status: LocationStatus) => status === 'denied' || status === 'unavailable';

/** "Use my location": marked busy (aria-disabled, so it keeps the focus) while the browser answers. */
export function LocateButton({
  choice,
  words,
  wide,
  describedBy,
}: {
  choice: LocationChoice;
  words: LocationWords;
  wide?: boolean;
  describedBy?: string;
}) {
  return (
    <button
      type="button"
      class={wide ? 'button button-wide' : 'button'}
      onClick={choice.locate}
      aria-disabled={choice.status === 'busy' ? 'true' : undefined}
      aria-describedby={describedBy}
    >
      <Icon name="location" />
      {t(`${words}.useMyLocation`)}
    </button>
  );
}

/** How the last step went, read out as it changes (a live region that is always there). */
export function LocationStatusLine({ choice: { status }, words }: { choice: LocationChoice; words: LocationWords }) {
  const key = `${words}.${STATUS_KEYS[status]}`;
  const said = STATUS_KEYS[status] !== '' && hasKey(key);
  return (
    <p class={`status-line${failed(status) ? ' status-error' : ''}`} role="status">
      {said && status !== 'busy' && !failed(status) && <Icon name="check" size={20} />}
      {said && t(key)}
    </p>
  );
}

/** The postal code / district field; `children` (a submit button) stand beside the input. Its hint and error
 * are `<id>-hint` and `<id>-error`. */
export function AreaField({
  choice,
  words,
  id,
  children,
}: {
  choice: LocationChoice;
  words: LocationWords;
  id: string;
  children?: ComponentChildren;
}) {
  const input = (
    <input
      id={id}
      type="text"
      autocomplete="postal-code"
      value={choice.area}
      onInput={(e) => choice.setArea((e.target as HTMLInputElement).value)}
      aria-describedby={choice.areaError ? `${id}-hint ${id}-error` : `${id}-hint`}
      aria-invalid={choice.areaError ? 'true' : undefined}
    />
  );
  return (
    <div class="field">
      <label for={id}>{t(`${words}.areaLabel`)}</label>
      <p class="field-hint" id={`${id}-hint`}>
        {t(`${words}.areaHint`)}
      </p>
      {children ? (
        <div class="area-row">
          {input}
          {children}
        </div>
      ) : (
        input
      )}
      {choice.areaError && (
        <p class="field-error" id={`${id}-error`} role="alert">
          {t(`${words}.areaInvalid`)}
        </p>
      )}
    </div>
  );
}
