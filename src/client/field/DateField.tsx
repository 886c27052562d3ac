import { useId, useRef } from 'react';
import { formatDate } from '../../shared/dates.ts';
import { useDateText } from '../use-date-text.ts';
import { t } from './strings.ts';

/**
 * The field app's date: dd/mm/yyyy typed on the phone's number pad (the slashes come by
 * themselves) or picked on the phone's own calendar, whatever language the phone is set to.
 */
export function DateField(props: { label: string; value: string; max?: string; onChange: (iso: string) => void }) {
  const date = useDateText(props.value, props.onChange, { max: props.max });
  const picker = useRef<HTMLInputElement>(null);
  const id = useId();
  const error =
    date.problem === 'invalid' ? t('dateInvalid') : date.problem === 'late' ? t('dateLate', { date: formatDate(props.max) }) : null;
  return (
    <div className="field grow">
      <label htmlFor={id}>{props.label}</label>
      <div className="date-input">
        <input
          id={id}
          type="text"
          inputMode="numeric"
          autoComplete="off"
          placeholder="dd/mm/yyyy"
          maxLength={10}
          required
          value={date.text}
          aria-invalid={error !== null}
          aria-describedby={error ? `${id}-error` : undefined}
          onChange={(e) => date.type(e.target.value)}
          onBlur={date.blur}
        />
        <button type="button" className="date-pick" aria-label={t('datePick')} onClick={() => picker.current?.showPicker?.()}>
          <svg width="22" height="22" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" aria-hidden="true">
            <rect x="3" y="5" width="18" height="16" rx="2" />
            <path d="M3 10h18M8 3v4M16 3v4" />
          </svg>
        </button>
        {/* The phone's own picker, opened by the button; never shown or focused itself. */}
        <input
          ref={picker}
          type="date"
          tabIndex={-1}
          aria-hidden="true"
          className="date-native"
          value={date.parsed ?? ''}
          max={props.max}
          onChange={(e) => date.pick(e.target.value)}
        />
      </div>
      {error && (
        <p id={`${id}-error`} className="error small">
          {error}
        </p>
      )}
    </div>
  );
}
