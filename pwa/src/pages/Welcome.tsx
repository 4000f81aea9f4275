/**
 * The first run (/welcome): language, age group, interests, location. Every step can be skipped, and so can
 * all of them. Each answer is saved at once; at the end the device profile is updated in the background.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { t } from '../i18n';
import { settings, updateSettings } from '../state/settings';
import { useLocationChoice, type LocationChoice } from '../state/location';
import { syncDevice } from '../api/device';
import { usePageTitle } from '../hooks/usePageTitle';
import {
  AgePicker,
  AreaField,
  InterestPicker,
  LanguagePicker,
  LocateButton,
  LocationStatusLine,
} from '../components/Pickers';
import { Icon } from '../components/Icon';

const STEPS = ['language', 'age', 'interests', 'location'] as const;
type Step = (typeof STEPS)[number];

function LocationStep({ choice }: { choice: LocationChoice }) {
  return (
    <>
      <p id="step-help">{t('welcome.locationHelp')}</p>
      <p>
        <LocateButton choice={choice} words="welcome" wide />
      </p>
      <LocationStatusLine choice={choice} words="welcome" />
      <p class="or">{t('welcome.or')}</p>
      <AreaField choice={choice} words="welcome" id="area" />
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
  // kept here: Next saves what is typed
  const choice = useLocationChoice(updateSettings, { areaField: 'area', remember: true });
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
      if (!choice.area.trim() || choice.saveArea()) finish();
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
        {step === 'language' && <LanguagePicker save={updateSettings} labelledBy="step-title" />}
        {step === 'age' && (
          <>
            <p id="step-help">{t('welcome.ageHelp')}</p>
            <AgePicker save={updateSettings} labelledBy="step-title" describedBy="step-help" />
          </>
        )}
        {step === 'interests' && (
          <>
            <p id="step-help">{t('welcome.interestsHelp')}</p>
            <InterestPicker save={updateSettings} words="welcome" labelledBy="step-title" describedBy="step-help" />
          </>
        )}
        {step === 'location' && <LocationStep choice={choice} />}
        <div class="button-row welcome-actions">
          {index > 0 && (
            <button type="button" class="button" onClick={() => setIndex(index - 1)}>
              {t('welcome.back')}
            </button>
          )}
          <button type="submit" class="button button-primary">
            {last
              ? t('welcome.finish')
              : answered(step, choice.area)
                ? t('welcome.next')
                : t('welcome.skip')}
            <Icon name="arrow" />
          </button>
        </div>
      </form>
    </div>
  );
}
