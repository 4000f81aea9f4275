import { useRef } from 'preact/hooks';
import { t } from '../../i18n';
import { language } from '../../state/settings';
import { weekdayName } from '../../format';
import type { SearchState } from '../../api/search';
import type { TranslatedText } from '../../api/types';
import { Text } from '../Text';

export interface ActiveFilter {
  id: string;
  label: string | TranslatedText;
  next: SearchState;
}

/** One removable chip per filter in use (each category on its own). */
export function activeFilters(state: SearchState, categoryName: (id: string) => TranslatedText | null): ActiveFilter[] {
  const lang = language.value;
  const out: ActiveFilter[] = [];
  for (const id of state.categories) {
    out.push({
      id: `cat-${id}`,
      label: categoryName(id) ?? { text: `#${id}`, language: null },
      next: { ...state, categories: state.categories.filter((c) => c !== id) },
    });
  }
  if (state.freeOnly) out.push({ id: 'free', label: t('search.freeOnly'), next: { ...state, freeOnly: false } });
  if (state.age !== null) {
    out.push({ id: 'age', label: t('search.chipAge', { age: String(state.age) }), next: { ...state, age: null } });
  }
  if (state.weekdays.length) {
    out.push({
      id: 'days',
      label: state.weekdays.map((d) => weekdayName(d, lang, 'short')).join(', '),
      next: { ...state, weekdays: [] },
    });
  }
  if (state.time) out.push({ id: 'time', label: t(`search.chip${state.time}`), next: { ...state, time: null } });
  if (state.distanceKm !== null) {
    out.push({
      id: 'km',
      label: t('search.distanceOption', { km: state.distanceKm }),
      next: { ...state, distanceKm: null },
    });
  }
  if (state.trial) out.push({ id: 'trial', label: t('common.badgeTrial'), next: { ...state, trial: false } });
  if (state.beginner) {
    out.push({ id: 'beginner', label: t('common.badgeBeginner'), next: { ...state, beginner: false } });
  }
  if (state.languages.length) {
    out.push({
      id: 'languages',
      label: t('search.chipLanguages', { languages: state.languages.map((l) => t(`search.lang${l}`)).join(', ') }),
      next: { ...state, languages: [] },
    });
  }
  return out;
}

/** The filters in use as chips; pressing one removes that filter. Focus then moves to the next chip (or the
 * previous, or `fallbackFocus` when none is left). */
export function ActiveFilters({
  filters,
  onChange,
  fallbackFocus,
}: {
  filters: ActiveFilter[];
  onChange: (next: SearchState) => void;
  fallbackFocus: () => void;
}) {
  const list = useRef<HTMLUListElement>(null);
  if (!filters.length) return null;
  const remove = (index: number) => {
    onChange(filters[index].next);
    const target = filters[index + 1]?.id ?? filters[index - 1]?.id;
    // after the page has drawn the new chips
    setTimeout(() => {
      const button = target ? list.current?.querySelector<HTMLElement>(`[data-filter="${target}"]`) : null;
      if (button) button.focus();
      else fallbackFocus();
    }, 0);
  };
  return (
    <ul class="active-filters" data-testid="active-filters" ref={list} aria-label={t('search.activeLabel')}>
      {filters.map((filter, index) => (
        <li key={filter.id}>
          <button type="button" class="chip chip-remove" data-filter={filter.id} onClick={() => remove(index)}>
            <span class="visually-hidden">{t('search.removeFilter')} </span>
            {typeof filter.label === 'string' ? filter.label : <Text value={filter.label} />}
            <span class="chip-x" aria-hidden="true">
              ×
            </span>
          </button>
        </li>
      ))}
    </ul>
  );
}
