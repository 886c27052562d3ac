import { ActionIcon, Button, Fieldset, Group, Paper, Stack, Text, Textarea } from '@mantine/core';
import { useT } from '../../i18n.ts';
import { MAX_BASES, newBasisKey, stripTrailingPunct, type BasisDraft, type DraftErrors } from './settings-draft.ts';
import { lengthError } from '../../components/length-error.ts';

interface LegalBasesEditorProps {
  value: BasisDraft[];
  onChange: (bases: BasisDraft[]) => void;
  errors: DraftErrors;
  readOnly: boolean;
}

function move<T>(list: T[], from: number, to: number): T[] {
  const next = [...list];
  const [item] = next.splice(from, 1);
  if (item !== undefined) next.splice(to, 0, item);
  return next;
}

/** "Căn cứ pháp lý" of the Mẫu 1 decision: one textarea per line, with add, remove and move up/down; trailing punctuation is dropped on blur. */
export function LegalBasesEditor({ value, onChange, errors, readOnly }: LegalBasesEditorProps) {
  const t = useT();
  const setText = (key: number, text: string) => onChange(value.map((b) => (b.key === key ? { ...b, text } : b)));
  const add = () => onChange([...value, { key: newBasisKey(), text: '' }]);

  return (
    <Fieldset legend={t('settings.legalBases')} variant="unstyled" p={0}>
      <Stack gap="xs">
        {!readOnly && (
          <Text size="sm" c="dimmed">
            {t('settings.legalBasesHint')}
          </Text>
        )}
        {value.length === 0 && (
          <Text size="sm" c="dimmed">
            {t('settings.noBases')}
          </Text>
        )}
        {value.map((b, i) => {
          const n = i + 1;
          const trailing = b.text.trim() !== stripTrailingPunct(b.text);
          return (
            <Paper key={b.key} withBorder p="xs" radius="sm">
              <Stack gap={4}>
                <Textarea
                  label={t('settings.legalBasis', { n })}
                  value={b.text}
                  onChange={(e) => setText(b.key, e.currentTarget.value)}
                  onBlur={() => !readOnly && trailing && setText(b.key, stripTrailingPunct(b.text))}
                  placeholder={t('settings.legalBasisExample')}
                  autosize
                  minRows={2}
                  maxRows={8}
                  readOnly={readOnly}
                  required={!readOnly}
                  error={errors[`bases.${b.key}`] ?? lengthError(t, t('settings.legalBasis', { n }), b.text, 600)}
                />
                {!readOnly && (
                  <Group gap={4} justify="flex-end">
                    <ActionIcon
                      variant="default"
                      onClick={() => onChange(move(value, i, i - 1))}
                      disabled={i === 0}
                      aria-label={t('settings.moveUp', { n })}
                      title={t('settings.moveUp', { n })}
                    >
                      <span aria-hidden="true">↑</span>
                    </ActionIcon>
                    <ActionIcon
                      variant="default"
                      onClick={() => onChange(move(value, i, i + 1))}
                      disabled={i === value.length - 1}
                      aria-label={t('settings.moveDown', { n })}
                      title={t('settings.moveDown', { n })}
                    >
                      <span aria-hidden="true">↓</span>
                    </ActionIcon>
                    <ActionIcon
                      variant="light"
                      color="red"
                      onClick={() => onChange(value.filter((x) => x.key !== b.key))}
                      aria-label={t('settings.removeBasis', { n })}
                      title={t('settings.removeBasis', { n })}
                    >
                      <span aria-hidden="true">✕</span>
                    </ActionIcon>
                  </Group>
                )}
              </Stack>
            </Paper>
          );
        })}
        {!readOnly && (
          <Group>
            <Button variant="light" onClick={add} disabled={value.length >= MAX_BASES}>
              {t('settings.addBasis')}
            </Button>
          </Group>
        )}
      </Stack>
    </Fieldset>
  );
}
