import { useEffect, useMemo } from 'react';
import { ActionIcon, Button, FileButton, Group, Image, Stack, Text } from '@mantine/core';
import type { Activity } from '../../../shared/schemas/activities.ts';
import { useT } from '../../i18n.ts';
import { PHOTO_TYPES } from './photo-upload.ts';

interface TileProps {
  src: string | undefined;
  alt: string;
  label: string;
  /** Marked for removal: dimmed, and the button puts it back. */
  isRemoved?: boolean;
  disabled?: boolean;
  onToggle: () => void;
}

function Tile({ src, alt, label, isRemoved, disabled, onToggle }: TileProps) {
  return (
    <div style={{ position: 'relative' }}>
      <Image src={src} alt={alt} w={72} h={72} fit="cover" radius="sm" style={{ opacity: isRemoved ? 0.3 : 1 }} />
      <ActionIcon
        size="sm"
        radius="xl"
        variant="filled"
        color={isRemoved ? 'blue' : 'dark'}
        pos="absolute"
        top={3}
        right={3}
        disabled={disabled}
        onClick={onToggle}
        aria-label={label}
        aria-pressed={isRemoved}
        title={label}
      >
        <span aria-hidden="true">{isRemoved ? '↺' : '✕'}</span>
      </ActionIcon>
    </div>
  );
}

interface PhotoPickerProps {
  value: File[];
  onChange: (files: File[]) => void;
  /** How many more photos the activity may take. */
  room: number;
  disabled?: boolean;
}

/** Chooses photos to attach, with previews; never more than `room`. */
export function PhotoPicker({ value, onChange, room, disabled }: PhotoPickerProps) {
  const t = useT();
  const previews = useMemo(() => value.map((f) => URL.createObjectURL(f)), [value]);
  useEffect(() => () => previews.forEach((u) => URL.revokeObjectURL(u)), [previews]);
  const left = room - value.length;
  return (
    <Stack gap={6}>
      <Group gap="xs">
        <FileButton onChange={(files) => onChange([...value, ...files].slice(0, room))} accept={PHOTO_TYPES} multiple>
          {(props) => (
            <Button {...props} variant="default" size="xs" disabled={disabled || left <= 0}>
              {t('activities.photosInput')}
            </Button>
          )}
        </FileButton>
        <Text size="xs" c="dimmed">
          {t('activities.photosRemaining', { n: Math.max(0, left) })}
        </Text>
      </Group>
      {value.length > 0 && (
        <Group gap={6}>
          {value.map((file, i) => (
            <Tile
              key={`${file.name}-${file.size}-${file.lastModified}`}
              src={previews[i]}
              alt={file.name}
              label={t('activities.removePhoto', { name: file.name })}
              disabled={disabled}
              onToggle={() => onChange(value.filter((_, j) => j !== i))}
            />
          ))}
        </Group>
      )}
    </Stack>
  );
}

interface ExistingPhotosProps {
  activity: Activity;
  /** Ids marked for deletion (deleted when the form is saved). */
  removed: string[];
  onChange: (removed: string[]) => void;
  disabled?: boolean;
}

/** The photos an activity already has (edit form): each can be marked for deletion, and unmarked. */
export function ExistingPhotos({ activity, removed, onChange, disabled }: ExistingPhotosProps) {
  const t = useT();
  if (activity.photos.length === 0) return null;
  return (
    <Group gap={6}>
      {activity.photos.map((photo, i) => {
        const isRemoved = removed.includes(photo.id);
        return (
          <Tile
            key={photo.id}
            src={photo.thumbUrl}
            alt={t('lightbox.open', { n: i + 1 })}
            label={t(isRemoved ? 'activities.keepPhoto' : 'activities.deletePhoto', { n: i + 1 })}
            isRemoved={isRemoved}
            disabled={disabled}
            onToggle={() => onChange(isRemoved ? removed.filter((id) => id !== photo.id) : [...removed, photo.id])}
          />
        );
      })}
    </Group>
  );
}
