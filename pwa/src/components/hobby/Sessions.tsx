import { t } from '../../i18n';
import { language } from '../../state/settings';
import { formatSessionStart, formatTime } from '../../format';
import type { SessionData } from '../../api/hobby';

/** The next sessions, soonest first; a cancelled one is struck through and says so in words. */
export function Sessions({ sessions }: { sessions: SessionData[] }) {
  const lang = language.value;
  return (
    <ul class="sessions">
      {sessions.map((session) => {
        const when = (
          <>
            <time dateTime={session.start}>{formatSessionStart(session.start, lang)}</time>
            {session.end && (
              <>
                {'–'}
                <time dateTime={session.end}>{formatTime(session.end, lang)}</time>
              </>
            )}
          </>
        );
        return (
          <li key={session.id} class={session.cancelled ? 'session session-cancelled' : 'session'}>
            {session.cancelled ? <s>{when}</s> : <span>{when}</span>}
            {session.cancelled && <span class="badge badge-cancelled">{t('hobby.cancelled')}</span>}
          </li>
        );
      })}
    </ul>
  );
}
