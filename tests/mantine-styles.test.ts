import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { mantineComponents, mantineCss } from '../scripts/mantine-styles.ts';

const MANTINE = fileURLToPath(new URL('../node_modules/@mantine/core', import.meta.url));

describe('only the Mantine styles the client uses', () => {
  it('follows Mantine from a component to the ones it is built from', () => {
    const used = mantineComponents(MANTINE, ['Select', 'Modal']);
    for (const c of ['Select', 'Combobox', 'Input', 'Popover', 'ScrollArea', 'CloseButton', 'Modal', 'ModalBase', 'Overlay', 'Paper']) {
      expect(used, c).toContain(c);
    }
    expect(used).not.toContain('Button');
    expect(mantineComponents(MANTINE, ['useMantineTheme', 'NotAComponent'])).toEqual([]);
  });

  it("keeps Mantine's order: global styles first, a component after those it builds on", () => {
    const css = mantineCss(MANTINE, ['Button', 'UnstyledButton', 'Loader']);
    const at = (marker: string) => css.indexOf(marker);
    expect(at(':root')).toBeGreaterThanOrEqual(0);
    expect(at('.m_87cf2631')).toBeLessThan(at('.m_77c9d27d')); // UnstyledButton before Button
    expect(css).not.toContain('.m_8983817'); // AppShell's main, not asked for
  });
});
