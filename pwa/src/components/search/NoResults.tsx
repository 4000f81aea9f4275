import { t } from '../../i18n';
import { filterCount, loosenings, type SearchState } from '../../api/search';

/** "No hobbies found", with one button per thing to loosen ("Remove the age filter", "Search wider (25 km)")
 * and, for words alone, a spelling tip. */
export function NoResults({ state, onChange }: { state: SearchState; onChange: (next: SearchState) => void }) {
  const options = loosenings(state);
  return (
    <div class="no-results" data-testid="no-results">
      <h2>{t('search.noResultsTitle')}</h2>
      {state.q.trim() && filterCount(state) === 0 && <p>{t('search.noResultsWords')}</p>}
      {options.length > 0 && (
        <>
          <p id="no-results-try">{t('search.noResultsTry')}</p>
          <ul class="loosen-list" aria-labelledby="no-results-try">
            {options.map((option) => (
              <li key={option.id}>
                <button type="button" class="button" onClick={() => onChange(option.next)}>
                  {t(option.label, option.params)}
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
