import { useId } from 'react';
import { Text, VisuallyHidden } from '@mantine/core';
import { IconStar, IconStarFilled } from '@tabler/icons-react';
import { useT } from '../../i18n/messages';

interface StarRatingProps {
  label: string;
  value: number | null;
  onChange: (value: number) => void;
  required?: boolean;
  error?: string | null;
}

/** 1–5 stars as a real radio group: arrow keys move, each star is named ("3 stelle su 5"). */
export function StarRating({ label, value, onChange, required, error }: StarRatingProps) {
  const t = useT();
  const name = useId();
  const errorId = `${name}-error`;
  return (
    <fieldset
      className="star-rating-group"
      style={{ border: 0, padding: 0, margin: 0, minWidth: 0 }}
      aria-describedby={error ? errorId : undefined}
    >
      <legend>
        <Text size="sm" fw={500} span>
          {label}
          {required && (
            <Text span c="red.6" aria-hidden>
              {' '}
              *
            </Text>
          )}
        </Text>
      </legend>
      <div
        className="star-rating"
        role="radiogroup"
        aria-label={label}
        aria-required={required || undefined}
        aria-invalid={!!error || undefined}
      >
        {[1, 2, 3, 4, 5].map((n) => {
          const id = `${name}-${n}`;
          const on = value !== null && n <= value;
          return (
            <span key={n}>
              <input type="radio" id={id} name={name} value={n} checked={value === n} onChange={() => onChange(n)} />
              <label htmlFor={id} data-on={on || undefined}>
                {on ? <IconStarFilled size={36} aria-hidden /> : <IconStar size={36} aria-hidden />}
                <VisuallyHidden>{t('rating.starsOf', { count: n })}</VisuallyHidden>
              </label>
            </span>
          );
        })}
      </div>
      {value !== null && (
        <Text size="sm" aria-hidden>
          {t('rating.starsOf', { count: value })}
        </Text>
      )}
      {error && (
        <Text size="sm" c="red.6" id={errorId}>
          {error}
        </Text>
      )}
    </fieldset>
  );
}
