import './stars.css';

export const STARS = [1, 2, 3, 4, 5] as const;

function StarIcon({ filled }: { filled: boolean }) {
  return (
    <svg class="star-icon" width="40" height="40" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      <path
        d="M12 2.8l2.8 5.9 6.4.8-4.7 4.4 1.2 6.4L12 17.2l-5.7 3.1 1.2-6.4-4.7-4.4 6.4-.8Z"
        fill={filled ? 'currentColor' : 'none'}
        stroke="currentColor"
        stroke-width="1.6"
        stroke-linejoin="round"
      />
    </svg>
  );
}

/**
 * Five stars as native radio buttons named `name` (Tab enters the group, the arrow keys move and choose),
 * each at least 48 px, drawn as a star with its label (`label(n)`) for screen readers, and the chosen label
 * in words beside them. The caller gives the group its name (a fieldset's legend, or role="radiogroup").
 */
export function StarInputs({
  name,
  value,
  onChange,
  label,
}: {
  name: string;
  value: number | null;
  onChange: (rating: number) => void;
  label: (rating: number) => string;
}) {
  return (
    <div class="stars-row">
      {STARS.map((n) => (
        <label key={n} class={`star${value !== null && n <= value ? ' star-on' : ''}`}>
          <input
            type="radio"
            name={name}
            value={n}
            class="visually-hidden"
            checked={value === n}
            onChange={() => onChange(n)}
          />
          <StarIcon filled={value !== null && n <= value} />
          <span class="visually-hidden">{label(n)}</span>
        </label>
      ))}
      <span class="stars-chosen" aria-hidden="true">
        {value !== null ? label(value) : ''}
      </span>
    </div>
  );
}
