import { foldVietnamese } from './text.ts';

/** Recorded gender of a person. */
export type Gender = 'male' | 'female';

/** Middle names that, in practice, only men or only women carry (folded). */
const MALE_MIDDLE = new Set(['van', 'duc', 'huu', 'ba', 'dinh', 'cong', 'trong', 'quoc']);
const FEMALE_MIDDLE = new Set(['thi']);

/**
 * A proposal for a person's gender from the middle name(s): "Văn", "Đức", "Hữu"… → male, "Thị" →
 * female; null when the name says nothing or says both. Only a proposal: someone confirms it.
 */
export function proposeGender(fullName: string): Gender | null {
  const words = foldVietnamese(fullName).split(' ');
  const middle = words.slice(1, -1);
  const male = middle.some((w) => MALE_MIDDLE.has(w));
  const female = middle.some((w) => FEMALE_MIDDLE.has(w));
  return male === female ? null : male ? 'male' : 'female';
}
