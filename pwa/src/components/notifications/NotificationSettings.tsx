import { useState } from 'preact/hooks';
import { t } from '../../i18n';
import { online } from '../../state/online';
import { cache } from '../../state/cache';
import { useQuery } from '../../hooks/useQuery';
import { ApiError } from '../../api/client';
import {
  fetchPushSettings,
  registerPushToken,
  unregisterPushToken,
  updateNotificationPreferences,
  type NotificationKind,
  type PushSettings,
} from '../../api/notifications';
import { askPushPermission, dropPushSubscription, getPushToken, pushPermission, pushSupport } from '../../api/push';
import { ErrorNotice, errorMessage } from '../ErrorNotice';
import { Switch } from '../settings/Switch';

const CACHE_KEY = 'pushSettings';

type Busy = 'on' | 'off' | NotificationKind | null;

function asApiError(error: unknown): ApiError {
  return error instanceof ApiError ? error : new ApiError('INTERNAL', String(error));
}

/** Why the main switch cannot be used now (null: it can). Turning off stays possible whenever there is a
 * network, so a device is never stuck with notifications it no longer wants. */
function blockedReason(push: PushSettings): string | null {
  if (!online.value) return t('notifications.offline');
  if (push.registered) return null;
  if (!push.available) return t('notifications.notAvailable');
  const support = pushSupport();
  if (support === 'install') return t('notifications.needsInstall');
  if (support === 'unsupported') return t('notifications.unsupported');
  return null;
}

/**
 * Settings → Notifications: one main switch ("Send me notifications") and, while it is on, a switch per kind
 * of message. Turning it on asks the browser's permission (only then, never on load), gets a push token from
 * Firebase (loaded only now) and hands it to the server; turning it off takes it back. When the service has no
 * notifications, the browser cannot show them or the app is offline, the switch is off and says why.
 */
export function NotificationSettings() {
  const query = useQuery<PushSettings>({ key: 'pushSettings', cacheKey: CACHE_KEY, fetch: fetchPushSettings });
  const [local, setLocal] = useState<PushSettings | null>(null);
  const [busy, setBusy] = useState<Busy>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const push = local ?? query.data;

  if (!push) {
    if (query.error) return <ErrorNotice error={query.error} onRetry={query.reload} />;
    return (
      <p class="loading" role="status">
        {t('common.loading')}
      </p>
    );
  }

  const save = (next: PushSettings) => {
    setLocal(next);
    cache.put(CACHE_KEY, next);
  };

  const turnOn = async () => {
    setBusy('on');
    setProblem(null);
    try {
      // first, straight from the tap: browsers only ask when the person did something
      const permission = await askPushPermission();
      if (permission !== 'granted') {
        setProblem(permission === 'denied' ? t('notifications.denied') : t('notifications.dismissed'));
        return;
      }
      let token: string;
      try {
        if (!push.webConfig) throw new Error('No Firebase configuration.');
        token = await getPushToken(push.webConfig, push.vapidKey);
      } catch {
        setProblem(t('notifications.failed'));
        return;
      }
      save(await registerPushToken(token));
    } catch (caught) {
      const error = asApiError(caught);
      if (error.code === 'NOT_AVAILABLE') {
        // the server stopped sending since the page loaded: say so, as on load
        save({ ...push, available: false, registered: false });
        void dropPushSubscription();
        return;
      }
      setProblem(`${t('notifications.failed')} ${errorMessage(error)}`);
    } finally {
      setBusy(null);
    }
  };

  const turnOff = async () => {
    setBusy('off');
    setProblem(null);
    try {
      save(await unregisterPushToken());
      void dropPushSubscription();
    } catch (error) {
      setProblem(`${t('notifications.offFailed')} ${errorMessage(asApiError(error))}`);
    } finally {
      setBusy(null);
    }
  };

  const choose = async (kind: NotificationKind, on: boolean) => {
    const before = push;
    setBusy(kind);
    setProblem(null);
    setLocal({ ...push, [kind]: on }); // at once; put back if the server refuses
    try {
      save(await updateNotificationPreferences({ [kind]: on }));
    } catch (error) {
      setLocal(before);
      setProblem(`${t('notifications.notSaved')} ${errorMessage(asApiError(error))}`);
    } finally {
      setBusy(null);
    }
  };

  const blocked = blockedReason(push);
  const denied = !push.registered && pushPermission() === 'denied' && pushSupport() === 'supported';
  const help = blocked ?? (denied ? t('notifications.denied') : t('notifications.mainHelp'));
  const on = busy === 'on' ? true : busy === 'off' ? false : push.registered;
  const kinds: { kind: NotificationKind; label: string; help?: string }[] = [
    { kind: 'newHobbies', label: t('notifications.newHobbies'), help: t('notifications.newHobbiesHelp') },
    { kind: 'enrolmentOpening', label: t('notifications.enrolmentOpening') },
    { kind: 'benefitExpiring', label: t('notifications.benefitExpiring') },
  ];

  return (
    <div class="notification-settings">
      <Switch
        id="notifications"
        label={t('notifications.mainLabel')}
        help={help}
        checked={on}
        disabled={blocked !== null}
        locked={busy !== null}
        onChange={(want) => void (want ? turnOn() : turnOff())}
      />
      <p class="status-line" role="status">
        {busy === 'on' ? t('notifications.turningOn') : busy === 'off' ? t('notifications.turningOff') : ''}
      </p>
      {problem && (
        <p class="notice notice-error" role="alert">
          {problem}
        </p>
      )}
      {push.registered && busy !== 'off' && (
        <div class="notification-kinds" role="group" aria-labelledby="notification-kinds-title">
          <h3 id="notification-kinds-title">{t('notifications.kindsTitle')}</h3>
          {kinds.map(({ kind, label, help: kindHelp }) => (
            <Switch
              key={kind}
              id={`notify-${kind}`}
              label={label}
              help={kindHelp}
              checked={push[kind]}
              disabled={!online.value}
              describedBy={!online.value ? 'notifications-help' : undefined}
              locked={busy !== null}
              onChange={(want) => void choose(kind, want)}
            />
          ))}
        </div>
      )}
    </div>
  );
}
