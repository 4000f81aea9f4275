import { language } from '../../state/settings';
import { paragraphs } from '../../api/hobby';
import type { TranslatedText } from '../../api/types';

/** A provider's longer text as plain paragraphs (blank lines) and line breaks: never rendered as HTML. Marked
 * with `lang` when it is not in the interface language. */
export function Prose({ value }: { value: TranslatedText | null | undefined }) {
  const blocks = paragraphs(value?.text);
  if (!value || !blocks.length) return null;
  const lang = value.language && value.language !== language.value ? value.language : undefined;
  return (
    <div class="prose" lang={lang}>
      {blocks.map((lines, i) => (
        <p key={i}>
          {lines.map((line, j) => (
            <>
              {j > 0 && <br />}
              {line}
            </>
          ))}
        </p>
      ))}
    </div>
  );
}
