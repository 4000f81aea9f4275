import { t } from '../../i18n';
import { ACCESSIBILITY_FACTS, factAnswer, type VenueData } from '../../api/hobby';
import { Icon } from '../Icon';
import { Prose } from './Prose';

/** The venue's accessibility facts: yes, no, or not known (null is never shown as "no"). */
export function AccessibilityFacts({ accessibility }: { accessibility: VenueData['accessibility'] }) {
  return (
    <>
      <dl class="facts">
        {ACCESSIBILITY_FACTS.map((fact) => {
          const answer = factAnswer(accessibility[fact]);
          return (
            <div key={fact} class={`fact fact-${answer}`}>
              <dt>{t(`hobby.fact${fact}`)}</dt>
              <dd>
                {answer === 'yes' && <Icon name="check" size={20} />}
                {t(`hobby.${answer}`)}
              </dd>
            </div>
          );
        })}
      </dl>
      <Prose value={accessibility.details} />
    </>
  );
}
