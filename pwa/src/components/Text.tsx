import type { TranslatedText } from '../api/types';
import { language } from '../state/settings';

/** Provider content from the API. When it is not in the interface language (the API fell back to another),
 * it is marked with `lang` so screen readers pronounce it right. */
export function Text({ value }: { value: TranslatedText | null | undefined }) {
  if (!value) return null;
  const lang = value.language && value.language !== language.value ? value.language : undefined;
  return lang ? <span lang={lang}>{value.text}</span> : <>{value.text}</>;
}
