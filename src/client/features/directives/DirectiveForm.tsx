import { useState } from 'react';
import { ActionIcon, Button, Checkbox, FileInput, Group, Paper, Select, Stack, Text, TextInput, Textarea, Title } from '@mantine/core';
import { DIRECTIVE_KINDS, TASK_RETURNS, type TaskReturns } from '../../../shared/schemas/directives.ts';
import type { Structure } from '../../../shared/schemas/org-units.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { UnitPicker, type PickedUnit } from '../../components/UnitPicker.tsx';
import { useT } from '../../i18n.ts';
import { useCreateDirective } from './directives-api.ts';
import { vnToday } from '../../../shared/dates.ts';
import { DateField } from '../../components/DateField.tsx';

interface TaskDraft {
  title: string;
  dueOn: string;
  returns: TaskReturns;
}

const emptyTask = (): TaskDraft => ({ title: '', dueOn: '', returns: 'report' });

/** The issuer's form: letter header, recipients (units or every commune), tasks, signed PDF. */
export function DirectiveForm({
  structure,
  issuer,
  onCreated,
}: {
  structure: Structure;
  issuer: PickedUnit;
  onCreated: (id: string) => void;
}) {
  const t = useT();
  const create = useCreateDirective();
  const [kind, setKind] = useState<string>('cong_van');
  const [numberSymbol, setNumberSymbol] = useState('');
  const [issuedOn, setIssuedOn] = useState(vnToday);
  const [issuerName, setIssuerName] = useState('');
  const [excerpt, setExcerpt] = useState('V/v ');
  const [allCommunes, setAllCommunes] = useState(false);
  const [units, setUnits] = useState<PickedUnit[]>([]);
  const [tasks, setTasks] = useState<TaskDraft[]>([emptyTask()]);
  const [pdf, setPdf] = useState<File | null>(null);
  const setTask = (i: number, patch: Partial<TaskDraft>) =>
    setTasks((all) => all.map((task, j) => (j === i ? { ...task, ...patch } : task)));

  const submit = () => {
    const recipients = [...(allCommunes ? [{ allCommunesOf: issuer.code }] : []), ...units.map((u) => u.code)];
    create.mutate(
      {
        body: {
          structure,
          issuerUnitCode: issuer.code,
          kind: kind as (typeof DIRECTIVE_KINDS)[number],
          numberSymbol,
          issuedOn: issuedOn || null,
          issuerName,
          excerpt,
          recipients,
          tasks: tasks.map((task) => ({ ...task, dueOn: task.dueOn || null })),
        },
        pdf,
      },
      { onSuccess: (created) => onCreated(created.id) },
    );
  };

  return (
    <Paper withBorder p="md">
      <Stack gap="sm">
        <Title order={3}>{t('directives.new')}</Title>
        <Group grow align="flex-start">
          <Select
            label={t('directives.kind')}
            data={DIRECTIVE_KINDS.map((k) => ({ value: k, label: t(`directives.kind.${k}`) }))}
            value={kind}
            onChange={(v) => setKind(v ?? 'cong_van')}
          />
          <TextInput
            label={t('directives.numberSymbol')}
            placeholder="1234/STTTT-CĐS"
            value={numberSymbol}
            onChange={(e) => setNumberSymbol(e.currentTarget.value)}
          />
          <DateField label={t('directives.issuedOn')} value={issuedOn} onChange={setIssuedOn} />
        </Group>
        <TextInput
          label={t('directives.issuerName')}
          placeholder={issuer.name}
          value={issuerName}
          onChange={(e) => setIssuerName(e.currentTarget.value)}
        />
        <Textarea
          label={t('directives.excerpt')}
          value={excerpt}
          onChange={(e) => setExcerpt(e.currentTarget.value)}
          autosize
          minRows={1}
        />
        <Text fw={600}>{t('directives.recipients')}</Text>
        <Checkbox label={t('directives.allCommunes')} checked={allCommunes} onChange={(e) => setAllCommunes(e.currentTarget.checked)} />
        <UnitPicker
          structure={structure}
          level={null}
          value={null}
          label={t('directives.addRecipient')}
          onChange={(u) => u && setUnits((all) => (all.some((x) => x.code === u.code) ? all : [...all, u]))}
        />
        <Group gap="xs">
          {units.map((u) => (
            <Button key={u.code} size="xs" variant="light" onClick={() => setUnits((all) => all.filter((x) => x.code !== u.code))}>
              {u.name} ×
            </Button>
          ))}
        </Group>
        <Text fw={600}>{t('directives.tasks')}</Text>
        {tasks.map((task, i) => (
          <Group key={i} align="flex-end" wrap="nowrap">
            <TextInput
              style={{ flex: 3 }}
              label={`${t('directives.taskTitle')} ${i + 1}`}
              value={task.title}
              onChange={(e) => setTask(i, { title: e.currentTarget.value })}
            />
            <DateField label={`${t('directives.dueOn')} ${i + 1}`} value={task.dueOn} onChange={(dueOn) => setTask(i, { dueOn })} />
            <Select
              label={`${t('directives.returns')} ${i + 1}`}
              data={TASK_RETURNS.map((r) => ({ value: r, label: t(`directives.returns.${r}`) }))}
              value={task.returns}
              onChange={(v) => setTask(i, { returns: (v ?? 'report') as TaskReturns })}
            />
            <ActionIcon
              variant="subtle"
              color="red"
              aria-label={t('directives.remove')}
              disabled={tasks.length === 1}
              onClick={() => setTasks((all) => all.filter((_, j) => j !== i))}
            >
              ×
            </ActionIcon>
          </Group>
        ))}
        <Group>
          <Button variant="light" onClick={() => setTasks((all) => [...all, emptyTask()])}>
            {t('directives.addTask')}
          </Button>
        </Group>
        <FileInput label={t('directives.signedPdf')} accept="application/pdf" value={pdf} onChange={setPdf} clearable />
        {create.error ? <ErrorAlert error={create.error} /> : null}
        <Group>
          <Button onClick={submit} loading={create.isPending}>
            {t('directives.save')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
