import type { TFunction } from '../i18n.ts';

/**
 * The error under a text field whose value is longer than the API accepts: the text is refused
 * with a message naming the field ("Họ tên tối đa 120 ký tự"), never cut by the browser.
 */
export function lengthError(t: TFunction, label: string, value: string | null | undefined, max: number | undefined): string | undefined {
  return max !== undefined && (value ?? '').trim().length > max
    ? t('common.tooLong', { label, max: max.toLocaleString('vi-VN') })
    : undefined;
}
