import { useRef } from 'react';
import { ActionIcon, TextInput, type TextInputProps } from '@mantine/core';
import { formatDate } from '../../shared/dates.ts';
import { useT } from '../i18n.ts';
import { useDateText } from '../use-date-text.ts';

/** What a DateField takes: a calendar date (YYYY-MM-DD, '' for none) in and out. */
export interface DateFieldProps extends Omit<TextInputProps, 'value' | 'onChange' | 'type' | 'min' | 'max'> {
  value: string;
  /** The date typed or picked (YYYY-MM-DD), or '' while the text is empty or not a date. */
  onChange: (iso: string) => void;
  min?: string;
  max?: string;
}

function CalendarIcon() {
  return (
    <svg width="16" height="16" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" aria-hidden="true">
      <rect x="3" y="5" width="18" height="16" rx="2" />
      <path d="M3 10h18M8 3v4M16 3v4" />
    </svg>
  );
}

/**
 * A date field that reads and writes dd/mm/yyyy whatever the browser's language (a native
 * `<input type=date>` follows the browser: mm/dd/yyyy in an English Chromium). Digits typed get
 * their slashes; "5/3/2026" and "2026-03-05" are read too; the calendar button opens the
 * browser's own date picker.
 */
export function DateField({ value, onChange, min, max, error, disabled, ...rest }: DateFieldProps) {
  const t = useT();
  const date = useDateText(value, onChange, { min, max });
  const picker = useRef<HTMLInputElement>(null);
  const problems = {
    invalid: t('date.invalid'),
    early: t('date.tooEarly', { date: formatDate(min) }),
    late: t('date.tooLate', { date: formatDate(max) }),
  };
  return (
    <TextInput
      {...rest}
      value={date.text}
      onChange={(e) => date.type(e.currentTarget.value)}
      onBlur={date.blur}
      inputMode="numeric"
      autoComplete="off"
      placeholder={t('date.placeholder')}
      maxLength={10}
      disabled={disabled}
      error={error ?? (date.problem && problems[date.problem])}
      rightSectionPointerEvents="all"
      rightSection={
        <span style={{ position: 'relative', display: 'inline-flex' }}>
          <ActionIcon
            variant="subtle"
            color="gray"
            aria-label={t('date.pick')}
            disabled={disabled}
            onClick={() => picker.current?.showPicker?.()}
          >
            <CalendarIcon />
          </ActionIcon>
          {/* The browser's picker, opened by the button; never shown or focused itself. */}
          <input
            ref={picker}
            type="date"
            tabIndex={-1}
            aria-hidden="true"
            value={date.parsed ?? ''}
            min={min}
            max={max}
            onChange={(e) => date.pick(e.currentTarget.value)}
            style={{ position: 'absolute', inset: 0, opacity: 0, pointerEvents: 'none' }}
          />
        </span>
      }
    />
  );
}
