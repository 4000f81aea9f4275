import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { t } from '../../i18n';
import { language, updateSettings, type Settings } from '../../state/settings';
import { syncDevice } from '../../api/device';
import { weekdayName } from '../../format';
import {
  AGE_MAX,
  AGE_MIN,
  DISTANCES,
  EMPTY_SEARCH,
  INSTRUCTION_LANGUAGES,
  TIMES_OF_DAY,
  WEEKDAYS,
  type SearchState,
} from '../../api/search';
import type { CategoryData } from '../../api/types';
import { CategoryIcon } from '../CategoryIcon';
import { Icon } from '../Icon';
import { Text } from '../Text';
import { hasPoint, useLocationChoice } from '../../state/location';
import { LocateButton, LocationStatusLine } from '../Pickers';

export interface FilterSheetProps {
  open: boolean;
  /** The filters in use (the sheet edits a copy). */
  value: SearchState;
  categories: CategoryData[] | undefined;
  categoriesFailed: boolean;
  onApply: (next: SearchState) => void;
  onClose: () => void;
}

const toggle = <T,>(values: T[], value: T): T[] =>
  values.includes(value) ? values.filter((v) => v !== value) : [...values, value];

function CheckChip({
  checked,
  onChange,
  children,
  lang,
}: {
  checked: boolean;
  onChange: () => void;
  children: ComponentChildren;
  lang?: string;
}) {
  return (
    <label class={checked ? 'chip chip-selected' : 'chip'} lang={lang}>
      <input type="checkbox" class="visually-hidden" checked={checked} onChange={onChange} />
      {children}
      {checked && <Icon name="check" size={20} />}
    </label>
  );
}

function Radio({
  name,
  checked,
  onChange,
  children,
}: {
  name: string;
  checked: boolean;
  onChange: () => void;
  children: ComponentChildren;
}) {
  return (
    <label class={checked ? 'choice choice-selected' : 'choice'}>
      <input type="radio" name={name} checked={checked} onChange={onChange} />
      {children}
    </label>
  );
}

/** Keeps a place chosen while searching, and sends it to the device profile at once. */
export function savePlace(patch: Pick<Settings, 'place'>): void {
  updateSettings(patch);
  void syncDevice();
}

/** Every focusable control inside `root`, in order (for keeping Tab inside the sheet). */
function focusables(root: HTMLElement): HTMLElement[] {
  return [
    ...root.querySelectorAll<HTMLElement>(
      'button:not([disabled]), input:not([disabled]), select:not([disabled]), a[href], summary, [tabindex="0"]',
    ),
  ];
}

/**
 * The filter sheet: a modal dialog (full screen on a phone) with every filter. It edits a copy; "Show results"
 * applies it, Close / Escape throws it away. Focus stays inside while it is open (the native modal dialog, and
 * Tab wraps around) and the page puts it back on the button that opened it.
 */
export function FilterSheet({ open, value, categories, categoriesFailed, onApply, onClose }: FilterSheetProps) {
  const dialog = useRef<HTMLDialogElement>(null);
  const openRef = useRef(open);
  openRef.current = open;
  const [draft, setDraft] = useState<SearchState>(value);
  const myLocation = useLocationChoice(savePlace);
  const lang = language.value;

  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (open) {
      setDraft(value);
      if (!element.open) {
        if (typeof element.showModal === 'function') element.showModal();
        else element.setAttribute('open', '');
      }
      element.querySelector<HTMLElement>('h2')?.focus();
    } else if (element.open) {
      if (typeof element.close === 'function') element.close();
      else element.removeAttribute('open');
    }
  }, [open]);

  const set = (patch: Partial<SearchState>) => setDraft((d) => ({ ...d, ...patch }));

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key !== 'Tab' || !dialog.current) return;
    const items = focusables(dialog.current);
    if (!items.length) return;
    const first = items[0];
    const last = items[items.length - 1];
    if (event.shiftKey && (document.activeElement === first || !dialog.current.contains(document.activeElement))) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && document.activeElement === last) {
      event.preventDefault();
      first.focus();
    }
  };

  const point = hasPoint();

  return (
    <dialog
      ref={dialog}
      class="filter-sheet"
      data-testid="filter-sheet"
      aria-labelledby="filter-sheet-title"
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
      // closed by the browser itself (Escape pressed twice, say): keep the page's state in step
      onClose={() => {
        if (openRef.current) onClose();
      }}
      onKeyDown={onKeyDown}
    >
      <form
        class="filter-form"
        method="dialog"
        onSubmit={(event) => {
          event.preventDefault();
          onApply(draft);
        }}
      >
        <div class="filter-sheet-head">
          <h2 id="filter-sheet-title" tabIndex={-1}>
            {t('search.sheetTitle')}
          </h2>
          <button type="button" class="button button-quiet filter-close" onClick={onClose}>
            {t('common.close')}
          </button>
        </div>
        <div class="filter-sheet-body">
          <p class="field-hint">{t('search.sheetHelp')}</p>

          <fieldset class="filter-group">
            <legend>{t('search.categoriesLegend')}</legend>
            {categoriesFailed && !categories && <p class="status-error">{t('search.categoriesError')}</p>}
            {!categories && !categoriesFailed && <p class="loading">{t('common.loading')}</p>}
            {categories && (
              <>
                <div class="chips">
                  {categories.map((c) => (
                    <CheckChip
                      key={c.id}
                      checked={draft.categories.includes(c.id)}
                      onChange={() => set({ categories: toggle(draft.categories, c.id) })}
                    >
                      <CategoryIcon icon={c.icon} />
                      <Text value={c.name} />
                    </CheckChip>
                  ))}
                </div>
                {categories.some((c) => c.children.length) && (
                  <details
                    class="more-choices"
                    open={categories.some((c) => c.children.some((child) => draft.categories.includes(child.id)))}
                  >
                    <summary>{t('search.categoriesMore')}</summary>
                    {categories.map((c) =>
                      c.children.length ? (
                        <div key={c.id} class="chips chips-small" role="group" aria-label={c.name.text}>
                          {c.children.map((child) => (
                            <CheckChip
                              key={child.id}
                              checked={draft.categories.includes(child.id)}
                              onChange={() => set({ categories: toggle(draft.categories, child.id) })}
                            >
                              <CategoryIcon icon={child.icon} />
                              <Text value={child.name} />
                            </CheckChip>
                          ))}
                        </div>
                      ) : null,
                    )}
                  </details>
                )}
              </>
            )}
          </fieldset>

          <fieldset class="filter-group">
            <legend>{t('search.priceLegend')}</legend>
            <div class="chips">
              <CheckChip checked={draft.freeOnly} onChange={() => set({ freeOnly: !draft.freeOnly })}>
                {t('search.freeOnly')}
              </CheckChip>
            </div>
          </fieldset>

          <div class="field filter-group">
            <label for="filter-age">{t('search.ageLabel')}</label>
            <p class="field-hint" id="filter-age-hint">
              {t('search.ageHint')}
            </p>
            <select
              id="filter-age"
              aria-describedby="filter-age-hint"
              value={draft.age === null ? '' : String(draft.age)}
              onChange={(e) => {
                const v = (e.target as HTMLSelectElement).value;
                set({ age: v ? Number(v) : null });
              }}
            >
              <option value="">{t('search.ageAny')}</option>
              {Array.from({ length: AGE_MAX - AGE_MIN + 1 }, (_, i) => AGE_MIN + i).map((age) => (
                <option key={age} value={String(age)}>
                  {t('search.ageOption', { age: String(age) })}
                </option>
              ))}
            </select>
          </div>

          <fieldset class="filter-group" aria-describedby="filter-days-hint">
            <legend>{t('search.daysLegend')}</legend>
            <p class="field-hint" id="filter-days-hint">
              {t('search.daysHint')}
            </p>
            <div class="chips">
              {WEEKDAYS.map((day) => (
                <CheckChip
                  key={day}
                  checked={draft.weekdays.includes(day)}
                  onChange={() => set({ weekdays: WEEKDAYS.filter((d) => toggle(draft.weekdays, day).includes(d)) })}
                >
                  {weekdayName(day, lang)}
                </CheckChip>
              ))}
            </div>
          </fieldset>

          <fieldset class="filter-group">
            <legend>{t('search.timeLegend')}</legend>
            <div class="choices">
              <Radio name="filter-time" checked={draft.time === null} onChange={() => set({ time: null })}>
                {t('search.timeAny')}
              </Radio>
              {TIMES_OF_DAY.map((time) => (
                <Radio key={time} name="filter-time" checked={draft.time === time} onChange={() => set({ time })}>
                  {t(`search.time${time}`)}
                </Radio>
              ))}
            </div>
          </fieldset>

          <fieldset class="filter-group" aria-describedby={point ? undefined : 'filter-distance-hint'}>
            <legend>{t('search.distanceLegend')}</legend>
            {!point && (
              <div class="filter-locate">
                <p class="field-hint" id="filter-distance-hint">
                  {t('search.distanceNeedsLocation')}
                </p>
                <LocateButton choice={myLocation} words="search" />
              </div>
            )}
            <LocationStatusLine choice={myLocation} words="search" />
            <div class="choices">
              <Radio name="filter-km" checked={draft.distanceKm === null} onChange={() => set({ distanceKm: null })}>
                {t('search.distanceAny')}
              </Radio>
              {DISTANCES.map((km) => (
                <Radio key={km} name="filter-km" checked={draft.distanceKm === km} onChange={() => set({ distanceKm: km })}>
                  {t('search.distanceOption', { km })}
                </Radio>
              ))}
            </div>
          </fieldset>

          <fieldset class="filter-group">
            <legend>{t('search.moreLegend')}</legend>
            <div class="chips">
              <CheckChip checked={draft.trial} onChange={() => set({ trial: !draft.trial })}>
                {t('common.badgeTrial')}
              </CheckChip>
              <CheckChip checked={draft.beginner} onChange={() => set({ beginner: !draft.beginner })}>
                {t('common.badgeBeginner')}
              </CheckChip>
            </div>
          </fieldset>

          <fieldset class="filter-group">
            <legend>{t('search.languagesLegend')}</legend>
            <div class="chips">
              {INSTRUCTION_LANGUAGES.map((code) => (
                <CheckChip
                  key={code}
                  checked={draft.languages.includes(code)}
                  onChange={() =>
                    set({ languages: INSTRUCTION_LANGUAGES.filter((l) => toggle(draft.languages, code).includes(l)) })
                  }
                >
                  {t(`search.lang${code}`)}
                </CheckChip>
              ))}
            </div>
          </fieldset>
        </div>
        <div class="filter-sheet-foot button-row">
          <button
            type="button"
            class="button"
            onClick={() => setDraft({ ...EMPTY_SEARCH, q: draft.q })}
          >
            {t('search.clearAll')}
          </button>
          <button type="submit" class="button button-primary">
            {t('search.apply')}
          </button>
        </div>
      </form>
    </dialog>
  );
}
