import { LANGUAGES, t, translate, type Language } from '../../i18n';
import { AGE_GROUPS, settings, type AgeGroup } from '../../state/settings';
import { fetchCategories } from '../../api/catalogue';
import type { CategoryData } from '../../api/types';
import { useQuery } from '../../hooks/useQuery';
import { CategoryIcon } from '../CategoryIcon';
import { Icon } from '../Icon';
import { Text } from '../Text';
import { saveSetting } from './sync';

/** fi / sv / en, each named in its own language; the interface changes at once. */
export function LanguagePicker({ labelledBy }: { labelledBy: string }) {
  const current = settings.value.language;
  return (
    <div class="choices" role="radiogroup" aria-labelledby={labelledBy}>
      {LANGUAGES.map((lang: Language) => (
        <label key={lang} class={lang === current ? 'choice choice-selected' : 'choice'} lang={lang}>
          <input
            type="radio"
            name="settings-language"
            value={lang}
            checked={lang === current}
            onChange={() => saveSetting({ language: lang }, 0)}
          />
          {translate(lang, 'common.languageName')}
        </label>
      ))}
    </div>
  );
}

/** The age groups, and "I'd rather not say". */
export function AgePicker({ labelledBy, describedBy }: { labelledBy: string; describedBy: string }) {
  const current = settings.value.ageGroup;
  const options: (AgeGroup | null)[] = [...AGE_GROUPS, null];
  return (
    <div class="choices" role="radiogroup" aria-labelledby={labelledBy} aria-describedby={describedBy}>
      {options.map((group) => (
        <label key={group ?? 'none'} class={group === current ? 'choice choice-selected' : 'choice'}>
          <input
            type="radio"
            name="settings-age"
            value={group ?? ''}
            checked={group === current}
            onChange={() => saveSetting({ ageGroup: group })}
          />
          {group ? `${t(`common.ageGroup${group}`)} ${t('common.ageGroupSuffix')}` : t('settings.ageNone')}
        </label>
      ))}
    </div>
  );
}

function Chip({ category, big }: { category: Pick<CategoryData, 'id' | 'icon' | 'name'>; big?: boolean }) {
  const chosen = settings.value.interests.includes(category.id);
  const toggle = () => {
    const interests = settings.value.interests;
    saveSetting({ interests: chosen ? interests.filter((id) => id !== category.id) : [...interests, category.id] });
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

/** Interests as chips (the main categories, and their subcategories behind "Show more choices"). */
export function InterestPicker({ labelledBy, describedBy }: { labelledBy: string; describedBy: string }) {
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
          {t('settings.interestsError')}
        </p>
      )}
      {categories.data && (
        <div role="group" aria-labelledby={labelledBy} aria-describedby={describedBy}>
          <div class="chips">
            {categories.data.map((c) => (
              <Chip key={c.id} category={c} big />
            ))}
          </div>
          <details class="more-choices" open={childChosen || undefined}>
            <summary>{t('settings.interestsMore')}</summary>
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
        {chosen.length > 0 && t('settings.interestsChosen', { count: chosen.length })}
      </p>
    </>
  );
}
