import { describe, expect, it } from 'vitest';
import { wrappedLineCount } from './text-metrics.ts';
import { splitLines, textHeight } from './xlsx-layout.ts';

const SENTENCE = 'Tổ đã hướng dẫn người dân cài đặt ứng dụng VNeID và sử dụng dịch vụ công trực tuyến tại nhà văn hóa khóm.';

describe('splitLines', () => {
  it('keeps a paragraph that fits in one piece', () => {
    expect(splitLines(SENTENCE, 130, 20)).toEqual([SENTENCE]);
  });

  it('cuts a long paragraph at sentence ends into pieces a row can hold, losing nothing', () => {
    const paragraph = Array.from({ length: 60 }, () => SENTENCE).join(' ');
    const pieces = splitLines(paragraph, 130, 20);
    expect(pieces.length).toBeGreaterThan(1);
    expect(pieces.join(' ')).toBe(paragraph);
    for (const piece of pieces) {
      expect(piece.endsWith('.')).toBe(true);
      expect(wrappedLineCount(piece, (7 * 130 - 5) * 0.75, 12, false)).toBeLessThanOrEqual(20);
    }
  });

  it('cuts between words when a sentence alone is too long', () => {
    const sentence = Array.from({ length: 400 }, (_, i) => `từ${i}`).join(' ');
    const pieces = splitLines(sentence, 40, 5);
    expect(pieces.join(' ')).toBe(sentence);
    expect(pieces.every((p) => wrappedLineCount(p, (7 * 40 - 5) * 0.75, 12, false) <= 5)).toBe(true);
  });
});

describe('textHeight', () => {
  it('grows with the lines wrapped text takes', () => {
    expect(textHeight('Tổ viên', 28, 12, false)).toBe(18);
    // Three lines of 15 pt, plus 3 pt of padding.
    expect(textHeight('Tổ viên (Chi hội trưởng Chi hội Phụ nữ khóm kiêm Bí thư Chi đoàn)', 28, 12, false)).toBe(48);
  });
});
