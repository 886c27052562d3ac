import { useState, type FormEvent } from 'react';
import { Button, Group, Modal, SimpleGrid, Stack, TextInput } from '@mantine/core';
import type { Structure } from '../../../shared/schemas/org-units.ts';
import { officialInputSchema, type Official } from '../../../shared/schemas/officials.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { useT } from '../../i18n.ts';
import { blankToNull } from '../teams/labels.ts';
import { useCreateOfficial, useUpdateOfficial, type OfficialInput } from './officials-api.ts';
import { lengthError } from '../../components/length-error.ts';
import { useSchemaCheck } from '../../components/use-schema-check.ts';

interface OfficialFormModalProps {
  opened: boolean;
  onClose: () => void;
  structure: Structure;
  communeCode: string;
  /** The official to edit; null to add a new one. */
  official: Official | null;
}

/** Body for the API; a blank CCCD is left out so that editing never erases the stored number. */
function officialInput(d: { fullName: string; position: string; phone: string; cccd: string }): OfficialInput {
  const cccd = blankToNull(d.cccd);
  return {
    fullName: d.fullName.trim(),
    position: blankToNull(d.position),
    phone: blankToNull(d.phone),
    ...(cccd ? { cccd } : {}),
  };
}

function OfficialForm({ structure, communeCode, official, onClose }: Omit<OfficialFormModalProps, 'opened'>) {
  const t = useT();
  const create = useCreateOfficial(structure, communeCode);
  const update = useUpdateOfficial(structure, communeCode);
  const mutation = official ? update : create;
  const [fullName, setFullName] = useState(official?.fullName ?? '');
  const [position, setPosition] = useState(official?.position ?? '');
  const [phone, setPhone] = useState(official?.phone ?? '');
  const [cccd, setCccd] = useState('');
  const { errors, check } = useSchemaCheck(officialInputSchema);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const body = check(officialInput({ fullName, position, phone, cccd }));
    if (!body) return;
    if (official) update.mutate({ id: official.id, body }, { onSuccess: onClose });
    else create.mutate(body, { onSuccess: onClose });
  };

  return (
    <Stack component="form" onSubmit={onSubmit} gap="sm">
      <ErrorAlert error={mutation.error} />
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs">
        <TextInput
          label={t('officials.fullName')}
          value={fullName}
          onChange={(e) => setFullName(e.currentTarget.value)}
          required
          error={errors.fullName ?? lengthError(t, t('officials.fullName'), fullName, 120)}
          autoComplete="off"
          data-autofocus
        />
        <TextInput
          label={t('officials.position')}
          placeholder={t('officials.positionExample')}
          value={position}
          onChange={(e) => setPosition(e.currentTarget.value)}
          error={errors.position ?? lengthError(t, t('officials.position'), position, 200)}
          autoComplete="off"
        />
        <TextInput
          label={t('officials.phone')}
          type="tel"
          inputMode="tel"
          value={phone}
          onChange={(e) => setPhone(e.currentTarget.value)}
          error={errors.phone ?? lengthError(t, t('officials.phone'), phone, 30)}
          autoComplete="off"
        />
        <TextInput
          label={t('officials.cccd')}
          description={official?.cccdMasked ? `${official.cccdMasked} · ${t('officials.cccdKeep')}` : undefined}
          value={cccd}
          onChange={(e) => setCccd(e.currentTarget.value)}
          inputMode="numeric"
          error={errors.cccd ?? lengthError(t, t('officials.cccd'), cccd, 20)}
          autoComplete="off"
        />
      </SimpleGrid>
      <Group justify="flex-end">
        <Button variant="default" onClick={onClose}>
          {t('common.cancel')}
        </Button>
        <Button type="submit" loading={mutation.isPending} disabled={!fullName.trim()}>
          {t('common.save')}
        </Button>
      </Group>
    </Stack>
  );
}

/** Modal form "Thêm cán bộ phụ trách" / "Sửa thông tin …": Họ tên, Chức vụ, Số điện thoại di động, Số CCCD. */
export function OfficialFormModal(props: OfficialFormModalProps) {
  const t = useT();
  const { opened, onClose, official } = props;
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={official ? t('officials.editTitle', { name: official.fullName }) : t('officials.addTitle')}
      size="lg"
      centered
    >
      <OfficialForm key={official?.id ?? 'new'} {...props} />
    </Modal>
  );
}
