import { t } from '../../i18n';

/**
 * An on/off switch: a checkbox with role="switch" (read as "on"/"off"), a visible track and the state in
 * words, its label, and a one-line explanation linked with aria-describedby (plus `describedBy`, another
 * element's id). `locked`: busy — the switch keeps the focus but does not change (aria-disabled).
 */
export function Switch({
  id,
  label,
  help,
  checked,
  disabled,
  locked,
  describedBy,
  onChange,
}: {
  id: string;
  label: string;
  help?: string;
  checked: boolean;
  disabled?: boolean;
  locked?: boolean;
  describedBy?: string;
  onChange?: (checked: boolean) => void;
}) {
  return (
    <div class={`switch-field${disabled ? ' switch-disabled' : ''}`}>
      <label class="switch" for={id}>
        <input
          id={id}
          type="checkbox"
          role="switch"
          class="switch-input"
          checked={checked}
          disabled={disabled}
          aria-disabled={locked ? 'true' : undefined}
          aria-describedby={[help ? `${id}-help` : '', describedBy ?? ''].filter(Boolean).join(' ') || undefined}
          onClick={(e) => {
            if (locked) e.preventDefault();
          }}
          onChange={(e) => onChange?.((e.target as HTMLInputElement).checked)}
        />
        <span class="switch-track" aria-hidden="true">
          <span class="switch-thumb" />
        </span>
        <span class="switch-label">{label}</span>
        <span class="switch-state" aria-hidden="true">
          {checked ? t('settings.switchOn') : t('settings.switchOff')}
        </span>
      </label>
      {help && (
        <p class="field-hint" id={`${id}-help`}>
          {help}
        </p>
      )}
    </div>
  );
}
