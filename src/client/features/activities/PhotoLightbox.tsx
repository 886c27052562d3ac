import { useEffect, useState } from 'react';
import { ActionIcon, Anchor, Group, Image, Modal, Stack, UnstyledButton } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import type { Activity } from '../../../shared/schemas/activities.ts';
import { useT } from '../../i18n.ts';

type Photo = Activity['photos'][number];

interface LightboxProps {
  photos: Photo[];
  index: number | null;
  onIndex: (index: number | null) => void;
  alt: (n: number) => string;
}

/** Full-size photo viewer: next/prev buttons, ← → keys, Esc or the close button to leave. */
export function PhotoLightbox({ photos, index, onIndex, alt }: LightboxProps) {
  const t = useT();
  const isPhone = useMediaQuery('(max-width: 36em)');
  const total = photos.length;
  const opened = index !== null && total > 0;
  const go = (step: number) => index !== null && onIndex((index + step + total) % total);

  useEffect(() => {
    if (!opened || total < 2) return undefined;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'ArrowRight') onIndex(((index ?? 0) + 1) % total);
      else if (e.key === 'ArrowLeft') onIndex(((index ?? 0) - 1 + total) % total);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [opened, index, total, onIndex]);

  const photo = index === null ? undefined : photos[index];
  return (
    <Modal
      opened={opened}
      onClose={() => onIndex(null)}
      title={index === null ? '' : t('lightbox.title', { n: index + 1, total })}
      size="auto"
      fullScreen={isPhone}
      centered
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      {photo && index !== null && (
        <Stack gap="xs" align="center">
          <Image
            src={photo.url}
            alt={alt(index + 1)}
            fit="contain"
            mah={isPhone ? 'calc(100dvh - 160px)' : '75vh'}
            maw="min(90vw, 1200px)"
            w="auto"
          />
          <Group justify="space-between" w="100%" wrap="nowrap">
            <ActionIcon
              variant="default"
              size="lg"
              onClick={() => go(-1)}
              disabled={total < 2}
              aria-label={t('lightbox.prev')}
              title={t('lightbox.prev')}
            >
              <span aria-hidden="true">←</span>
            </ActionIcon>
            <Anchor href={photo.url} target="_blank" rel="noopener noreferrer" size="sm">
              {t('lightbox.original')}
            </Anchor>
            <ActionIcon
              variant="default"
              size="lg"
              onClick={() => go(1)}
              disabled={total < 2}
              aria-label={t('lightbox.next')}
              title={t('lightbox.next')}
            >
              <span aria-hidden="true">→</span>
            </ActionIcon>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}

/** A row of thumbnails, each opening the lightbox at its photo. */
export function PhotoThumbs({ photos, alt }: { photos: Photo[]; alt: (n: number) => string }) {
  const t = useT();
  const [index, setIndex] = useState<number | null>(null);
  if (photos.length === 0) return null;
  return (
    <>
      <Group gap={6} role="group" aria-label={t('activities.photos')}>
        {photos.map((p, i) => (
          <UnstyledButton
            key={p.id}
            onClick={() => setIndex(i)}
            aria-label={t('lightbox.open', { n: i + 1 })}
            style={{ borderRadius: 4, overflow: 'hidden', lineHeight: 0 }}
          >
            <Image src={p.thumbUrl} alt={alt(i + 1)} w={88} h={88} fit="cover" loading="lazy" />
          </UnstyledButton>
        ))}
      </Group>
      <PhotoLightbox photos={photos} index={index} onIndex={setIndex} alt={alt} />
    </>
  );
}
