import { useEffect } from 'react';
import { Anchor, Badge, Group, Stack, Text, Title } from '@mantine/core';
import { useParams } from 'wouter';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { PageLoader } from '../../components/PageLoader.tsx';
import { useT } from '../../i18n.ts';
import { ComplianceMatrix } from './ComplianceMatrix.tsx';
import { useDirective, useOpenDirective } from './directives-api.ts';
import { TaskAnswerCard } from './TaskAnswerCard.tsx';
import { formatDate } from '../../../shared/dates.ts';

/** One directive: its header and signed PDF; the issuer's matrix, or the recipient's "Việc cần làm". */
export function DirectivePage() {
  const t = useT();
  const { id } = useParams<{ id: string }>();
  const directive = useDirective(id);
  const open = useOpenDirective(id);
  const isUnopened = directive.data?.isUnopened === true;
  const { mutate: recordOpening, isIdle } = open;
  // The letter is on screen: tell the issuer it was opened (once; the server records the first time only).
  useEffect(() => {
    if (isUnopened && isIdle) recordOpening();
  }, [isUnopened, isIdle, recordOpening]);
  if (directive.error) return <ErrorAlert error={directive.error} />;
  if (!directive.data) return <PageLoader />;
  const d = directive.data;
  return (
    <Stack>
      <Stack gap={4}>
        <Group gap="xs">
          <Badge variant="light">{t(`directives.kind.${d.kind}`)}</Badge>
          <Text fw={600}>{d.numberSymbol}</Text>
          <Text c="dimmed">{d.issuedOnText ?? formatDate(d.issuedOn)}</Text>
        </Group>
        <Title order={2}>{d.excerpt}</Title>
        <Text>{d.issuerName}</Text>
        {d.signedFileUrl ? (
          <Anchor href={d.signedFileUrl} target="_blank">
            {t('directives.viewPdf')}: {d.signedFileName}
          </Anchor>
        ) : null}
      </Stack>
      {d.myTasks.length > 0 ? (
        <Stack>
          <Title order={3}>{t('directives.myTasks')}</Title>
          {d.myTasks.map((task) => (
            <TaskAnswerCard key={`${task.id}:${task.unitCode}:${task.status}`} task={task} />
          ))}
        </Stack>
      ) : null}
      {d.isIssuer ? <ComplianceMatrix directiveId={d.id} /> : null}
    </Stack>
  );
}
