/**
 * The first run (/welcome): language, age group, interests, location. Every step can be skipped, and so can
 * all of them. Each answer is saved at once; at the end the device profile is updated in the background.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { LANGUAGES, t, translate, type Language } from '../i18n';
import {
  AGE_GROUPS,
  isValidArea,
  roundCoordinate,
  settings,
  updateSettings,
  type AgeGroup,
} from '../state/settings';
import { syncDevice } from '../api/device';
import { fetchCategories } from '../api/catalogue';
import type { CategoryData } from '../api/types';
import { useQuery } from '../hooks/useQuery';
import { usePageTitle } from '../hooks/usePageTitle';
import { CategoryIcon } from '../components/CategoryIcon';
import { Icon } from '../components/Icon';
import { Text } from '../components/Text';

const STEPS = ['language', 'age', 'interests', 'location'] as const;
type Step = (typeof STEPS)[number];

function LanguageStep() {
  const current = settings.value.language;
  return (
    <div class="choices" role="radiogroup" aria-labelledby="step-title">
      {LANGUAGES.map((lang: Language) => (
        <label key={lang} class={lang === current ? 'choice choice-selected' : 'choice'} lang={lang}>
          <input
            type="radio"
            name="language"
            value={lang}
            checked={lang === current}
            onChange={() => updateSettings({ language: lang })}
          />
          {translate(lang, 'common.languageName')}
        </label>
      ))}
    </div>
  );
}

function AgeStep() {
  const current = settings.value.ageGroup;
  return (
    <>
      <p id="step-help">{t('welcome.ageHelp')}</p>
      <div class="choices" role="radiogroup" aria-labelledby="step-title" aria-describedby="step-help">
        {AGE_GROUPS.map((group: AgeGroup) => (
          <label key={group} class={group === current ? 'choice choice-selected' : 'choice'}>
            <input
              type="radio"
              name="age"
              value={group}
              checked={group === current}
              onChange={() => updateSettings({ ageGroup: group })}
            />
            {t(`common.ageGroup${group}`)} {t('common.ageGroupSuffix')}
          </label>
        ))}
      </div>
    </>
  );
}

function Chip({ category, big }: { category: Pick<CategoryData, 'id' | 'icon' | 'name'>; big?: boolean }) {
  const chosen = settings.value.interests.includes(category.id);
  const toggle = () => {
    const interests = settings.value.interests;
    updateSettings({
      interests: chosen ? interests.filter((id) => id !== category.id) : [...interests, category.id],
    });
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

function InterestsStep() {
  const lang = settings.value.language;
  const categories = useQuery({
    key: `categories:${lang}`,
    cacheKey: `categories:${lang}`,
    fetch: (signal) => fetchCategories(signal),
  });
  const count = settings.value.interests.length;
  return (
    <>
      <p id="step-help">{t('welcome.interestsHelp')}</p>
      {categories.loading && !categories.data && (
        <p class="loading" role="status">
          {t('common.loading')}
        </p>
      )}
      {categories.error && !categories.data && (
        <p class="notice notice-error" role="alert">
          {t('welcome.interestsError')}
        </p>
      )}
      {categories.data && (
        <div role="group" aria-labelledby="step-title" aria-describedby="step-help">
          <div class="chips">
            {categories.data.map((c) => (
              <Chip key={c.id} category={c} big />
            ))}
          </div>
          <details class="more-choices">
            <summary>{t('welcome.interestsMore')}</summary>
            {categories.data.map((c) =>
              c.children.length ? (
                <div key={c.id} class="chips chips-small" role="group" aria-label={c.name.text}>
                  {c.children.map((child) => (
                    <Chip key={child.id} category={child} />
                  ))}
                </div>
              ) : null,
            )}
          </details>
        </div>
      )}
      <p class="chosen-count" aria-live="polite">
        {count > 0 && t('welcome.interestsChosen', { count })}
      </p>
    </>
  );
}

type Locating = 'idle' | 'busy' | 'saved' | 'denied' | 'unavailable';

function LocationStep({ area, setArea, areaError }: { area: string; setArea: (v: string) => void; areaError: boolean }) {
  const [locating, setLocating] = useState<Locating>(settings.value.place?.kind === 'point' ? 'saved' : 'idle');
  const locate = () => {
    if (!('geolocation' in navigator)) {
      setLocating('unavailable');
      return;
    }
    setLocating('busy');
    navigator.geolocation.getCurrentPosition(
      (position) => {
        updateSettings({
          place: {
            kind: 'point',
            lat: roundCoordinate(position.coords.latitude),
            lon: roundCoordinate(position.coords.longitude),
          },
        });
        setArea('');
        setLocating('saved');
      },
      (error) => setLocating(error.code === error.PERMISSION_DENIED ? 'denied' : 'unavailable'),
      { enableHighAccuracy: false, timeout: 15_000, maximumAge: 10 * 60_000 },
    );
  };
  const message: Record<Locating, string> = {
    idle: '',
    busy: t('welcome.locating'),
    saved: t('welcome.locationSaved'),
    denied: t('welcome.locationDenied'),
    unavailable: t('welcome.locationUnavailable'),
  };
  return (
    <>
      <p id="step-help">{t('welcome.locationHelp')}</p>
      <p>
        <button type="button" class="button button-wide" onClick={locate} disabled={locating === 'busy'}>
          <Icon name="location" />
          {t('welcome.useMyLocation')}
        </button>
      </p>
      <p class={`status-line${locating === 'denied' || locating === 'unavailable' ? ' status-error' : ''}`} role="status">
        {locating === 'saved' && <Icon name="check" size={20} />}
        {message[locating]}
      </p>
      <p class="or">{t('welcome.or')}</p>
      <div class="field">
        <label for="area">{t('welcome.areaLabel')}</label>
        <p class="field-hint" id="area-hint">
          {t('welcome.areaHint')}
        </p>
        <input
          id="area"
          type="text"
          autocomplete="postal-code"
          value={area}
          onInput={(e) => setArea((e.target as HTMLInputElement).value)}
          aria-describedby={areaError ? 'area-hint area-error' : 'area-hint'}
          aria-invalid={areaError ? 'true' : undefined}
        />
        {areaError && (
          <p class="field-error" id="area-error" role="alert">
            {t('welcome.areaInvalid')}
          </p>
        )}
      </div>
    </>
  );
}

/** Has this step been answered? (The main button then says Next instead of Skip.) */
function answered(step: Step, area: string): boolean {
  const s = settings.value;
  switch (step) {
    case 'language':
      return true;
    case 'age':
      return s.ageGroup !== null;
    case 'interests':
      return s.interests.length > 0;
    case 'location':
      return s.place !== null || area.trim() !== '';
  }
}

export default function WelcomePage() {
  const { route } = useLocation();
  const [index, setIndex] = useState(0);
  const place = settings.value.place;
  const [area, setArea] = useState(place?.kind === 'area' ? place.area : '');
  const [areaError, setAreaError] = useState(false);
  const titleRef = useRef<HTMLHeadingElement>(null);
  const firstRender = useRef(true);
  const step = STEPS[index];
  usePageTitle(t('welcome.pageTitle'));

  // a new step: move focus to its question, so it is read out and the keyboard starts there
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    titleRef.current?.focus();
  }, [index]);

  const finish = () => {
    updateSettings({ onboarded: true });
    void syncDevice();
    route('/', true);
  };

  const next = () => {
    if (step === 'location') {
      const typed = area.trim();
      if (typed) {
        if (!isValidArea(typed)) {
          setAreaError(true);
          document.getElementById('area')?.focus();
          return;
        }
        updateSettings({ place: { kind: 'area', area: typed } });
      }
      finish();
      return;
    }
    setIndex(index + 1);
  };

  const title: Record<Step, string> = {
    language: t('welcome.languageTitle'),
    age: t('welcome.ageTitle'),
    interests: t('welcome.interestsTitle'),
    location: t('welcome.locationTitle'),
  };
  const last = index === STEPS.length - 1;

  return (
    <div class="page welcome">
      <div class="welcome-top">
        <h1>{t('welcome.title')}</h1>
        <button type="button" class="button button-quiet" onClick={finish}>
          {t('welcome.skipAll')}
        </button>
      </div>
      {index === 0 && <p class="lead">{t('welcome.intro')}</p>}
      <form
        class="welcome-step"
        onSubmit={(e) => {
          e.preventDefault();
          next();
        }}
        noValidate
      >
        <p class="step-count">
          {t('welcome.stepOf', { step: index + 1, total: STEPS.length })}
          <span class="step-dots" aria-hidden="true">
            {STEPS.map((s, i) => (
              <span key={s} class={i <= index ? 'step-dot step-dot-done' : 'step-dot'} />
            ))}
          </span>
        </p>
        <h2 id="step-title" ref={titleRef} tabIndex={-1}>
          {title[step]}
        </h2>
        {step === 'language' && <LanguageStep />}
        {step === 'age' && <AgeStep />}
        {step === 'interests' && <InterestsStep />}
        {step === 'location' && (
          <LocationStep
            area={area}
            setArea={(value) => {
              setArea(value);
              if (areaError) setAreaError(false);
            }}
            areaError={areaError}
          />
        )}
        <div class="button-row welcome-actions">
          {index > 0 && (
            <button type="button" class="button" onClick={() => setIndex(index - 1)}>
              {t('welcome.back')}
            </button>
          )}
          <button type="submit" class="button button-primary">
            {last
              ? t('welcome.finish')
              : answered(step, area)
                ? t('welcome.next')
                : t('welcome.skip')}
            <Icon name="arrow" />
          </button>
        </div>
      </form>
    </div>
  );
}
