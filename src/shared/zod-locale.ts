import { z } from 'zod';
import { fieldLabel } from './field-labels.ts';

const vi = z.locales.vi();

/**
 * Default validation messages in Vietnamese, naming the field as users see it (schemas override
 * the ones users see most with their own text). A text too long or too short says so plainly
 * ("Họ tên tối đa 120 ký tự"); anything else is the Vietnamese message after the field's name.
 */
z.config({
  localeError: vi.localeError,
  customError: (issue) => {
    const label = fieldLabel(issue.path ?? []);
    if (!label) return undefined;
    if (issue.code === 'too_big' && issue.origin === 'string')
      return `${label} tối đa ${Number(issue.maximum).toLocaleString('vi-VN')} ký tự`;
    if (issue.code === 'too_small' && issue.origin === 'string') {
      return Number(issue.minimum) <= 1
        ? `${label} không được để trống`
        : `${label} tối thiểu ${Number(issue.minimum).toLocaleString('vi-VN')} ký tự`;
    }
    const message = vi.localeError(issue);
    const text = typeof message === 'string' ? message : message?.message;
    return text ? `${label}: ${text.charAt(0).toLowerCase()}${text.slice(1)}` : undefined;
  },
});
